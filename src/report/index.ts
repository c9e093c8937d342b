/**
 * sonorisk/report — journal tables and SVG figures built from statistics results, and a
 * self-contained study report. Data first: builders take plain, documented input types (filled
 * from `sonorisk/stats` results or any other source) and return a {@link Table} or an SVG string;
 * renderers turn tables into Markdown, HTML, CSV or JSON. No DOM, no UI framework.
 *
 * Naming: `computeX(data, …)` computes with `sonorisk/stats` and builds X (e.g.
 * `computePerformanceTable`); `xFrom(result)` only maps a result already computed (e.g.
 * `rocSeriesFrom(name, roc(...), aucCI(...))`). A builder without either (`performanceTable`,
 * `rocFigure`) takes the documented input type as it is.
 * @module report
 */
export { SONORISK_ERROR_CODES, SonoriskError, isSonoriskError, isSonoriskErrorCode } from '../errors.js';
export type { SonoriskErrorCode } from '../errors.js';
export { formatCI, formatCountPercent, formatEstimateCI, formatNumber, formatP } from './format.js';
export type { FormatCIOptions, FormatNumberOptions, FormatPOptions } from './format.js';
export type { Table, TableColumn, TableRow } from './table.js';
export { toMarkdown } from './table-markdown.js';
export { toHtml } from './table-html.js';
export type { HtmlTableOptions } from './table-html.js';
export { toCsv } from './table-csv.js';
export { csvField, formatCsv, neutraliseFormula, parseCsv } from './csv.js';
export type { CsvOptions } from './table-csv.js';
export { toJson } from './table-json.js';
export { baselineTable } from './baseline-table.js';
export type { BaselineInput, BaselineTest, BaselineVariable, CategoricalBaselineVariable, ContinuousBaselineVariable, GroupSummary } from './baseline-table.js';
export { performanceTable } from './performance-table.js';
export type { PerformanceEntry, PerformanceInput, ThresholdSource } from './performance-table.js';
export { riskFactorTable } from './risk-factor-table.js';
export type { OddsRatio, RiskFactor, RiskFactorInput, RiskFactorLevel } from './risk-factor-table.js';
export { delongTable } from './delong-table.js';
export type { DelongComparison, DelongInput } from './delong-table.js';
export { OKABE_ITO, SERIES_COLORS } from './palette.js';
export type { FigureOptions } from './figure-options.js';
export type { LegendPosition } from './legend.js';
export { rocFigure, rocLegendLabel } from './roc-figure.js';
export type { RocCurveSeries, RocFigureOptions } from './roc-figure.js';
export { calibrationFigure } from './calibration-figure.js';
export type { CalibrationFigureOptions, CalibrationSeries } from './calibration-figure.js';
export { decisionCurveFigure, decisionCurveRanges } from './decision-curve-figure.js';
export type { DecisionCurveFigureOptions, DecisionCurveInput, DecisionCurveSeries } from './decision-curve-figure.js';
export { timeIntensityFigure } from './time-intensity-figure.js';
export type { TimeIntensityFigureOptions, TimeIntensitySeries } from './time-intensity-figure.js';
export { DEFAULT_NOTE, studyReport } from './study-report.js';
export type { ReportFigure, ReportSection, StudyReport, StudyReportInput } from './study-report.js';
export { rocSeriesFrom } from './roc-series-from.js';
export { decisionCurveInputFrom } from './decision-curve-from.js';
export { computePerformanceTable } from './performance-table-compute.js';
export type { PerformanceSplit, ComputePerformanceTableOptions } from './performance-table-compute.js';
export { computeDelongTable } from './delong-table-compute.js';
export type { ComputeDelongTableOptions } from './delong-table-compute.js';
export { computeBaselineTable } from './baseline-table-compute.js';
export type { BaselineSpec, BaselineVariableSpec, DataValue } from './baseline-table-compute.js';
export { riskFactorInputFrom, computeRiskFactorTable } from './risk-factor-table-compute.js';
export type { RiskFactorLabels, RiskFactorSpec } from './risk-factor-table-compute.js';
export { calibrationSeriesFrom } from './calibration-series-from.js';
export { calibrationTable } from './calibration-table.js';
export type { CalibrationEntry, CalibrationTableInput, EstimateCI } from './calibration-table.js';
export { computeCalibrationTable } from './calibration-table-compute.js';
export { timeIntensitySeriesFrom } from './time-intensity-series-from.js';
export type { FittedCurve, TimeIntensitySeriesFromOptions } from './time-intensity-series-from.js';
export { calibrationGridFigure } from './calibration-grid-figure.js';
export type { CalibrationGridOptions } from './calibration-grid-figure.js';
export { computeSplitBalanceTable } from './split-balance-table.js';
export type { SplitBalanceSpec } from './split-balance-table.js';
