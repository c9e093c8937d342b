/**
 * A CORS reverse proxy in front of a test Orthanc: Debian's nginx on a free loopback port with a
 * config written here (the recipe of docs/pacs.md, "Reading from another origin"): `/dicom-web/`
 * forwarded to Orthanc, CORS headers for one allowed origin, preflight answered by nginx. Orthanc
 * itself has no CORS setting, so this is how a browser app on another origin reads it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './orthanc.js';

export interface CorsProxy {
  /** http://127.0.0.1:PORT — the proxy's origin; DICOMweb at `${origin}/dicom-web`. */
  origin: string;
  stop(): Promise<void>;
}

const NGINX = '/usr/sbin/nginx';

/** Why the proxy cannot run here, or undefined when it can. */
export function corsProxyMissing(): string | undefined {
  try {
    execFileSync(NGINX, ['-v'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'nginx is not installed (apt-get install nginx)';
  }
}

/**
 * The nginx configuration: DICOMweb of `orthanc` under `/dicom-web/` on `port`, readable with an
 * `Authorization` header from the origins that match `allowOrigins` (an nginx regular expression;
 * any other origin gets no CORS headers, so its browser refuses the response). Responses stream
 * through (no buffering to disk).
 */
export function corsProxyConfig(options: { dir: string; port: number; orthanc: string; allowOrigins: string }): string {
  const { dir, port, orthanc, allowOrigins } = options;
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # The allowed origins; an empty value means no header, so the browser refuses the response.
  map $http_origin $cors_origin {
    default "";
    "~${allowOrigins}" $http_origin;
  }
  server {
    listen 127.0.0.1:${port};
    location /dicom-web/ {
      # Preflight (Authorization and a multipart Accept are not CORS-safelisted): answered here.
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin $cors_origin always;
        add_header Access-Control-Allow-Methods "GET, POST, OPTIONS" always;
        add_header Access-Control-Allow-Headers "Authorization, Accept, Content-Type" always;
        add_header Access-Control-Max-Age 600 always;
        add_header Vary Origin always;
        return 204;
      }
      add_header Access-Control-Allow-Origin $cors_origin always;
      add_header Vary Origin always;
      proxy_pass ${orthanc};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      client_max_body_size 0;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

/** Starts nginx in front of `orthanc` (an origin like http://127.0.0.1:8042) for the origins matching `allowOrigins`. */
export async function startCorsProxy(orthanc: string, allowOrigins: string, startTimeoutMs = 15_000): Promise<CorsProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'sonorisk-nginx-'));
  chmodSync(dir, 0o755); // the worker (nobody when started as root) creates its temp folders here
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), corsProxyConfig({ dir, port, orthanc, allowOrigins }));
  const proc: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      const done = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGQUIT'); // graceful stop of master and worker
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`nginx exited at start:\n${log}`);
    }
    try {
      const r = await fetch(`${origin}/dicom-web/studies`, { method: 'OPTIONS' });
      if (r.status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start within the time limit:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, stop };
}
