/**
 * A simulated study for the report tests and the evaluate benchmark: covariates (continuous,
 * categorical with natural-order levels S1…S8, binary), an outcome from a logistic model, and
 * deep-learning scores of `models` models of increasing strength; training/validation split;
 * optionally some missing predictions. Deterministic (seeded).
 */
import { createRng } from '../../src/stats/index.js';
import type { CohortCase, PredictionsTable, StudyFile } from '../../src/study/index.js';

export interface StudyCohort {
  table: PredictionsTable;
  cases: CohortCase[];
  study: StudyFile;
}

export function studyCohort(options: { n: number; models: number; seed?: number; missing?: number; trainFraction?: number }): StudyCohort {
  const rng = createRng(options.seed ?? 15);
  const ids: string[] = [];
  const outcome: (0 | 1)[] = [];
  const split: string[] = [];
  const latent: number[] = [];
  const cases: CohortCase[] = [];
  for (let i = 0; i < options.n; i++) {
    const age = Math.round((58 + 10 * rng.normal()) * 10) / 10;
    const sex = rng.next() < 0.75 ? 'M' : 'F';
    const hbv = rng.next() < 0.6 ? 1 : 0;
    const sizeMm = Math.round(Math.exp(3.2 + 0.45 * rng.normal()) * 10) / 10;
    const segment = `S${1 + rng.int(8)}`;
    const afp = Math.round(Math.exp(3 + 1.5 * rng.normal()) * 10) / 10;
    const echo = ['hypo', 'iso', 'hyper'][rng.int(3)]!;
    const z = rng.normal();
    const lp = -2.2 + 0.03 * (age - 58) + 0.5 * (sex === 'M' ? 1 : 0) + 0.035 * (sizeMm - 25) + 0.25 * Math.log10(afp) + 0.4 * hbv + 1.1 * z;
    const y = rng.next() < 1 / (1 + Math.exp(-lp)) ? 1 : 0;
    const id = `C${String(i + 1).padStart(4, '0')}`;
    ids.push(id);
    outcome.push(y);
    split.push(rng.next() < (options.trainFraction ?? 0.7) ? 'train' : 'validation');
    latent.push(lp + 0.8 * rng.normal());
    cases.push({ id, outcome: y, split: split[i]!, injectionOffset: 0, covariates: { age, sex, hbv, sizeMm, segment, afp, echo } });
  }
  const models: Record<string, Float64Array> = {};
  for (let m = 0; m < options.models; m++) {
    const strength = 0.4 + 0.25 * m;
    models[`M${m + 1}`] = Float64Array.from(latent, (l) => 1 / (1 + Math.exp(-(strength * l + 0.9 * rng.normal() + 0.6))));
  }
  // a few cases without a prediction of the first model (failed recordings)
  for (let k = 0; k < (options.missing ?? 0); k++) models['M1']![(k * 37 + 5) % options.n] = Number.NaN;
  const study: StudyFile = {
    title: 'Simulated study',
    outcome: { label: 'Early recurrence', event: 'Early recurrence', noEvent: 'No recurrence' },
    variables: {
      age: { label: 'Age', unit: 'years', type: 'continuous', per: 10 },
      sex: { label: 'Sex', type: 'categorical', levels: ['F', 'M'], levelLabels: { F: 'Female', M: 'Male' } },
      hbv: { label: 'HBV infection', type: 'categorical', levels: [0, 1], levelLabels: { '0': 'No', '1': 'Yes' } },
      sizeMm: { label: 'Tumour size', unit: 'mm', type: 'continuous', per: 10 },
      segment: { label: 'Segment', type: 'categorical' },
      afp: { label: 'AFP', unit: 'ng/mL', type: 'continuous', transform: 'log10' },
      echo: { label: 'Echo pattern', type: 'ordinal', levels: ['hypo', 'iso', 'hyper'], levelLabels: { hypo: 'Hypoechoic', iso: 'Isoechoic', hyper: 'Hyperechoic' } },
    },
    clinicalModel: ['age', 'sex', 'sizeMm', 'afp', 'hbv'],
    subgroups: [{ variable: 'sex' }, { variable: 'sizeMm', label: 'Tumour size', cuts: [30] }],
  };
  return { table: { ids, outcome, split, models }, cases, study };
}
