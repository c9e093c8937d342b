// Benchmark: sonorisk ROC/DeLong vs R pROC, measured in the same run.
//   1. n = 1,000,000: roc(A) + roc(B) + paired DeLong test  vs  pROC roc() ×2 + roc.test(method = "delong").
//      Goal: ≤ 0.15× pROC's time. roc, auc and delongTest of the same arrays share one sort per score vector.
//   2. n = 139: bootstrap AUC CI, 2000 stratified replicates  vs  pROC ci.auc(method = "bootstrap")
// The data are written to .bench/ as raw float64 so R times only the statistics, not the parsing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aucCI, createRng, delongTest, roc } from '../../src/stats/index.js';

const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });

function makeData(n: number, seed: number) {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.3 ? 1 : 0;
    a[i] = rng.normal() + 1.0 * y[i]!;
    b[i] = 0.5 * a[i]! + rng.normal() + 0.6 * y[i]!;
  }
  return { y, a, b };
}
const write = (name: string, x: Float64Array) => writeFileSync(join(dir, name), new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => xs.slice().sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;

// ---- 1. n = 1e6
const N = 1_000_000;
const big = makeData(N, 2024);
write('roc-y.f64', big.y);
write('roc-a.f64', big.a);
write('roc-b.f64', big.b);
const runsBig: number[] = [];
let t = delongTest(big.y, big.a, big.b);
// one untimed run compiles the code paths (R's pROC is byte-compiled before it is timed)
roc(big.y.slice(), big.a.slice(), { direction: 'higher-is-positive' });
for (let r = 0; r < 5; r++) {
  // fresh copies each run so nothing is reused from the previous run's sorts
  const [y, a, b] = [big.y.slice(), big.a.slice(), big.b.slice()];
  const t0 = performance.now();
  const ra = roc(y, a, { direction: 'higher-is-positive' });
  const rb = roc(y, b, { direction: 'higher-is-positive' });
  t = delongTest(y, a, b, { direction: 'higher-is-positive' });
  runsBig.push(ms(t0));
  if (ra.auc !== t.aucA || rb.auc !== t.aucB) throw new Error('AUC mismatch');
}

// ---- 2. n = 139, 2000 stratified bootstrap replicates
const small = makeData(139, 7);
write('boot-y.f64', small.y);
write('boot-a.f64', small.a);
const runsBoot: number[] = [];
let ci = aucCI(small.y, small.a, { method: 'bootstrap', replicates: 2000, seed: 1 });
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  ci = aucCI(small.y, small.a, { method: 'bootstrap', replicates: 2000, seed: r + 1 });
  runsBoot.push(ms(t0));
}

// ---- R pROC baseline, same machine, same run
const rScript = `
suppressMessages(library(pROC))
rd <- function(f, n) readBin(file.path("${dir}", f), "double", n = n)
y <- rd("roc-y.f64", ${N}); a <- rd("roc-a.f64", ${N}); b <- rd("roc-b.f64", ${N})
tm <- system.time({ ra <- roc(y, a, levels = c(0, 1), direction = "<", quiet = TRUE)
                    rb <- roc(y, b, levels = c(0, 1), direction = "<", quiet = TRUE)
                    tt <- roc.test(ra, rb, method = "delong") })[["elapsed"]]
cat(sprintf("BIG %.6f %.12f %.12f %.10f\\n", tm, as.numeric(ra$auc), as.numeric(rb$auc), tt$statistic))
ys <- rd("boot-y.f64", 139); as <- rd("boot-a.f64", 139)
rs <- roc(ys, as, levels = c(0, 1), direction = "<", quiet = TRUE)
set.seed(1)
tb <- system.time(cb <- ci.auc(rs, method = "bootstrap", boot.n = 2000, boot.stratified = TRUE, progress = "none"))[["elapsed"]]
cat(sprintf("BOOT %.6f %.6f %.6f\\n", tb, cb[1], cb[3]))
`;
const rRun = spawnSync('Rscript', ['-e', rScript], { encoding: 'utf8' });
const line = (tag: string) => rRun.stdout?.split('\n').find((l) => l.startsWith(tag))?.split(' ').slice(1).map(Number);
const rBig = line('BIG');
const rBoot = line('BOOT');

console.log(`n = ${N.toLocaleString('en')}: roc ×2 + paired DeLong`);
console.log(`  sonorisk  ${median(runsBig).toFixed(0).padStart(6)} ms (median of 5)   AUC ${t.aucA.toFixed(6)} / ${t.aucB.toFixed(6)}, Z ${t.statistic.toFixed(4)}`);
if (rBig) {
  console.log(`  pROC      ${(rBig[0]! * 1000).toFixed(0).padStart(6)} ms                AUC ${rBig[1]!.toFixed(6)} / ${rBig[2]!.toFixed(6)}, Z ${rBig[3]!.toFixed(4)}`);
  const ratio = median(runsBig) / (rBig[0]! * 1000);
  console.log(`  speed-up  ${(1 / ratio).toFixed(1)}×   time ratio sonorisk/pROC ${ratio.toFixed(3)} (goal ≤ 0.15)`);
} else console.log(`  pROC baseline unavailable (Rscript with pROC not found): ${rRun.error?.message ?? rRun.stderr?.slice(0, 200)}`);
console.log('n = 139: bootstrap AUC CI, 2000 stratified replicates');
console.log(`  sonorisk  ${median(runsBoot).toFixed(1).padStart(6)} ms (median of 5)   95% CI ${ci.lower.toFixed(4)}–${ci.upper.toFixed(4)}`);
if (rBoot) {
  console.log(`  pROC      ${(rBoot[0]! * 1000).toFixed(1).padStart(6)} ms                95% CI ${rBoot[1]!.toFixed(4)}–${rBoot[2]!.toFixed(4)} (different RNG)`);
  console.log(`  speed-up  ${((rBoot[0]! * 1000) / median(runsBoot)).toFixed(0)}×`);
}
