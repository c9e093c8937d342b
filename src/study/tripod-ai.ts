import type { Table } from '../report/index.js';

/** Report sections the checklist can point at (those this evaluation produced). */
export interface TripodCoverage {
  flow: boolean;
  splitBalance: boolean;
  baseline: boolean;
  regression: boolean;
  combined: boolean;
  subgroups: boolean;
  calibration: boolean;
  decisionCurves: boolean;
}

/**
 * The TRIPOD+AI checklist (Collins et al., BMJ 2024;385:e078378) as an appendix table: each item,
 * the report section that covers it, or "Authors" where only the authors can write it (ethics,
 * sample size, funding, …). Items the report covers only in part say what remains.
 */
export function tripodAiChecklist(c: TripodCoverage): Table {
  const A = 'Authors';
  const items: [string, string, string][] = [
    ['1', 'Title: development/evaluation of a prediction model, population, outcome', A],
    ['2', 'Abstract (TRIPOD+AI for Abstracts)', A],
    ['3a–c', 'Background: healthcare context, rationale, existing models', A],
    ['4', 'Objectives, including development vs evaluation', A],
    ['5a', 'Data sources and representativeness', A],
    ['5b', 'Dates of data collection', A],
    ['6a', 'Setting and centres', A],
    ['6b', 'Eligibility criteria', A],
    ['6c', 'Treatments received', A],
    ['7', 'Data preparation and quality checks', 'Methods (frame selection, clip specifications per model); authors: image acquisition'],
    ['8a', 'Outcome definition and assessment', 'Methods (outcome as coded); authors: definition, blinding'],
    ['8b–c', 'Outcome assessment and blinding', A],
    ['9a', 'Choice of predictors', c.regression ? 'Methods (variables and their typing)' : A],
    ['9b–c', 'Predictor definitions, assessment and blinding', A],
    ['10', 'Sample size justification', A],
    ['11', 'Missing data handling', c.flow ? 'Patient flow; Methods (complete-case analysis per model)' : 'Methods (complete-case analysis per model)'],
    ['12a', 'Data use: development vs evaluation split', 'Methods (splits); Characteristics by split'],
    ['12b', 'Predictor handling in the analysis', c.regression ? 'Methods (typing, transformations)' : A],
    ['12c', 'Model type, building, tuning, internal validation', 'Methods (models); authors: deep-learning training and tuning'],
    ['12d', 'Heterogeneity across clusters/centres', A],
    ['12e', 'Performance measures and their CIs', 'Methods (tests and CI methods)'],
    ['12f', 'Model updating / recalibration', A],
    ['12g', 'Combining model outputs with other information', c.combined ? 'Combined clinical and deep-learning models' : A],
    ['13', 'Class imbalance handling', A],
    ['14', 'Fairness approaches', c.subgroups ? 'Subgroup analysis (AUC per subgroup); authors: fairness rationale' : 'Authors (no subgroups were requested in the study file)'],
    ['15', 'Model output and thresholds', 'Methods (thresholds and where they came from)'],
    ['16', 'Differences between development and evaluation data', c.splitBalance ? 'Characteristics by split (standardised differences)' : A],
    ['17', 'Ethical approval and consent', A],
    ['18a–d', 'Funding, conflicts of interest, protocol, registration', A],
    ['18e–f', 'Data and code availability', 'Software (versions, model hashes); authors: access'],
    ['19', 'Patient and public involvement', A],
    ['20a', 'Participant flow and outcome events', c.flow ? 'Patient flow' : 'Discrimination (n and events)'],
    ['20b', 'Participant characteristics overall and by source', c.baseline ? 'Baseline characteristics' : A],
    ['20c', 'Comparison of development and evaluation data', c.splitBalance ? 'Characteristics by split' : A],
    ['21', 'Participants and events in each analysis', 'Model performance (n (events) per model and split)'],
    ['22', 'Full model specification', c.combined ? 'Combined models (odds ratios); authors: network weights availability' : 'Authors (network weights, model manifests)'],
    ['23a', 'Performance estimates with CIs, incl. calibration', c.calibration ? 'Model performance; Calibration' : 'Model performance'],
    ['23b', 'Performance in key subgroups', c.subgroups ? 'Subgroup analysis' : A],
    ['24', 'Model updating results', A],
    ['25', 'Interpretation and comparison with other studies', A],
    ['26', 'Limitations (non-representative sample, few events, overfitting)', A],
    ['27a', 'Handling of poor-quality or unavailable input data in practice', c.flow ? 'Patient flow (failed recordings by reason); authors: clinical handling' : A],
    ['27b', 'User interaction and expertise needed', A],
    ['27c', 'Future research', A],
  ];
  return {
    caption: 'Appendix. TRIPOD+AI checklist',
    columns: [
      { key: 'item', label: 'Item' },
      { key: 'topic', label: 'Topic', align: 'left' },
      { key: 'where', label: 'Where reported', align: 'left' },
    ],
    rows: items.map(([item, topic, where]) => ({ cells: { item, topic, where }, values: { item, byReport: where !== A && !where.startsWith('Authors') } })),
    footnotes: [
      'Collins GS, et al. TRIPOD+AI statement: updated guidance for reporting clinical prediction models that use regression or machine learning methods. BMJ 2024;385:e078378.',
      '"Authors": the report cannot know this; the authors must write it. Items naming a section are covered there, in part where the entry says what remains.',
    ],
  };
}
