import { createRng, delongTest, roc } from '../../src/stats/index.js';
const n = 1_000_000; const rng = createRng(2024);
const y = new Float64Array(n), a = new Float64Array(n), b = new Float64Array(n);
for (let i = 0; i < n; i++) { y[i] = rng.next() < 0.3 ? 1 : 0; a[i] = rng.normal() + y[i]!; b[i] = 0.5 * a[i]! + rng.normal() + 0.6 * y[i]!; }
const ts: number[] = [];
for (let rep = 0; rep < 6; rep++) {
  const [yy, aa, bb] = [y.slice(), a.slice(), b.slice()];
  const t = performance.now();
  roc(yy, aa, { direction: 'higher-is-positive' }); roc(yy, bb, { direction: 'higher-is-positive' }); delongTest(yy, aa, bb, { direction: 'higher-is-positive' });
  ts.push(performance.now() - t);
}
console.log(ts.map((x) => x.toFixed(0)).join(' '));
