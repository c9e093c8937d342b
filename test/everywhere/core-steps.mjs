/**
 * The core steps every runtime must carry out identically (Node, Deno, the browser), written once in
 * plain runtime-neutral JavaScript: the caller passes the sonorisk module namespace it imported (the
 * packed package) and the inputs it read in its own way (bytes or a Blob; injected ML runtimes).
 *
 * 1. openDicomCine on the real SonoSite cine examples_ybr_color.dcm (JPEG baseline, YBR_FULL_422)
 *    and, when given, the GE JPEG 2000 file;
 * 2. clipForSpec with the R-US case of test/fixtures/models/e2e.json (8 frames, 32×32, area resize);
 * 3. the random-weight test model resnet3d-c1 on onnxruntime (node or web) and as a tfjs GraphModel;
 * 4. roc / auc / aucCI / delongTest on a seeded data set; seeded internalValidation,
 *    flexibleCalibration and netBenefitDifference intervals.
 *
 * Returns a JSON-able summary; test/fixtures/everywhere/core-node.json is Node's summary
 * (scripts/fixtures/everywhere-node.mjs writes it; test/everywhere/node-core.test.ts keeps it current).
 * @module
 */

/** Summary of a typed array: length, sum, sum of squares, first values (exact in float64). */
export function digest(a) {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < a.length; i++) {
    sum += a[i];
    sumSq += a[i] * a[i];
  }
  return { length: a.length, sum, sumSq, first: Array.from(a.subarray(0, 8)) };
}

/** The R-US case's clip spec (matches test/fixtures/models/e2e.json, case 0). */
export const SPEC = {
  source: 'bmode',
  window: { name: 'bmode', start: 0, end: Number.POSITIVE_INFINITY },
  frames: 8,
  size: [32, 32],
  channels: 1,
  resizeMode: 'area',
  normalize: { scale: 1 / 255, mean: [0], std: [1] },
};
export const BOX = { x0: 40, y0: 30, x1: 251, y1: 201 };

/**
 * @param {Record<string, any>} s the sonorisk namespace (import * as s from 'sonorisk')
 * @param {{ ybr: Uint8Array | Blob, jpeg2k?: Uint8Array | Blob, onnx?: { session: unknown, ort: unknown }, tfjs?: { model: unknown, tf: unknown } }} input
 */
export async function coreSteps(s, input) {
  const out = {};
  const cine = await s.openDicomCine(input.ybr);
  out.cine = {
    width: cine.width,
    height: cine.height,
    frameCount: cine.frameCount,
    frameTimes: Array.from(cine.frameTimes.subarray(0, 5)),
    transferSyntax: cine.meta.transferSyntaxUid,
  };
  const f0 = await cine.frame(0);
  const f29 = await cine.frame(29);
  out.frames = { channels: f0.channels, frame0: digest(f0.data), frame29: digest(f29.data) };
  if (input.jpeg2k !== undefined) {
    const j2k = await s.openDicomCine(input.jpeg2k);
    const f = await j2k.frame(0);
    out.jpeg2k = { width: j2k.width, height: j2k.height, channels: f.channels, frame0: digest(f.data) };
  }
  const spec = await s.clipForSpec(cine, SPEC, { box: BOX });
  out.clip = { shape: spec.clip.shape, frameIndices: spec.frameIndices, data: digest(spec.clip.data) };
  if (input.onnx !== undefined) {
    const runner = s.onnxRunner(input.onnx.session, input.onnx.ort);
    out.onnxLogits = Array.from(await runner.run(spec.clip));
    await runner.dispose();
  }
  if (input.tfjs !== undefined) {
    const runner = s.tfjsRunner(input.tfjs.model, input.tfjs.tf);
    out.tfjsLogits = Array.from(await runner.run(spec.clip));
    await runner.dispose();
  }
  // Seeded data: two scores for 120 cases (30% events), B better than A.
  const rng = s.createRng(2024);
  const labels = [];
  const a = [];
  const b = [];
  for (let i = 0; i < 120; i++) {
    const y = rng.next() < 0.3 ? 1 : 0;
    labels.push(y);
    a.push(0.8 * y + rng.normal());
    b.push(1.5 * y + rng.normal());
  }
  const curve = s.roc(labels, b);
  const ci = s.aucCI(labels, b);
  const d = s.delongTest(labels, a, b);
  out.stats = {
    nThresholds: curve.thresholds.length,
    sensitivities: digest(curve.sensitivities),
    specificities: digest(curve.specificities),
    aucA: s.auc(labels, a),
    aucB: s.auc(labels, b),
    ci: [ci.lower, ci.auc, ci.upper],
    delong: { difference: d.difference, se: d.se, statistic: d.statistic, p: d.p },
  };
  // Seeded resampling must give the same numbers on every engine: Harrell's bootstrap with a
  // one-predictor logistic refit per replicate, the flexible-calibration and net-benefit intervals.
  const rows = labels.map((y, i) => ({ y, a: a[i], b: b[i] }));
  const procedure = (train) => {
    const [b0, b1, b2] = s.logisticRegression(train, 'y', { predictors: ['a', 'b'], profile: false }).terms.map((t) => t.estimate);
    return (rs) => rs.map((r) => 1 / (1 + Math.exp(-(b0 + b1 * r.a + b2 * r.b))));
  };
  const v = s.internalValidation(rows, labels, procedure, { replicates: 20, seed: 5 });
  const probs = procedure(rows)(rows);
  const fc = s.flexibleCalibration(labels, probs, { replicates: 20, seed: 6 });
  const nb = s.netBenefitDifference(labels, probs, b.map((v) => 1 / (1 + Math.exp(-v))), { thresholds: [0.2, 0.4], replicates: 50, seed: 7 });
  out.validation = {
    c: [v.c.apparent, v.c.optimism, v.c.corrected],
    slope: v.slope.corrected,
    brier: v.brier.corrected,
    curve: digest(v.calibrationCurve.corrected),
    ici: [fc.metrics.ici, ...fc.ci.ici],
    nb: [...nb.lower, ...nb.upper],
  };
  return out;
}

/**
 * Differences between two summaries beyond tolerance: model logits to `logitTol` (different ML
 * runtimes), everything else to 1e-12 relative (the same JavaScript on another engine).
 * Returns a list of paths that differ (empty = equal).
 */
export function compareSummaries(actual, expected, logitTol = 1e-4, path = '') {
  const diffs = [];
  const tol = /Logits/.test(path) ? logitTol : 1e-12;
  if (typeof expected === 'number') {
    const ok = typeof actual === 'number' && (actual === expected || Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)));
    if (!ok) diffs.push(`${path}: ${actual} ≠ ${expected}`);
  } else if (Array.isArray(expected) || (expected !== null && typeof expected === 'object')) {
    if (actual === null || typeof actual !== 'object') return [`${path}: missing`];
    for (const k of Object.keys(expected)) if (k !== 'generator') diffs.push(...compareSummaries(actual[k], expected[k], logitTol, `${path}.${k}`));
  } else if (actual !== expected) {
    diffs.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return diffs;
}
