// Benchmark: rendering simulated cases (B-mode 10 s @ 10 fps + CEUS ≥ 121 s @ 2 fps, 160×128) to DICOM.
// Baseline in the same run: the same per-frame compositing (TIC mix of 4 compartment maps, bilinear
// motion shift, speckle multiply, uint8 clip) written in numpy (/usr/bin/python3), when available.
import { spawnSync } from 'node:child_process';
import { simulateCase } from '../../src/simulate/index.js';

const N = Number(process.env.SIM_BENCH_CASES ?? 6);

function run(label: string, overrides: Parameters<typeof simulateCase>[0]): { frames: number; pixels: number } {
  simulateCase(overrides, { seed: 'warmup' }); // JIT warm-up
  let frames = 0;
  let bytes = 0;
  let pixels = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const c = simulateCase(overrides, { seed: i });
    frames += c.truth.bmode.frameCount + c.truth.ceus.frameCount;
    pixels += c.truth.bmode.frameCount * c.truth.bmode.width * c.truth.bmode.height + c.truth.ceus.frameCount * c.truth.ceus.width * c.truth.ceus.height;
    bytes += c.bmode.length + c.ceus.length;
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${label.padEnd(28)} ${((s / N) * 1000).toFixed(0).padStart(5)} ms/case  ${(frames / s).toFixed(0).padStart(6)} frames/s  ${(pixels / s / 1e6).toFixed(1).padStart(6)} Mpx/s  output ${(bytes / s / 1e6).toFixed(1)} MB/s, ${(bytes / N / 1e6).toFixed(2)} MB/case`,
  );
  return { frames: frames / N, pixels: pixels / N };
}

console.log(`simulateCase, ${N} cases each (node ${process.version})`);
const single = run('single, uncompressed', {});
run('dual, uncompressed', { render: { layout: 'dual' } });
run('single, JPEG q90', { render: { compression: 'jpeg' } });
run('dual, JPEG q90', { render: { layout: 'dual', compression: 'jpeg' } });

// numpy baseline: composite the same number of 160×116 region frames per case (no phantom build, no DICOM).
const py = `
import numpy as np, time
rng = np.random.default_rng(0)
H, W, M = 116, 160, 12
maps = rng.random((4, H + 2*M, W + 2*M), dtype=np.float32)
speck = rng.rayleigh(0.8, (8, H + 16, W + 16)).astype(np.float32)
frames = ${Math.round(single.frames)}
t0 = time.perf_counter()
for rep in range(${N}):
    for f in range(frames):
        c = np.array([30.0, 60.0, 20.0, 90.0], dtype=np.float32) * (1 + 0.001 * f)
        v = np.tensordot(c, maps, axes=1)
        dx, dy = 2.3 * np.sin(f / 7), 1.7 * np.cos(f / 9)
        sx, sy = M - dx, M - dy
        x0, y0 = int(np.floor(sx)), int(np.floor(sy)); fx, fy = sx - x0, sy - y0
        a = v[y0:y0+H, x0:x0+W]; b = v[y0:y0+H, x0+1:x0+1+W]; c2 = v[y0+1:y0+1+H, x0:x0+W]; d = v[y0+1:y0+1+H, x0+1:x0+1+W]
        s = (1-fx)*(1-fy)*a + fx*(1-fy)*b + (1-fx)*fy*c2 + fx*fy*d
        k = f % 8
        out = np.clip(np.rint(s * speck[k, 3:3+H, 5:5+W]), 0, 255).astype(np.uint8)
dt = time.perf_counter() - t0
print(f"{'numpy compositing baseline':28s} {dt/${N}*1000:5.0f} ms/case  {frames*${N}/dt:6.0f} frames/s  {frames*${N}*H*W/dt/1e6:6.1f} Mpx/s  (numpy {np.__version__})")
`;
const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
if (r.status === 0) process.stdout.write(r.stdout);
else console.log('numpy baseline unavailable:', (r.stderr || r.error?.message || '').trim().split('\n').pop());
