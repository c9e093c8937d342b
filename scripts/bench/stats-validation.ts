// Benchmark: internal validation and model comparison vs R, same data, same run.
//   1. internalValidation (Harrell bootstrap) of a 6-term logistic model, n = 500, 200 replicates,
//      vs rms::validate (goal: <= 0.25× R's time); with the calibration curve vs validate + calibrate.
//   2. delongTestMulti, k = 4 correlated AUCs, n = 10^5, vs pROC rocs + placement-value χ² in R.
//   3. nriIdi, n = 10^5, vs Hmisc::improveProb.
// The data go to .bench/ as CSV; R times only the computation. Both sides report CPU time (user +
// system), so other load on a shared machine inflates neither.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, delongTestMulti, internalValidation, logisticRegression, nriIdi } from '../../src/stats/index.js';

const dir = join(process.cwd(), '.bench');
mkdirSync(dir, { recursive: true });
const median = (xs: number[]) => xs.slice().sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
/** Median CPU time (user + system, ms) of `reps` runs after a warm-up: robust to other load on a shared machine. */
function time(f: () => unknown, reps: number): number {
  f(); // JIT warm-up
  const runs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.cpuUsage();
    f();
    const d = process.cpuUsage(t0);
    runs.push((d.user + d.system) / 1000);
  }
  return median(runs);
}

// 1. validation data: 6 predictors, n = 500
const rng = createRng(2026);
const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const rows = Array.from({ length: 500 }, () => {
  const r: Record<string, number> = {};
  for (const k of names) r[k] = rng.normal();
  const lp = -0.5 + 0.8 * r.x1! + 0.5 * r.x2! + 0.3 * r.x3! + 0.2 * r.x6!;
  r.y = rng.next() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
  return r;
});
writeFileSync(join(dir, 'validation.csv'), [['y', ...names].join(','), ...rows.map((r) => [r.y, ...names.map((k) => r[k])].join(','))].join('\n'));
const y = rows.map((r) => r.y!);
const procedure = (train: Record<string, number>[]) => {
  const b = logisticRegression(train, 'y', { predictors: names, profile: false }).terms.map((t) => t.estimate);
  return (rs: Record<string, number>[]) => rs.map((r) => names.reduce((s, k, j) => s + b[j + 1]! * r[k]!, b[0]!));
};
const v = internalValidation(rows, y, procedure, { scale: 'logit', replicates: 200, seed: 1, calibrationCurve: false });
const tVal = time(() => internalValidation(rows, y, procedure, { scale: 'logit', replicates: 200, seed: 1, calibrationCurve: false }), 5);
// the caller's part: 200 refits + predictions on the bootstrap sample and on the original data
const tProc = time(() => {
  for (let b = 0; b < 200; b++) {
    const predict = procedure(rows);
    predict(rows);
    predict(rows);
  }
}, 3);
const tValCal = time(() => internalValidation(rows, y, procedure, { scale: 'logit', replicates: 200, seed: 1 }), 5);

// 2. k = 4 correlated scores, n = 10^5; 3. two risk models for NRI/IDI on the same patients
const N = 100_000;
const labels = new Uint8Array(N);
const scores = [0, 1, 2, 3].map(() => new Float64Array(N));
const pOld = new Float64Array(N);
const pNew = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const a = rng.normal();
  const b = rng.normal();
  labels[i] = rng.next() < 1 / (1 + Math.exp(-(-1 + a + 0.7 * b))) ? 1 : 0;
  scores[0]![i] = a + rng.normal();
  scores[1]![i] = a + 0.7 * b + rng.normal();
  scores[2]![i] = Math.round((a + 0.5 * rng.normal()) * 10) / 10;
  scores[3]![i] = b + rng.normal();
  pOld[i] = 1 / (1 + Math.exp(-(-1 + a + 0.3 * rng.normal())));
  pNew[i] = 1 / (1 + Math.exp(-(-1 + a + 0.7 * b)));
}
const big = ['y,s1,s2,s3,s4,p1,p2'];
for (let i = 0; i < N; i++) big.push(`${labels[i]},${scores[0]![i]},${scores[1]![i]},${scores[2]![i]},${scores[3]![i]},${pOld[i]},${pNew[i]}`);
writeFileSync(join(dir, 'comparison.csv'), big.join('\n'));
const dk = delongTestMulti(labels, scores);
const tDk = time(() => delongTestMulti(labels, scores), 7);
const ni = nriIdi(labels, pOld, pNew, { cutoffs: [0.2, 0.5] });
const tNri = time(() => nriIdi(labels, pOld, pNew), 21); // improveProb's work: continuous NRI + IDI
const tNriCat = time(() => nriIdi(labels, pOld, pNew, { cutoffs: [0.2, 0.5] }), 21);

const rScript = `
suppressMessages({ library(rms); library(pROC); library(MASS) })
cpu <- function(expr) { t <- system.time(expr); t[["user.self"]] + t[["sys.self"]] }
d <- read.csv("${join(dir, 'validation.csv')}")
f <- lrm(y ~ x1 + x2 + x3 + x4 + x5 + x6, data = d, x = TRUE, y = TRUE)
set.seed(1); invisible(rms::validate(f, B = 20))
tv <- median(sapply(1:3, function(i) cpu(v <<- rms::validate(f, B = 200)))) * 1000
tc <- median(sapply(1:3, function(i) cpu(cc <<- rms::calibrate(f, B = 200)))) * 1000
b <- read.csv("${join(dir, 'comparison.csv')}")
dk <- function() {
  pl <- lapply(b[, 2:5], function(s) pROC:::delongPlacements(roc(b$y, s, levels = c(0, 1), direction = "<", quiet = TRUE)))
  theta <- sapply(pl, function(p) p$theta); X <- sapply(pl, function(p) p$X); Y <- sapply(pl, function(p) p$Y)
  S <- cov(X) / nrow(X) + cov(Y) / nrow(Y)
  L <- cbind(diag(3), 0) - cbind(0, diag(3)); A <- L %*% S %*% t(L); z <- L %*% theta
  drop(t(z) %*% solve(A) %*% z)
}
td <- median(sapply(1:3, function(i) cpu(st <<- dk()))) * 1000
ti <- median(sapply(1:5, function(i) cpu(ip <<- improveProb(b$p1, b$p2, b$y)))) * 1000
cat(sprintf("%.3f", c(tv, tc, td, ti)), sprintf("%.17g", c(v["Dxy", "index.corrected"], st, ip$nri, ip$idi)), "\\n")
`;
const r = spawnSync('Rscript', ['-e', rScript], { encoding: 'utf8' });
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
console.log('CPU times (user + system, median), same run\ninternalValidation: 6-term logistic model (logisticRegression refit per replicate), n = 500, 200 replicates');
console.log(`  corrected Dxy ${v.dxy.corrected.toFixed(4)}, slope ${v.slope.corrected.toFixed(4)}`);
if (r.status === 0) {
  const [rv, rc, rd, ri, rDxy, rStat, rNri, rIdi] = r.stdout.trim().split(/\s+/).map(Number);
  console.log(`  sonorisk: ${tVal.toFixed(0)} ms   rms::validate(B = 200): ${rv!.toFixed(0)} ms   ratio ${ratio(tVal, rv!)} (goal <= 0.25×)`);
  console.log(`  of which the procedure itself (logisticRegression refit + 2 predictions, ×200): ${tProc.toFixed(0)} ms`);
  console.log(`  with calibration curve: ${tValCal.toFixed(0)} ms   rms validate + calibrate: ${(rv! + rc!).toFixed(0)} ms   ratio ${ratio(tValCal, rv! + rc!)}`);
  console.log(`  (rms corrected Dxy with its own random numbers: ${rDxy!.toFixed(4)})`);
  console.log(`delongTestMulti, k = 4, n = ${N}: ${tDk.toFixed(1)} ms   R (pROC placements + χ²): ${rd!.toFixed(0)} ms   ratio ${ratio(tDk, rd!)}`);
  console.log(`  χ² ${dk.statistic.toFixed(6)} (R ${rStat!.toFixed(6)}), df ${dk.df}`);
  console.log(`nriIdi, n = ${N}: ${tNri.toFixed(1)} ms   Hmisc::improveProb: ${ri!.toFixed(0)} ms   ratio ${ratio(tNri, ri!)}`);
  console.log(`  with the categorical NRI too (cut-offs 0.2, 0.5): ${tNriCat.toFixed(1)} ms`);
  console.log(`  NRI ${ni.continuous.overall.estimate.toFixed(6)} (R ${rNri!.toFixed(6)}), IDI ${ni.idi.estimate.toFixed(6)} (R ${rIdi!.toFixed(6)})`);
} else {
  console.log(`  sonorisk: ${tVal.toFixed(0)} ms (with curve ${tValCal.toFixed(0)} ms); delongTestMulti ${tDk.toFixed(1)} ms; nriIdi ${tNri.toFixed(1)} ms`);
  console.log(`  R failed: ${r.stderr.slice(0, 300)}`);
}
