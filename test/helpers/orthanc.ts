/**
 * Starts a real Orthanc (Debian `orthanc` + `orthanc-dicomweb`) for a test or benchmark: a free
 * loopback port, a temporary storage folder, a config file written here (DICOMweb at /dicom-web/,
 * remote access off, DICOM port off, basic auth with a test user), and stops it afterwards.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OrthancServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The DICOMweb base URL: `${origin}/dicom-web`. */
  dicomWeb: string;
  /** Headers with the test user's basic-auth credentials. */
  headers: Record<string, string>;
  user: { name: string; password: string };
  /** Stores one DICOM file through Orthanc's REST API; returns Orthanc's answer. */
  upload(bytes: Uint8Array): Promise<{ ID: string; Status: string }>;
  stop(): Promise<void>;
}

/** Why Orthanc cannot run here, or undefined when it can. */
export function orthancMissing(): string | undefined {
  try {
    execFileSync('Orthanc', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'Orthanc is not installed (apt-get install orthanc orthanc-dicomweb)';
  }
  return dicomWebPlugin() ? undefined : 'the Orthanc DICOMweb plugin is not installed (apt-get install orthanc-dicomweb)';
}

/** The plugin library that `dpkg -L orthanc-dicomweb` lists. */
export function dicomWebPlugin(): string | undefined {
  try {
    const files = execFileSync('dpkg', ['-L', 'orthanc-dicomweb'], { encoding: 'utf8' }).split('\n');
    return files.find((f) => /libOrthancDicomWeb\.so/.test(f) && !f.endsWith('/'));
  } catch {
    return undefined;
  }
}

/** A TCP port free on 127.0.0.1 now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Starts Orthanc and waits until it answers (at most `startTimeoutMs`). */
export async function startOrthanc(options: { startTimeoutMs?: number; config?: Record<string, unknown> } = {}): Promise<OrthancServer> {
  const plugin = dicomWebPlugin();
  if (!plugin) throw new Error('orthanc-dicomweb is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'sonorisk-orthanc-'));
  const port = await freePort();
  const user = { name: 'sonorisk', password: 'test-secret-42' };
  const config = {
    Name: 'sonorisk-test',
    StorageDirectory: join(dir, 'db'),
    IndexDirectory: join(dir, 'db'),
    HttpPort: port,
    DicomServerEnabled: false,
    DicomPort: 0,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [user.name]: user.password },
    HttpCompressionEnabled: false,
    StorageCompression: false,
    OverwriteInstances: true,
    LimitFindResults: 0,
    LimitFindInstances: 0,
    Plugins: [plugin],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false },
    ...(options.config ?? {}),
  };
  writeFileSync(join(dir, 'orthanc.json'), JSON.stringify(config, null, 2));
  const proc: ChildProcess = spawn('Orthanc', [join(dir, 'orthanc.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const headers = { Authorization: `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}` };
  let exited = false;
  proc.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) {
      const done = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`Orthanc exited at start:\n${log}`);
    }
    try {
      const r = await fetch(`${origin}/system`, { headers });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not start within the time limit:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    dicomWeb: `${origin}/dicom-web`,
    headers,
    user,
    async upload(bytes) {
      const r = await fetch(`${origin}/instances`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/dicom' }, body: bytes as Uint8Array<ArrayBuffer> });
      if (!r.ok) throw new Error(`Orthanc refused the upload: HTTP ${r.status} ${await r.text()}`);
      return (await r.json()) as { ID: string; Status: string };
    },
    stop,
  };
}
