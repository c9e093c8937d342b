/**
 * The study report of evaluatePredictions: every number in its tables is recomputed here with the
 * sonorisk/stats function that computes it (those are checked against R in test/stats), on the
 * cases the report says it used; plus the flow, exclusions, banner rule, determinism and CSV.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/report/index.js';
import {
  aucCI,
  calibration,
  describe as describeStats,
  delongTest,
  logisticRegression,
  pAdjust,
  predictLogistic,
  standardizedCategoricalDifference,
  standardizedMeanDifference,
  thresholdMetrics,
  youdenThreshold,
} from '../../src/stats/index.js';
import { evaluatePredictions, type StageSummary } from '../../src/study/index.js';
import { studyCohort } from '../helpers/study-cohort.js';

const code = (c: string) => expect.objectContaining({ code: c });
const cohort = studyCohort({ n: 260, models: 3, missing: 4, seed: 7 });
const { table, cases, study } = cohort;
const predictSummary: StageSummary = {
  stage: 'predict',
  ok: 256,
  skipped: 0,
  failed: 4,
  cases: table.ids
    .filter((_, i) => Number.isNaN(table.models['M1']![i]!))
    .map((id) => ({ id, status: 'partial' as const, seconds: 1, models: { M1: 'failed' as const, M2: 'ok' as const, M3: 'ok' as const }, errors: [{ model: 'M1', recording: 'bmode' as const, path: `${id}/bmode.dcm`, code: 'DICOM_INVALID', message: 'not a DICOM file' }] })),
};
const report = evaluatePredictions(table, { cases, study, stages: { predict: predictSummary }, generatedAt: '2026-12-06' });
const byId = (id: string) => report.tables[report.tableIds.indexOf(id)]!;
const splitIdx = (s: string) => table.ids.map((_, i) => i).filter((i) => table.split[i] === s && table.outcome[i] !== undefined);
const pick = (idx: number[], m: string) => {
  const k = idx.filter((i) => !Number.isNaN(table.models[m]![i]!));
  return { y: k.map((i) => table.outcome[i]!), p: k.map((i) => table.models[m]![i]!), k };
};
const close = (a: unknown, b: number, digits = 12) => expect(a as number).toBeCloseTo(b, digits);

describe('evaluatePredictions: each number against its stats function', () => {
  it('performance: Youden threshold from training, AUC CI, Wilson CIs of sensitivity, specificity, PPV, NPV', () => {
    for (const row of byId('performance').rows) {
      const v = row.values!;
      const m = v['model'] as string;
      const split = v['split'] === 'Training' ? 'train' : 'validation';
      const train = pick(splitIdx('train'), m);
      const threshold = youdenThreshold(train.y, train.p).threshold;
      const { y, p } = pick(splitIdx(split), m);
      const ci = aucCI(y, p);
      const tm = thresholdMetrics(y, p, threshold);
      expect(v['n']).toBe(y.length);
      close(v['threshold'], threshold, 15);
      close(v['auc'], ci.auc);
      close(v['aucLower'], ci.lower);
      close(v['aucUpper'], ci.upper);
      for (const k of ['sensitivity', 'specificity', 'ppv', 'npv', 'accuracy'] as const) {
        close(v[k], tm[k].estimate);
        close(v[`${k}Lower`], tm[k].lower);
        close(v[`${k}Upper`], tm[k].upper);
      }
      expect([v['tp'], v['fp'], v['tn'], v['fn']]).toEqual([tm.tp, tm.fp, tm.tn, tm.fn]);
    }
  });

  it('pairwise DeLong on the cases both models have, Holm-adjusted', () => {
    for (const split of ['train', 'validation']) {
      const t = byId(`delong-${split}`);
      const raw = t.rows.map((row) => {
        const v = row.values!;
        const a = pick(splitIdx(split), v['a'] as string);
        const both = a.k.filter((i) => !Number.isNaN(table.models[v['b'] as string]![i]!));
        const r = delongTest(both.map((i) => table.outcome[i]!), both.map((i) => table.models[v['a'] as string]![i]!), both.map((i) => table.models[v['b'] as string]![i]!));
        expect(v['n']).toBe(both.length);
        close(v['difference'], r.difference);
        close(v['p'], r.p);
        return r.p;
      });
      pAdjust(raw, 'holm').forEach((p, k) => {
      close(t.rows[k]!.values!['pAdjusted'], p);
    });
    }
    // M1 lacks some predictions: its comparisons use fewer cases
    expect(['train', 'validation'].some((s) => byId(`delong-${s}`).rows.some((r) => (r.values!['n'] as number) < splitIdx(s).length))).toBe(true);
  });

  it('calibration per model on its own cases', () => {
    for (const split of ['train', 'validation']) {
      for (const row of byId(`calibration-${split}`).rows) {
        const v = row.values!;
        const { y, p } = pick(splitIdx(split), v['model'] as string);
        const bins = Math.max(3, Math.min(10, Math.floor(splitIdx(split).length / 10)));
        const c = calibration(y, p, { bins });
        expect(v['n']).toBe(c.n);
        close(v['slope'], c.slope.estimate);
        close(v['brier'], c.brier);
        close(v['eavg'], c.eavg);
      }
    }
  });

  it('split balance: n per split and standardised differences', () => {
    const t = byId('split-balance');
    const tr = splitIdx('train').map((i) => cases[i]!.covariates);
    const va = splitIdx('validation').map((i) => cases[i]!.covariates);
    const age = t.rows.find((r) => r.values?.['variable'] === 'age' && r.values['smd1'] !== undefined)!.values!;
    expect([age['n0'], age['n1']]).toEqual([tr.length, va.length]);
    close(age['smd1'], standardizedMeanDifference(tr.map((c) => c['age'] as number), va.map((c) => c['age'] as number)));
    const ageTrain = describeStats(tr.map((c) => c['age'] as number));
    close(age['mean0'], ageTrain.mean);
    close(age['sd0'], ageTrain.sd);
    const seg = t.rows.find((r) => r.values?.['variable'] === 'segment' && r.values['smd1'] !== undefined)!.values!;
    const levels = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];
    close(seg['smd1'], standardizedCategoricalDifference(tr.map((c) => c['segment']), va.map((c) => c['segment']), levels));
    // natural level order S1 < S2 < … < S8, labels from the study file elsewhere
    expect(t.rows.filter((r) => r.values?.['variable'] === 'segment' && r.level === 1).map((r) => r.cells['variable'])).toEqual(levels);
  });

  it('risk factors and the combined models use one typing (per 10 years, log10, ordinal step) — checked with logisticRegression', () => {
    const trainRows = splitIdx('train').map((i) => {
      const c = cases[i]!.covariates;
      return { y: table.outcome[i], age: (c['age'] as number) / 10, sex: c['sex'], sizeMm: (c['sizeMm'] as number) / 10, afp: Math.log10(c['afp'] as number), hbv: String(c['hbv']), i };
    });
    const clinical = logisticRegression(trainRows, 'y', { predictors: ['age', 'sex', 'sizeMm', 'afp', 'hbv'], categorical: { sex: { levels: ['F', 'M'] }, hbv: { levels: ['0', '1'] } } });
    const ors = byId('combined-odds-ratios').rows;
    for (const m of ['M1', 'M2', 'M3']) {
      const rows = trainRows.filter((r) => !Number.isNaN(table.models[m]![r.i]!)).map((r) => ({ ...r, dl: table.models[m]![r.i]! / 0.1 }));
      const fit = logisticRegression(rows, 'y', { predictors: ['age', 'sex', 'sizeMm', 'afp', 'hbv', 'dl'], categorical: { sex: { levels: ['F', 'M'] }, hbv: { levels: ['0', '1'] } } });
      const mine = ors.filter((r) => r.values!['model'] === `Clinical + ${m}`);
      expect(mine.map((r) => r.values!['term'])).toEqual(fit.terms.slice(1).map((t) => t.term.replace(/^dl$/, '__dl')));
      mine.forEach((r, k) => {
        close(r.values!['oddsRatio'], fit.terms[k + 1]!.oddsRatio, 9);
        close(r.values!['lower'], fit.terms[k + 1]!.ciProfile![0], 6);
      });
      // AUC of the combined model on validation = aucCI of predict(newdata)
      const vi = splitIdx('validation');
      const newRows = vi.map((i) => {
        const c = cases[i]!.covariates;
        return { age: (c['age'] as number) / 10, sex: c['sex'], sizeMm: (c['sizeMm'] as number) / 10, afp: Math.log10(c['afp'] as number), hbv: String(c['hbv']), dl: table.models[m]![i]! / 0.1 };
      });
      const pr = predictLogistic(fit, newRows);
      const k = vi.map((_, j) => j).filter((j) => !Number.isNaN(pr[j]!));
      const ci = aucCI(k.map((j) => table.outcome[vi[j]!]!), k.map((j) => pr[j]!));
      const row = byId('combined-performance').rows.find((r) => r.values!['model'] === `Clinical + ${m}` && r.values!['split'] === 'Validation')!;
      close(row.values!['auc'], ci.auc, 10);
    }
    const vi = splitIdx('validation');
    const pc = predictLogistic(clinical, vi.map((i) => {
      const c = cases[i]!.covariates;
      return { age: (c['age'] as number) / 10, sex: c['sex'], sizeMm: (c['sizeMm'] as number) / 10, afp: Math.log10(c['afp'] as number), hbv: String(c['hbv']) };
    }));
    const clinRow = byId('combined-performance').rows.find((r) => r.values!['model'] === 'Clinical' && r.values!['split'] === 'Validation')!;
    close(clinRow.values!['auc'], aucCI(vi.map((i) => table.outcome[i]!), pc).auc, 10);
    // univariable ordinal echo: one slope per level step
    const echoRows = splitIdx('train').map((i) => ({ y: table.outcome[i], echo: ['hypo', 'iso', 'hyper'].indexOf(cases[i]!.covariates['echo'] as string) }));
    const echoFit = logisticRegression(echoRows, 'y', { predictors: ['echo'] });
    const echoRow = byId('risk-factors').rows.find((r) => r.cells['factor'] === 'Echo pattern (per level step)')!;
    close(echoRow.values!['uniOr'], echoFit.terms[1]!.oddsRatio, 9);
    // comparisons with the clinical model only
    expect(byId('combined-delong-validation').rows.map((r) => r.values!['b'])).toEqual(['Clinical', 'Clinical', 'Clinical']);
  });

  it('subgroup AUCs', () => {
    const t = byId('subgroups');
    const row = t.rows.find((r) => r.values?.['band'] === 'Male' && r.values['model'] === 'M2')!;
    const vi = splitIdx('validation').filter((i) => cases[i]!.covariates['sex'] === 'M');
    const ci = aucCI(vi.map((i) => table.outcome[i]!), vi.map((i) => table.models['M2']![i]!));
    close(row.values!['auc1'], ci.auc);
    close(row.values!['lower1'], ci.lower);
    expect(row.values!['n1']).toBe(vi.length);
    const band = t.rows.find((r) => r.values?.['band'] === '≥ 30 mm' && r.values['model'] === 'M3')!;
    expect(band.values!['n0']).toBe(splitIdx('train').filter((i) => (cases[i]!.covariates['sizeMm'] as number) >= 30).length);
  });
});

describe('evaluatePredictions: flow, exclusions, banner, output', () => {
  it('patient flow counts and names every exclusion and failure by reason', () => {
    const flow = byId('patient-flow');
    const missing = table.ids.filter((_, i) => Number.isNaN(table.models['M1']![i]!));
    const failure = flow.rows.find((r) => r.cells['step'] === 'bmode recording: DICOM_INVALID (model M1)'.replace('bmode recording', 'B-mode recording'))!;
    expect(failure.cells['n']).toBe(String(missing.length));
    for (const id of missing) expect(failure.cells['cases']).toContain(id);
    const excluded = flow.rows.filter((r) => r.cells['step'] === 'Excluded: no prediction');
    expect(new Set(excluded.map((r) => r.values!['model']))).toEqual(new Set(['M1']));
    expect(excluded.reduce((a, r) => a + (r.values!['n'] as number), 0)).toBe(missing.length);
    expect(report.markdown).toContain('each model is evaluated on the cases it has');
  });

  it('--require-complete keeps the strict behaviour and names the cases', () => {
    const missing = table.ids.filter((_, i) => table.split[i] === 'train' && Number.isNaN(table.models['M1']![i]!));
    expect(() => evaluatePredictions(table, { requireComplete: true })).toThrow(code('INCOMPLETE_PREDICTIONS'));
    try {
      evaluatePredictions(table, { requireComplete: true });
    } catch (e) {
      for (const id of missing) expect((e as Error).message).toContain(id);
    }
  });

  it('no demonstration banner on a study; a banner when the study file or a demonstration model asks', () => {
    expect(report.html).not.toContain('class="banner"');
    expect(report.html).not.toMatch(/Demonstration/i);
    expect(report.html).toContain('For research use');
    expect(evaluatePredictions(table, { study: { banner: 'Pilot data only.' } }).html).toContain('<p class="banner" role="note">Pilot data only.</p>');
    expect(evaluatePredictions(table, { models: [{ id: 'M1', demonstration: true }] }).html).toMatch(/class="banner"[^>]*>Demonstration only/);
  });

  it('figures for every split, Methods first, TRIPOD+AI appendix last', () => {
    for (const s of ['train', 'validation']) {
      for (const f of ['roc', 'calibration', 'decision-curves', 'decision-curves-combined']) expect(report.files[`figures/${f}-${s}.svg`]).toBeDefined();
    }
    const h2 = [...report.markdown.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(h2[0]).toBe('Methods');
    expect(h2.at(-2)).toBe('Appendix: TRIPOD+AI checklist');
    expect(report.markdown).toContain('Wilson score');
    expect(report.markdown).toContain('Ethical approval and consent | Authors');
  });

  it('is deterministic and writes numeric CSV columns', () => {
    const again = evaluatePredictions(table, { cases, study, stages: { predict: predictSummary }, generatedAt: '2026-12-06' });
    expect(again.files).toEqual(report.files);
    const csv = toCsv(byId('performance'), { values: true });
    const [header, first] = csv.split('\r\n');
    const cols = header!.split(',');
    const auc = Number(first!.split(',')[cols.indexOf('auc')]);
    expect(auc).toBe(byId('performance').rows[0]!.values!['auc']);
    expect(cols).toEqual(expect.arrayContaining(['aucLower', 'aucUpper', 'ppv', 'ppvLower', 'npvUpper']));
  });

  it('without a manifest: performance for each split, no covariate tables', () => {
    const r = evaluatePredictions(table);
    expect(r.tableIds).toEqual(['patient-flow', 'performance', 'delong-train', 'delong-validation', 'calibration-train', 'calibration-validation', 'tripod-ai']);
  });

  it('bad input is a coded error', () => {
    expect(() => evaluatePredictions(table, { cases, study: '{"variables": {"age": {"lable": "Age", "type": "continuous"}}}' })).toThrow(/did you mean 'label'/);
    expect(() => evaluatePredictions(table, { cases, study: { variables: { nope: { type: 'continuous' } } } })).toThrow(code('STUDY_INVALID'));
    expect(() => evaluatePredictions(table, { cases, study: { variables: { sex: { type: 'categorical', levels: ['F'] } } } })).toThrow(code('STUDY_INVALID'));
    expect(() => evaluatePredictions(table, { cases, study: { variables: { sex: { type: 'continuous' } } } })).toThrow(code('STUDY_INVALID'));
    expect(() => evaluatePredictions({ ...table, models: { M1: table.models['M1']!.map(() => Number.NaN) } })).toThrow(code('SINGLE_CLASS'));
  });
});
