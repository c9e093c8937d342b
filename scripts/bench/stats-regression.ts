// Benchmark: sonorisk logisticRegression vs R glm(family = binomial), same data, same run.
//   n = 5000, 6 predictors (4 numeric, a 3-level and a 2-level categorical → 8 coefficients).
//   1. fit + Wald table (glm + summary in R)
//   2. fit + profile-likelihood CIs (glm + confint, MASS algorithm in R)
// The data are written to .bench/ as CSV; R times only the model fitting (system.time over repeats).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, logisticRegression } from '../../src/stats/index.js';

const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });
const N = 5000;
const rng = createRng(5000);
const echoLevels = ['hypo', 'iso', 'hyper'];
const rows: Array<Record<string, number | string>> = [];
for (let i = 0; i < N; i++) {
  const age = 58 + 10 * rng.normal();
  const size = Math.exp(Math.log(3) + 0.4 * rng.normal());
  const afp = 2 + 1.5 * rng.normal();
  const bili = 15 + 5 * rng.normal();
  const echo = echoLevels[rng.int(3)]!;
  const margin = rng.next() < 0.5 ? 'smooth' : 'irregular';
  const lp = -0.85 + 0.03 * (age - 58) + 0.5 * (size - 3) + 0.2 * (afp - 2) + 0.02 * (bili - 15) + (echo === 'hypo' ? 0.6 : 0) + (margin === 'irregular' ? 0.8 : 0);
  const y = rng.next() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
  rows.push({ y, age, size, afp, bili, echo, margin });
}
const csv = ['y,age,size,afp,bili,echo,margin', ...rows.map((r) => [r.y, r.age, r.size, r.afp, r.bili, r.echo, r.margin].join(','))].join('\n');
writeFileSync(join(dir, 'regression.csv'), csv);
const opts = { predictors: ['age', 'size', 'afp', 'bili', 'echo', 'margin'], categorical: { echo: { reference: 'iso' } } };

const median = (xs: number[]) => xs.slice().sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
function time(f: () => unknown, reps: number): number {
  for (let w = 0; w < 3; w++) f(); // JIT warm-up
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}
const fit = logisticRegression(rows, 'y', { ...opts, profile: false });
const tWald = time(() => logisticRegression(rows, 'y', { ...opts, profile: false }), 30);
const tProfile = time(() => logisticRegression(rows, 'y', opts), 5);

const rScript = `
suppressMessages(library(MASS))
d <- read.csv("${join(dir, 'regression.csv')}")
d$echo <- relevel(factor(d$echo), ref = "iso")
f <- y ~ age + size + afp + bili + echo + margin
fit <- glm(f, family = binomial, data = d)
reps <- 20
tw <- system.time(for (i in 1:reps) summary(glm(f, family = binomial, data = d)))[["elapsed"]] / reps * 1000
tp <- system.time(for (i in 1:3) suppressMessages(confint(glm(f, family = binomial, data = d))))[["elapsed"]] / 3 * 1000
cat(sprintf("%.6f", tw), sprintf("%.6f", tp), sprintf("%.17g", coef(fit)), "\\n")
`;
const r = spawnSync('Rscript', ['-e', rScript], { encoding: 'utf8' });
let rLine = 'R not available';
let maxRel = Number.NaN;
if (r.status === 0) {
  const parts = r.stdout.trim().split(/\s+/).map(Number);
  const [rw, rp, ...coefs] = parts;
  const names = ['(Intercept)', 'age', 'size', 'afp', 'bili', 'echohyper', 'echohypo', 'marginsmooth'];
  maxRel = Math.max(...names.map((nm, k) => Math.abs(fit.terms.find((t) => t.term === nm)!.estimate - coefs[k]!) / Math.abs(coefs[k]!)));
  rLine = `R glm + summary: ${rw!.toFixed(1)} ms   R glm + confint (profile): ${rp!.toFixed(1)} ms`;
} else rLine = `R failed: ${r.stderr.slice(0, 200)}`;
console.log(`logisticRegression n=${N}, 6 predictors (8 coefficients), ${fit.iterations} IRLS iterations`);
console.log(`  sonorisk fit + Wald table:        ${tWald.toFixed(1)} ms (median of 30)`);
console.log(`  sonorisk fit + profile CIs:       ${tProfile.toFixed(1)} ms (median of 5)`);
console.log(`  ${rLine}`);
console.log(`  max relative difference of coefficients vs R: ${maxRel.toExponential(2)}`);
