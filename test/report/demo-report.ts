/**
 * The demo study report (synthetic data) used by the HTML snapshot test and by
 * scripts/screenshot-report.ts.
 */
import {
  baselineTable,
  calibrationFigure,
  decisionCurveFigure,
  delongTable,
  performanceTable,
  riskFactorTable,
  rocFigure,
  type StudyReport,
  studyReport,
  timeIntensityFigure,
} from '../../src/report/index.js';
import { demoCalibration, demoDecisionCurve, demoRoc, demoTimeIntensity } from './demo.js';
import { demoBaselineInput, demoDelongInput, demoPerformanceInput, demoRiskFactorInput } from './demo-tables.js';

export function demoStudyReport(): StudyReport {
  return studyReport({
    title: 'Early recurrence of HCC after RFA — model evaluation (synthetic demonstration)',
    subtitle: '139 simulated patients, 42 early recurrences (30.2%)',
    banner: 'Demonstration on synthetic data — not for clinical use.',
    sections: [
      { heading: 'Patients', tables: [baselineTable(demoBaselineInput())] },
      {
        heading: 'Discrimination',
        tables: [performanceTable(demoPerformanceInput()), delongTable(demoDelongInput())],
        figures: [
          { id: 'roc', caption: 'ROC curves of the four models (shaded: 95% confidence band of R-US).', svg: rocFigure(demoRoc(), { width: 520, height: 500 }) },
        ],
      },
      {
        heading: 'Calibration and clinical usefulness',
        figures: [
          { id: 'calibration', caption: 'Calibration of R-US and R-CEUS45: quintiles with 95% CI, smoothed curve, distribution of predictions.', svg: calibrationFigure(demoCalibration(), { width: 520, height: 520 }) },
          { id: 'decision-curve', caption: 'Decision curves.', svg: decisionCurveFigure(demoDecisionCurve(), { width: 520, height: 440 }) },
        ],
      },
      { heading: 'Risk factors', tables: [riskFactorTable(demoRiskFactorInput())] },
      {
        heading: 'Contrast kinetics',
        paragraphs: ['Time-intensity curve of one lesion with the CEUS phase windows the models use.'],
        figures: [{ id: 'time-intensity', caption: 'Time-intensity curve with phase windows.', svg: timeIntensityFigure(demoTimeIntensity(), { width: 760, height: 420 }) }],
      },
    ],
    methods: [
      'AUC 95% confidence intervals by the DeLong method; pairwise AUC comparisons by the paired DeLong test with Holm adjustment.',
      'The classification threshold of each model maximises the Youden index on the training set and is applied unchanged to the validation set.',
    ],
    software: [{ name: 'Node.js', version: 'demo' }],
    generatedAt: '2026-11-28',
  });
}
