// Benchmark: time-intensity curve + NCC box tracking over an 1800-frame 640×480 synthetic cine
// (frames made in memory by cineFromFrames: a window moving over a fixed pattern, no decode),
// against a numpy reference run on the same frames in the same run. OpenCV (cv2.matchTemplate) is
// used when `/usr/bin/python3 -c "import cv2"` works; otherwise the baseline is numpy's
// sliding-window NCC (einsum), labelled as such.
//
// Run: npm run bench -- perfusion   (or: npx tsx scripts/bench/perfusion.ts)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Frame, cineFromFrames, timeIntensityCurve, trackBox } from '../../src/index.js';

const N = Number(process.env.PERFUSION_BENCH_FRAMES ?? 1800);
const W = 640;
const H = 480;
const M = 32; // pattern margin for motion
const PW = W + 2 * M;
const PH = H + 2 * M;
const FPS = 15;

// Cheap deterministic pattern: blobs from a sum of sines plus a hashed speckle term.
const pattern = new Uint8Array(PW * PH);
for (let y = 0; y < PH; y++)
  for (let x = 0; x < PW; x++) {
    const h = Math.imul(x * 73856093 ^ y * 19349663, 83492791) >>> 24; // 0..255
    const v = 110 + 50 * Math.sin(x / 7.3) * Math.cos(y / 5.1) + 30 * Math.sin((x + 2 * y) / 11.7) + 0.25 * (h - 128);
    pattern[y * PW + x] = Math.max(0, Math.min(255, Math.round(v)));
  }
// Breathing-like motion (4 s period, 9 px vertical, 3 px lateral) plus slow drift; integer px.
const motion = Array.from({ length: N }, (_, i) => {
  const ph = (2 * Math.PI * i) / (4 * FPS);
  return { dx: Math.round(3 * Math.sin(ph + 0.7) + (6 * i) / N), dy: Math.round(9 * Math.sin(ph)) };
});
function makeFrame(i: number): Frame {
  const { dx, dy } = motion[i]!;
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const from = (y - dy + M) * PW + (M - dx);
    data.set(pattern.subarray(from, from + W), y * W);
  }
  return { width: W, height: H, channels: 1, data };
}
const cine = cineFromFrames(async (i) => makeFrame(i), { fps: FPS }, { frameCount: N, width: W, height: H });
const ticBox = { x0: 256, y0: 176, x1: 384, y1: 304 }; // 128×128
const trackBoxIn = { x0: 288, y0: 208, x1: 352, y1: 272 }; // 64×64 template
const search = { x: 8, y: 8 };

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, (performance.now() - t0) / 1000];
}

const [, genS] = await time(async () => {
  for (let i = 0; i < N; i++) await cine.frame(i);
});
const [tic, ticS] = await time(() => timeIntensityCurve(cine, ticBox));
const [tracked, trackS] = await time(() => trackBox(cine, trackBoxIn, { search }));
const [trackedPyr, pyrS] = await time(() => trackBox(cine, trackBoxIn, { search, pyramid: 1 }));

// numpy / OpenCV reference on the same pattern and motion.
const dir = mkdtempSync(join(tmpdir(), 'sonorisk-perfusion-bench-'));
writeFileSync(join(dir, 'pattern.bin'), pattern);
writeFileSync(join(dir, 'config.json'), JSON.stringify({ N, W, H, M, PW, PH, motion, ticBox, trackBox: trackBoxIn, search }));
const py = `
import json, sys, time
import numpy as np
d = sys.argv[1]
c = json.load(open(d + '/config.json'))
N, W, H, M, PW, PH = c['N'], c['W'], c['H'], c['M'], c['PW'], c['PH']
pat = np.fromfile(d + '/pattern.bin', dtype=np.uint8).reshape(PH, PW)
mo = c['motion']
def frame(i):
    dx, dy = mo[i]['dx'], mo[i]['dy']
    return np.ascontiguousarray(pat[M - dy:M - dy + H, M - dx:M - dx + W])
t = time.perf_counter()
for i in range(N): frame(i)
gen = time.perf_counter() - t
b = c['ticBox']
t = time.perf_counter()
means = []; medians = []
for i in range(N):
    r = frame(i)[b['y0']:b['y1'], b['x0']:b['x1']]
    means.append(float(r.mean())); medians.append(float(np.median(r)))
tic = time.perf_counter() - t
try:
    import cv2
    method = 'OpenCV cv2.matchTemplate TM_CCOEFF_NORMED'
except Exception:
    cv2 = None
    method = 'numpy sliding-window NCC (einsum; OpenCV not installed)'
tb = c['trackBox']; sx, sy = c['search']['x'], c['search']['y']
w = tb['x1'] - tb['x0']; h = tb['y1'] - tb['y0']
t = time.perf_counter()
tmpl = frame(0)[tb['y0']:tb['y1'], tb['x0']:tb['x1']].astype(np.float32)
tz = tmpl - tmpl.mean(); tn = np.sqrt((tz.astype(np.float64) ** 2).sum())
cx = cy = 0; shifts = []
for i in range(N):
    f = frame(i)
    x0 = max(cx - sx, -tb['x0']); x1 = min(cx + sx, W - tb['x1'])
    y0 = max(cy - sy, -tb['y0']); y1 = min(cy + sy, H - tb['y1'])
    R = f[tb['y0'] + y0:tb['y1'] + y1, tb['x0'] + x0:tb['x1'] + x1].astype(np.float32)
    if cv2 is not None:
        s = cv2.matchTemplate(R, tmpl, cv2.TM_CCOEFF_NORMED)
    else:
        win = np.lib.stride_tricks.sliding_window_view(R, (h, w))
        num = np.einsum('ijkl,kl->ij', win, tz, optimize=True)
        ii = np.pad(R.astype(np.float64), ((1, 0), (1, 0))).cumsum(0).cumsum(1)
        qq = np.pad(R.astype(np.float64) ** 2, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
        S = ii[h:, w:] - ii[:-h, w:] - ii[h:, :-w] + ii[:-h, :-w]
        Q = qq[h:, w:] - qq[:-h, w:] - qq[h:, :-w] + qq[:-h, :-w]
        s = num / (tn * np.sqrt(np.maximum(Q - S * S / (w * h), 1e-12)))
    k = int(np.argmax(s)); iy, ix = divmod(k, s.shape[1])
    cx, cy = x0 + ix, y0 + iy
    shifts.append([cx, cy])
track = time.perf_counter() - t
print(json.dumps({'gen': gen, 'tic': tic, 'track': track, 'method': method, 'means': means, 'medians': medians, 'shifts': shifts}))
`;
const r = spawnSync('/usr/bin/python3', ['-c', py, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
rmSync(dir, { recursive: true, force: true });

const fmt = (s: number) => `${s.toFixed(2)} s (${((s / N) * 1000).toFixed(2)} ms/frame)`;
console.log(`perfusion: ${N} frames ${W}×${H}; TIC box 128×128 (mean + median); tracking 64×64 template, search ±${search.x}×±${search.y} px`);
console.log(`  sonorisk frame generation only      ${fmt(genS)}`);
console.log(`  sonorisk timeIntensityCurve         ${fmt(ticS)}   (includes frame generation)`);
console.log(`  sonorisk trackBox (ncc)             ${fmt(trackS)}   (includes frame generation)`);
const samePyr = trackedPyr.shifts.filter((s, i) => s.dx === tracked.shifts[i]!.dx && s.dy === tracked.shifts[i]!.dy).length;
console.log(`  sonorisk trackBox (ncc, pyramid 1)  ${fmt(pyrS)}   (same shifts as exhaustive: ${samePyr}/${N})`);
const truthErr = tracked.shifts.reduce((s, sh, i) => s + Math.hypot(sh.dx - (motion[i]!.dx - motion[0]!.dx), sh.dy - (motion[i]!.dy - motion[0]!.dy)), 0) / N;
console.log(`  sonorisk tracking mean error vs known motion: ${truthErr.toFixed(3)} px; min confidence ${Math.min(...tracked.confidence).toFixed(3)}`);
if (r.status !== 0) {
  console.log(`  baseline: /usr/bin/python3 failed (${r.stderr.trim().split('\n').pop()}); no comparison`);
} else {
  const ref = JSON.parse(r.stdout) as { gen: number; tic: number; track: number; method: string; means: number[]; medians: number[]; shifts: [number, number][] };
  console.log(`  numpy frame generation only          ${fmt(ref.gen)}`);
  console.log(`  numpy mean + median per frame        ${fmt(ref.tic)}   (includes frame generation)`);
  console.log(`  ${ref.method}: ${fmt(ref.track)}   (includes frame generation)`);
  let dMean = 0;
  let dMed = 0;
  let same = 0;
  for (let i = 0; i < N; i++) {
    dMean = Math.max(dMean, Math.abs(tic.intensity[i]! - ref.means[i]!));
    dMed = Math.max(dMed, Math.abs(tic.median[i]! - ref.medians[i]!));
    if (tracked.shifts[i]!.dx === ref.shifts[i]![0] && tracked.shifts[i]!.dy === ref.shifts[i]![1]) same++;
  }
  console.log(`  agreement: max |Δmean| ${dMean.toExponential(2)}, max |Δmedian| ${dMed}, identical shifts ${same}/${N}`);
  console.log(`  speed ratio (numpy time / sonorisk time): TIC ${(ref.tic / ticS).toFixed(2)}×, tracking ${(ref.track / trackS).toFixed(2)}×`);
}
