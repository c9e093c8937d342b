/**
 * sonorisk/stats — distributions, tests, logistic regression, ROC/DeLong, calibration, DCA, resampling.
 * @module stats
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { createRng } from './rng.js';
export type { Rng } from './rng.js';
export { roc, auc } from './roc.js';
export type { RocCurve, RocOptions } from './roc.js';
export type { RocDirection } from './ranked-scores.js';
export type { BinaryLabels, NumericArray } from './binary-outcome.js';
export { aucCI } from './auc-ci.js';
export type { AucCI, AucCIOptions } from './auc-ci.js';
export { delongTest, delongTestUnpaired } from './delong.js';
export type { Alternative, DelongTestOptions, DelongTestResult } from './delong.js';
export { bootstrap } from './bootstrap.js';
export type { BootstrapOptions } from './bootstrap.js';
export type { StrataLabels } from './strata.js';
export { youdenThreshold } from './youden.js';
export type { RocPoint, YoudenResult } from './youden.js';
export { thresholdMetrics } from './threshold-metrics.js';
export type { ThresholdMetrics, ThresholdMetricsOptions } from './threshold-metrics.js';
export { wilsonInterval } from './wilson-interval.js';
export type { Proportion } from './wilson-interval.js';
export {
  binomialCdf,
  chiSquareCdf,
  chiSquareQuantile,
  fisherFCdf,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  studentTCdf,
  studentTQuantile,
} from './distributions.js';
export { stratifiedSplit } from './stratified-split.js';
export type { StratifiedSplitOptions, TrainTestSplit } from './stratified-split.js';
export { stratifiedKFold } from './stratified-kfold.js';
export type { KFoldAssignment, StratifiedKFoldOptions } from './stratified-kfold.js';
export { decisionCurve } from './decision-curve.js';
export type { DecisionCurve, DecisionCurveModel, DecisionCurveOptions, NetBenefitInterval } from './decision-curve.js';
export { pAdjust } from './p-adjust.js';
export type { PAdjustMethod } from './p-adjust.js';
export { describe, quantile } from './describe.js';
export type { Description } from './describe.js';
export { tTest } from './t-test.js';
export type { TTestOptions, TTestResult } from './t-test.js';
export { mannWhitneyU } from './mann-whitney.js';
export type { MannWhitneyOptions, MannWhitneyResult } from './mann-whitney.js';
export type { ContingencyTable } from './contingency-table.js';
export { chiSquareTest } from './chi-square-test.js';
export type { ChiSquareTestOptions, ChiSquareTestResult } from './chi-square-test.js';
export { fisherExactTest } from './fisher-exact.js';
export type { FisherExactOptions, FisherExactResult } from './fisher-exact.js';
export { shapiroWilk } from './shapiro-wilk.js';
export type { ShapiroWilkResult } from './shapiro-wilk.js';
export { logisticRegression } from './logistic-regression.js';
export type { LogisticRegressionOptions, LogisticRegressionResult, LogisticTerm, SeparationReport } from './logistic-regression.js';
export type { CategoricalSpec, DataRow, PredictorCoding } from './design-matrix.js';
export { riskFactorAnalysis } from './risk-factor-analysis.js';
export type { RiskFactorAnalysis, RiskFactorEstimate, RiskFactorOptions, RiskFactorRow } from './risk-factor-analysis.js';
export { lowess } from './lowess.js';
export type { LowessCurve, LowessOptions } from './lowess.js';
export { calibration } from './calibration.js';
export type { CalibrationBin, CalibrationCoefficient, CalibrationOptions, CalibrationResult } from './calibration.js';
