/**
 * The hostile files of issue #17 (built by scripts/fixtures/decode-hostile.py): sequence-item floods,
 * deflate bombs, a truncated JPEG-LS frame, a JP2 with a decoy SIZ. Each runs in its own child process
 * (hostile-child.ts) so that its peak resident memory is its own: the outcome must be the expected
 * SonoriskError or frame 0 equal to pydicom's, and the memory it adds must stay under 600 MiB
 * (deflate bombs: under maxBytes + 48 MiB). Times are printed, not asserted (docs/dicom.md records them).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Entry {
  file: string;
  expect: string;
  frame0Sha256?: string;
  maxBytes?: number;
}
interface Result {
  outcome: string;
  sha?: string;
  seconds: number;
  peakMiB: number;
  rssBeforeMiB: number;
}

const manifest = JSON.parse(readFileSync('test/fixtures/decode/hostile/manifest.json', 'utf8')) as { files: Entry[] };
const MiB = 2 ** 20;

/** Files whose memory matters run alone; the light ones share one child (fewer Node start-ups). */
const LIGHT = new Set(['flood_regions.dcm', 'jpegls_truncated.dcm', 'jp2_decoy.dcm', 'jp2_wrapped.dcm']);
const nameOf = (e: Entry) => e.file.split('/').pop()!;

function runChild(names: string[]): Map<string, Result> {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=600', '--import', 'tsx', 'test/preprocess/dicom/hostile-child.ts', ...names], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`hostile-child failed (${child.status}): ${child.stderr}`);
  const out = new Map<string, Result>();
  for (const line of child.stdout.trim().split('\n')) {
    const r = JSON.parse(line) as Result & { file: string };
    out.set(r.file.split('/').pop()!, r);
  }
  return out;
}

describe('hostile files: a SonoriskError or a correct frame, bounded memory', () => {
  let light: Map<string, Result> | undefined;
  for (const e of manifest.files) {
    const name = nameOf(e);
    it(`${name} → ${e.expect}`, () => {
      let r: Result | undefined;
      if (LIGHT.has(name)) {
        light ??= runChild(manifest.files.map(nameOf).filter((n) => LIGHT.has(n)));
        r = light.get(name);
      } else r = runChild([name]).get(name);
      if (!r) throw new Error(`no result for ${name}`);
      console.log(`${name}: ${r.outcome} in ${r.seconds.toFixed(2)} s, +${(r.peakMiB - r.rssBeforeMiB).toFixed(0)} MiB`);
      expect(r.outcome).toBe(e.expect);
      if (e.frame0Sha256) expect(r.sha).toBe(e.frame0Sha256);
      const added = r.peakMiB - r.rssBeforeMiB;
      // peak ≤ maxBytes + a constant: 64 MiB covers the inflater's chunks, the lazily loaded modules
      // and RSS noise (measured +99 to +116 MiB over a 64 MiB cap, 2026-12); 600 MB is the bar
      expect(added).toBeLessThan(e.maxBytes ? e.maxBytes / MiB + 64 : 600);
    }, 70_000);
  }
});
