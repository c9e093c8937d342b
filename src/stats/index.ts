/**
 * sonorisk/stats — distributions, tests, logistic regression, ROC/DeLong, calibration, DCA, resampling.
 * @module stats
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { createRng } from './resampling/rng.js';
export type { Rng } from './resampling/rng.js';
export { roc, auc } from './roc/roc.js';
export type { RocCurve, RocOptions } from './roc/roc.js';
export type { RocDirection, RocDirectionOption } from './roc/ranked-scores.js';
export type { BinaryLabels, LabelValue, NumericArray } from './binary-outcome.js';
export { aucCI } from './roc/auc-ci.js';
export type { AucCI, AucCIOptions } from './roc/auc-ci.js';
export { delongTest, delongTestUnpaired } from './roc/delong.js';
export type { Alternative, DelongTestOptions, DelongTestResult } from './roc/delong.js';
export { bootstrap } from './resampling/bootstrap.js';
export type { BootstrapOptions } from './resampling/bootstrap.js';
export type { StrataLabels } from './resampling/strata.js';
export { bestThreshold, youdenThreshold } from './roc/youden.js';
export type { BestThresholdOptions, BestThresholdResult, RocPoint, YoudenResult } from './roc/youden.js';
export { partialAuc } from './roc/partial-auc.js';
export type { PartialAucOptions, PartialAucSpec } from './roc/partial-auc.js';
export { ciBestThreshold, ciSensitivity, ciSpecificity, ciThresholds } from './roc/roc-bootstrap.js';
export type { BootstrapInterval, CiBestThresholdOptions, RocBootstrapOptions, RocPointIntervals } from './roc/roc-bootstrap.js';
export { powerRocTest, powerRocTestPaired } from './roc/power-roc.js';
export type { PowerRocTestOptions, PowerRocTestPairedOptions, PowerRocTestResult } from './roc/power-roc.js';
export { smoothRoc } from './roc/smooth-roc.js';
export type { SmoothRoc, SmoothRocOptions } from './roc/smooth-roc.js';
export { thresholdMetrics } from './roc/threshold-metrics.js';
export type { ThresholdMetrics, ThresholdMetricsOptions } from './roc/threshold-metrics.js';
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
} from './distributions/distributions.js';
export { stratifiedSplit } from './resampling/stratified-split.js';
export type { StratifiedSplitOptions, TrainTestSplit } from './resampling/stratified-split.js';
export { stratifiedKFold } from './resampling/stratified-kfold.js';
export type { KFoldAssignment, StratifiedKFoldOptions } from './resampling/stratified-kfold.js';
export { decisionCurve } from './calibration/decision-curve.js';
export type { DecisionCurve, DecisionCurveModel, DecisionCurveOptions, NetBenefitInterval } from './calibration/decision-curve.js';
export { pAdjust } from './tests/p-adjust.js';
export type { PAdjustMethod } from './tests/p-adjust.js';
export { describe, quantile } from './tests/describe.js';
export type { Description } from './tests/describe.js';
export { tTest } from './tests/t-test.js';
export type { TTestOptions, TTestResult } from './tests/t-test.js';
export { mannWhitneyU } from './tests/mann-whitney.js';
export type { MannWhitneyOptions, MannWhitneyResult } from './tests/mann-whitney.js';
export type { ContingencyTable } from './tests/contingency-table.js';
export { chiSquareTest } from './tests/chi-square-test.js';
export type { ChiSquareTestOptions, ChiSquareTestResult } from './tests/chi-square-test.js';
export { fisherExactTest } from './tests/fisher-exact.js';
export type { FisherExactOptions, FisherExactResult } from './tests/fisher-exact.js';
export { shapiroWilk } from './tests/shapiro-wilk.js';
export { standardizedCategoricalDifference, standardizedMeanDifference } from './tests/standardized-difference.js';
export { wilcoxonSignedRank } from './tests/wilcoxon-signed-rank.js';
export type { WilcoxonSignedRankOptions, WilcoxonSignedRankResult } from './tests/wilcoxon-signed-rank.js';
export { kruskalWallis, oneWayAnova } from './tests/k-sample.js';
export type { KruskalWallisResult, OneWayAnovaOptions, OneWayAnovaResult } from './tests/k-sample.js';
export { binomTest, mcnemarTest } from './tests/binomial-tests.js';
export type { BinomTestOptions, BinomTestResult, McNemarOptions, McNemarResult } from './tests/binomial-tests.js';
export type { ShapiroWilkResult } from './tests/shapiro-wilk.js';
export { logisticRegression } from './regression/logistic-regression.js';
export { predictLogistic } from './regression/logistic-predict.js';
export type { PredictLogisticOptions } from './regression/logistic-predict.js';
export type { LogisticRegressionOptions, LogisticRegressionResult, LogisticTerm, SeparationReport } from './regression/logistic-regression.js';
export type { CategoricalSpec, DataRow, PredictorCoding } from './regression/design-matrix.js';
export { riskFactorAnalysis } from './regression/risk-factor-analysis.js';
export type { RiskFactorAnalysis, RiskFactorEstimate, RiskFactorOptions, RiskFactorRow } from './regression/risk-factor-analysis.js';
export { lowess } from './calibration/lowess.js';
export type { LowessCurve, LowessOptions } from './calibration/lowess.js';
export { calibration } from './calibration/calibration.js';
export type { CalibrationBin, CalibrationCoefficient, CalibrationOptions, CalibrationResult } from './calibration/calibration.js';
export { internalValidation } from './validation/internal-validation.js';
export type {
  InternalValidation,
  InternalValidationOptions,
  ModelPredictor,
  ModelProcedure,
  ValidatedCalibrationCurve,
  ValidatedIndex,
} from './validation/internal-validation.js';
export { delongTestMulti } from './roc/delong-k.js';
export type { DelongMultiOptions, DelongMultiResult } from './roc/delong-k.js';
export { netBenefitDifference } from './calibration/net-benefit-difference.js';
export type { NetBenefitDifference, NetBenefitDifferenceOptions } from './calibration/net-benefit-difference.js';
export { nriIdi } from './comparison/nri-idi.js';
export type { ImprovementEstimate, Nri, NriIdi, NriIdiOptions } from './comparison/nri-idi.js';
export { flexibleCalibration } from './calibration/flexible-calibration.js';
export type { FlexibleCalibration, FlexibleCalibrationIntervals, FlexibleCalibrationMetrics, FlexibleCalibrationOptions } from './calibration/flexible-calibration.js';
