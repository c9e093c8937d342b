# Generates examples/notebooks/statistics.ipynb (run from the repo root: /usr/bin/python3 scripts/notebook-statistics.py).
# Edit the cells here, regenerate, and run `npx vitest run test/everywhere/notebook.test.ts`.
import json
cells = []
def md(s): cells.append({"cell_type":"markdown","metadata":{},"source":s.strip("\n").splitlines(keepends=True)})
def code(s): cells.append({"cell_type":"code","metadata":{},"execution_count":None,"outputs":[],"source":s.strip("\n").splitlines(keepends=True)})
md("""
# Evaluating recurrence models with sonorisk — a statistics walk-through

This notebook runs in [tslab](https://github.com/yunabe/tslab) (a TypeScript Jupyter kernel):
`npm install sonorisk tslab && npx tslab install`, then pick the *TypeScript* kernel.
It walks through the evaluation the published method reports — ROC/AUC with 95% CI, DeLong
comparisons, threshold metrics, calibration, decision curves and logistic regression of
ultrasound features — on **synthetic, demo-like predictions** (not patient data): a cohort of
139 patients drawn from sonorisk's documented generative label model (`sonorisk/simulate`) and four
model scores of decreasing quality standing in for R-US, R-CEUS, R-CEUS2 and R-CEUS45.

The test `test/everywhere/notebook.test.ts` runs this notebook's code cells in order against the
packed package, so it cannot rot.
""")
code("""
import { aucCI, calibration, createRng, decisionCurve, delongTest, pAdjust, riskFactorAnalysis, roc, thresholdMetrics, youdenThreshold } from 'sonorisk/stats';
import { drawLabel, sampleCovariates } from 'sonorisk/simulate';
import { delongTable, formatEstimateCI, formatP, rocFigure, toMarkdown } from 'sonorisk/report';

// In tslab, show SVG figures inline; elsewhere (the test) just say how big they are.
async function show(svg: string): Promise<void> {
  try {
    // @ts-ignore -- tslab exists only inside the notebook kernel
    const tslab = await import('tslab');
    tslab.display.html(svg);
  } catch {
    console.log(`(figure: ${svg.length} characters of SVG — shown inline when run in tslab)`);
  }
}
""")
md("""
## A demo-like cohort

139 patients, each with covariates (tumour size, halo, segment, early wash-out, AFP …) and an early
recurrence label drawn from the label model. Each "model" sees the true risk through noise: the
less noise, the better the model. Everything is seeded, so every run gives the same numbers.
""")
code("""
const rng = createRng(139);
const patients = Array.from({ length: 139 }, () => {
  const c = sampleCovariates(rng);
  const { label, probability } = drawLabel(c, rng);
  return { ...c, label, probability };
});
const labels = patients.map((p) => p.label);
const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const noise: Record<string, number> = { 'R-US': 0.6, 'R-CEUS': 0.8, 'R-CEUS2': 1.1, 'R-CEUS45': 1.5 };
const scores: Record<string, number[]> = {};
for (const [name, sd] of Object.entries(noise)) {
  scores[name] = patients.map((p) => sigmoid(logit(p.probability) + sd * rng.normal()));
}
const events = labels.filter((y) => y === 1).length;
console.log(`${patients.length} patients, ${events} recurrences (${((100 * events) / patients.length).toFixed(1)}%)`);
""")
md("""
## ROC curves and AUC with 95% CI (DeLong), as pROC computes them
""")
code("""
const aucs = Object.entries(scores).map(([name, s]) => ({ name, ...aucCI(labels, s) }));
for (const a of aucs) console.log(`${a.name.padEnd(9)} AUC ${formatEstimateCI(a.auc, [a.lower, a.upper], { digits: 3 })}`);
await show(
  rocFigure(
    Object.entries(scores).map(([name, s]) => {
      const c = roc(labels, s);
      const a = aucs.find((x) => x.name === name)!;
      return { name, fpr: c.specificities.map((sp) => 1 - sp), tpr: c.sensitivities, auc: a.auc, ci: [a.lower, a.upper] as const };
    }),
  ),
);
""")
md("""
## DeLong tests: is R-US better than each CEUS model?

Paired DeLong tests on the same patients, with Holm's adjustment for the three comparisons.
""")
code("""
const others = ['R-CEUS', 'R-CEUS2', 'R-CEUS45'];
const tests = others.map((b) => ({ b, ...delongTest(labels, scores['R-US']!, scores[b]!) }));
const adjusted = pAdjust(tests.map((t) => t.p), 'holm');
tests.forEach((t, i) => console.log(`R-US vs ${t.b.padEnd(8)} ΔAUC ${t.difference.toFixed(3)}  P = ${formatP(t.p)}  (Holm ${formatP(adjusted[i]!)})`));
console.log(
  toMarkdown(
    delongTable({
      comparisons: tests.map((t, i) => ({ a: 'R-US', b: t.b, aucA: t.aucA, aucB: t.aucB, difference: t.difference, z: t.statistic, p: t.p, pAdjusted: adjusted[i]! })),
      adjustMethod: 'holm',
    }),
  ),
);
""")
md("""
## Accuracy, sensitivity and specificity at the Youden threshold
""")
code("""
const cut = youdenThreshold(labels, scores['R-US']!);
const m = thresholdMetrics(labels, scores['R-US']!, cut.threshold);
console.log(`threshold ${cut.threshold.toFixed(3)} (Youden J ${cut.youden.toFixed(3)})`);
for (const k of ['accuracy', 'sensitivity', 'specificity'] as const) {
  console.log(`${k.padEnd(12)} ${formatEstimateCI(m[k].estimate, [m[k].lower, m[k].upper], { digits: 3 })}`);
}
""")
md("""
## Calibration (as `rms::val.prob`) and decision curves (as dcurves)
""")
code("""
const cal = calibration(labels, scores['R-US']!);
console.log(`calibration intercept ${cal.intercept.estimate.toFixed(3)}, slope ${cal.slope.estimate.toFixed(3)}, Brier ${cal.brier.toFixed(3)}`);
const dca = decisionCurve(labels, { 'R-US': scores['R-US']!, 'R-CEUS45': scores['R-CEUS45']! }, { thresholds: [0.1, 0.2, 0.3, 0.4, 0.5] });
dca.thresholds.forEach((t, i) => {
  const nb = (name: string) => dca.models[name]!.netBenefit[i]!.toFixed(3);
  console.log(`pt ${t.toFixed(1)}  net benefit R-US ${nb('R-US')}  R-CEUS45 ${nb('R-CEUS45')}  treat all ${dca.treatAll.netBenefit[i]!.toFixed(3)}`);
});
""")
md("""
## Which ultrasound features predict recurrence? Univariable and multivariable logistic regression
""")
code("""
const rows = patients.map((p) => ({
  recurrence: p.label,
  sizePer10mm: p.sizeMm / 10,
  halo: p.halo ? 1 : 0,
  earlyWashout: p.earlyWashout ? 1 : 0,
  segment4: p.segment === 4 ? 1 : 0,
  logAfp: Math.log(p.afp),
}));
const rf = riskFactorAnalysis(rows, 'recurrence', { predictors: ['sizePer10mm', 'halo', 'earlyWashout', 'segment4', 'logAfp'], multivariableThreshold: 0.1 });
for (const r of rf.rows) {
  const u = r.univariable;
  const mv = r.multivariable;
  console.log(
    `${r.term.padEnd(12)} univariable OR ${u ? `${formatEstimateCI(u.oddsRatio, u.ci)} P ${formatP(u.p)}` : '—'}` +
      (mv ? `   multivariable OR ${formatEstimateCI(mv.oddsRatio, mv.ci)} P ${formatP(mv.p)}` : ''),
  );
}
""")
nb = {"cells":cells,"metadata":{"kernelspec":{"display_name":"TypeScript","language":"typescript","name":"tslab"},"language_info":{"name":"typescript","file_extension":".ts","mimetype":"text/typescript","codemirror_mode":{"mode":"typescript","name":"javascript","typescript":True}}},"nbformat":4,"nbformat_minor":5}
json.dump(nb, open("examples/notebooks/statistics.ipynb","w"), indent=1, ensure_ascii=False)
open("examples/notebooks/statistics.ipynb","a").write("\n")
