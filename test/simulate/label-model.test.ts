import { describe, expect, it } from 'vitest';
import { isSonoriskError } from '../../src/errors.js';
import type { Covariates } from '../../src/simulate/index.js';
import { DEFAULT_LABEL_MODEL, drawLabel, recurrenceLogit, sampleCohort, sampleCovariates, simulateCohort, toManifestEntry } from '../../src/simulate/index.js';
import { createRng } from '../../src/stats/index.js';

const cov: Covariates = { age: 60, sex: 'M', hbv: true, sizeMm: 25, segment: 4, echoPattern: 'hypo', halo: true, earlyWashout: false, afp: 20 };

describe('label model', () => {
  it('computes the documented linear predictor', () => {
    // Hand-checked: intercept + halo + S4; AFP = 20 and size = 25 are the centring values.
    expect(recurrenceLogit(cov)).toBeCloseTo(DEFAULT_LABEL_MODEL.intercept + DEFAULT_LABEL_MODEL.halo + DEFAULT_LABEL_MODEL.segment4, 12);
    const other = { ...cov, segment: 8, halo: false, earlyWashout: true, afp: 20 * Math.E, sizeMm: 35 };
    expect(recurrenceLogit(other)).toBeCloseTo(DEFAULT_LABEL_MODEL.intercept + DEFAULT_LABEL_MODEL.earlyWashout + DEFAULT_LABEL_MODEL.logAfp + DEFAULT_LABEL_MODEL.sizePer10Mm, 12);
    // With no noise, the probability is the logistic of the linear predictor.
    const { probability } = drawLabel(cov, createRng(1), { ...DEFAULT_LABEL_MODEL, noiseSd: 0 });
    expect(probability).toBeCloseTo(1 / (1 + Math.exp(-recurrenceLogit(cov))), 12);
  });

  it('samples covariates in their documented ranges', () => {
    const rng = createRng(2);
    for (let i = 0; i < 500; i++) {
      const c = sampleCovariates(rng);
      expect(c.age).toBeGreaterThanOrEqual(30);
      expect(c.age).toBeLessThanOrEqual(85);
      expect(c.sizeMm).toBeGreaterThanOrEqual(10);
      expect(c.sizeMm).toBeLessThanOrEqual(50);
      expect(c.segment).toBeGreaterThanOrEqual(1);
      expect(c.segment).toBeLessThanOrEqual(8);
      expect(['hypo', 'iso', 'hyper', 'mixed']).toContain(c.echoPattern);
    }
  });

  it('recurs in about 30% of a seeded cohort, more with halo, S4 and early wash-out (labels only)', () => {
    // n = 2000 also checks that default sampling always places the lesion inside the field.
    const cohort = sampleCohort({ n: 2000, seed: 2024 });
    const labels = cohort.map((c) => c.params.label);
    const prevalence = labels.reduce<number>((a, b) => a + b, 0) / labels.length;
    // Target 0.302 (42/139); binomial SD at n = 2000 is 0.010, so ± 0.035 is over 3 SD.
    expect(Math.abs(prevalence - 0.302)).toBeLessThan(0.035);
    const rate = (pred: (c: Covariates) => boolean, want: boolean): number => {
      const sel = cohort.filter((c) => pred(c.params.covariates) === want);
      return sel.reduce((a, c) => a + c.params.label, 0) / sel.length;
    };
    expect(rate((c) => c.halo, true) - rate((c) => c.halo, false)).toBeGreaterThan(0.15);
    expect(rate((c) => c.earlyWashout, true) - rate((c) => c.earlyWashout, false)).toBeGreaterThan(0.15);
    expect(rate((c) => c.segment === 4, true)).toBeGreaterThan(rate((c) => c.segment === 4, false));
    // The images carry the covariates: halo ⇔ halo rim, early wash-out ⇔ fast-decaying lesion TIC.
    for (const c of cohort.slice(0, 100)) {
      expect(c.params.lesion.haloMm > 0).toBe(c.params.covariates.halo);
      expect(c.params.ceus.lesionTic.sigma < 1).toBe(c.params.covariates.earlyWashout);
      expect(2 * c.params.lesion.radiusXMm).toBeCloseTo(c.params.covariates.sizeMm, 9);
    }
    // Same seed → same cohort; ids are zero-padded.
    expect(sampleCohort({ n: 5, seed: 2024 }).map((c) => c.params)).toEqual(cohort.slice(0, 5).map((c) => c.params));
    expect(cohort[6]!.id).toBe('case-007');
  });

  it('renders a small cohort and rejects bad options', () => {
    const cases = simulateCohort({ n: 2, seed: 'tiny', overrides: { render: { width: 48, height: 40, bannerHeight: 10, depthCm: 9 }, bmode: { durationS: 1, fps: 2 }, ceus: { durationS: 3, fps: 1 } } });
    expect(cases.map((c) => c.id)).toEqual(['case-001', 'case-002']);
    expect(cases[0]!.ceus.length).toBeGreaterThan(1000);
    for (const bad of [{ n: 0, seed: 1 }, { n: 1.5, seed: 1 }, { n: 3, seed: -2 }, null]) {
      let err: unknown;
      try {
        sampleCohort(bad as never);
      } catch (e) {
        err = e;
      }
      expect(isSonoriskError(err, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});

describe('toManifestEntry', () => {
  it('describes a case in the cohort-manifest JSON format', () => {
    const c = simulateCohort({ n: 1, seed: 'm', overrides: { render: { width: 48, height: 40, bannerHeight: 10, depthCm: 9 }, bmode: { durationS: 1, fps: 1 }, ceus: { durationS: 2, fps: 1, injectionTimeS: -1.5 } } })[0]!;
    const e = toManifestEntry(c, { bmodePath: 'b.dcm', ceusPath: 'c.dcm', split: 'train' });
    const r = c.truth.ceus.roiBox;
    expect(e.ceus).toEqual({ path: 'c.dcm', corners: [[r.x0, r.y0], [r.x1 - 1, r.y1 - 1]], units: 'px' });
    expect([e.id, e.outcome, e.split, e.injectionOffset]).toEqual(['case-001', c.label, 'train', -1.5]);
    expect(e.covariates['halo']).toBe(c.truth.covariates.halo ? 1 : 0);
    expect(e.covariates['s4']).toBe(c.truth.covariates.segment === 4 ? 1 : 0);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    let err: unknown;
    try {
      toManifestEntry(c, { bmodePath: '', ceusPath: 'c.dcm' });
    } catch (x) {
      err = x;
    }
    expect(isSonoriskError(err, 'INVALID_ARGUMENT')).toBe(true);
  });
});
