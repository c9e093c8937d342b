/**
 * Fixed, made-up inputs for the table builders (they exercise formatting and layout; the values
 * are plausible but are not results of any statistic).
 */
import type { BaselineInput, DelongInput, PerformanceInput, RiskFactorInput } from '../../src/report/index.js';

export function demoBaselineInput(): BaselineInput {
  return {
    groups: [
      { label: 'No recurrence', n: 97 },
      { label: 'Early recurrence', n: 42 },
    ],
    variables: [
      {
        kind: 'continuous',
        label: 'Age',
        unit: 'years',
        normal: true,
        groups: [
          { n: 97, mean: 58.14, sd: 9.81 },
          { n: 42, mean: 60.27, sd: 10.42 },
        ],
        test: { name: 't-test', statistic: -1.1412, p: 0.2558 },
      },
      {
        kind: 'categorical',
        label: 'Sex',
        levels: [
          { label: 'Male', counts: [80, 36] },
          { label: 'Female', counts: [17, 6] },
        ],
        test: { name: 'chi-square', statistic: 0.2107, p: 0.6462 },
      },
      {
        kind: 'continuous',
        label: 'AFP',
        unit: 'ng/mL',
        normal: false,
        groups: [
          { n: 97, median: 12.4, q1: 4.1, q3: 88.0 },
          { n: 42, median: 45.3, q1: 9.8, q3: 410.2 },
        ],
        test: { name: 'mann-whitney', statistic: -3.0215, p: 0.00252 },
      },
      {
        kind: 'categorical',
        label: 'Child–Pugh class',
        levels: [
          { label: 'A', counts: [93, 37] },
          { label: 'B', counts: [4, 5] },
        ],
        test: { name: 'fisher', p: 0.1181 },
      },
      {
        kind: 'continuous',
        label: 'Tumour size',
        unit: 'cm',
        summary: 'mean-sd',
        groups: [
          { n: 97, mean: 2.31, sd: 0.74 },
          { n: 42, mean: 2.92, sd: 0.81 },
        ],
        test: { name: 'welch', statistic: -4.1503, p: 0.0000812 },
      },
    ],
  };
}

export function demoPerformanceInput(): PerformanceInput {
  const rows: PerformanceInput['entries'][number][] = [];
  const spec: [string, number, number, [number, number, number, number], [number, number, number, number], number, [number, number]][] = [
    ['R-US', 0.412, 0.962, [31, 6, 72, 3], [8, 2, 17, 1], 0.931, [0.842, 1]],
    ['R-CEUS', 0.388, 0.944, [30, 8, 70, 4], [8, 3, 16, 1], 0.908, [0.797, 1]],
  ];
  for (const [model, thr, aucTr, cTr, cVa, aucVa, ciVa] of spec) {
    rows.push({ model, split: 'Training', auc: aucTr, aucCI: [aucTr - 0.03, Math.min(1, aucTr + 0.03)], threshold: thr, thresholdSource: 'youden-training', tp: cTr[0], fp: cTr[1], tn: cTr[2], fn: cTr[3] });
    rows.push({ model, split: 'Validation', auc: aucVa, aucCI: ciVa, threshold: thr, thresholdSource: 'youden-training', tp: cVa[0], fp: cVa[1], tn: cVa[2], fn: cVa[3] });
  }
  return { entries: rows };
}

export function demoRiskFactorInput(): RiskFactorInput {
  return {
    factors: [
      { label: 'Tumour size (per 1 cm)', univariable: { or: 2.714, ci: [1.602, 4.598], p: 0.00021 }, multivariable: { or: 2.205, ci: [1.251, 3.887], p: 0.0062 } },
      { label: 'AFP > 20 ng/mL', univariable: { or: 2.95, ci: [1.39, 6.27], p: 0.0049 }, multivariable: { or: 2.31, ci: [1.02, 5.22], p: 0.0443 } },
      {
        label: 'Margin',
        levels: [
          { label: 'Smooth', reference: true },
          { label: 'Irregular', univariable: { or: 3.1, ci: [1.43, 6.72], p: 0.0042 }, multivariable: { or: 2.41, ci: [1.04, 5.58], p: 0.0398 } },
          { label: 'Lobulated', univariable: { or: 1.52, ci: [0.61, 3.79], p: 0.3689 }, multivariable: { or: 1.33, ci: [0.5, 3.52], p: 0.5672 } },
        ],
      },
      { label: 'Hypo-enhancement in portal phase', univariable: { or: 1.41, ci: [0.68, 2.93], p: 0.3572 } },
    ],
  };
}

export function demoDelongInput(): DelongInput {
  return {
    adjustMethod: 'holm',
    split: 'validation set',
    comparisons: [
      { a: 'R-US', b: 'R-CEUS', aucA: 0.931, aucB: 0.908, ci: [-0.061, 0.107], z: 0.5379, p: 0.5906, pAdjusted: 1 },
      { a: 'R-US', b: 'R-CEUS45', aucA: 0.931, aucB: 0.812, ci: [0.005, 0.233], z: 2.043, p: 0.04105, pAdjusted: 0.2463 },
      { a: 'R-CEUS', b: 'R-CEUS45', aucA: 0.908, aucB: 0.812, ci: [-0.021, 0.213], z: 1.612, p: 0.1069, pAdjusted: 0.5345 },
    ],
  };
}
