/**
 * `reesim/report`: reports and charts of any result: Vega-Lite chart specifications, SVG rendering,
 * Markdown and CSV reports of a scenario, and text tables and number formats.
 *
 * @module reesim/report
 */

// ── Charts (Vega-Lite specifications) ────────────────────────────────────────
export {
  type CascadeProfileData,
  type CascadeProfileOptions,
  cascadeProfileChart,
  cascadePurityChart,
} from '../report/charts/cascade.js';
export {
  type StartupTransientOptions,
  startupImpurityChart,
  startupTransientChart,
} from '../report/charts/dynamics.js';
export {
  type McCabeThieleData,
  type McCabeThieleOptions,
  mccabeThieleChart,
  mccabeThieleRatioChart,
} from '../report/charts/mccabeThiele.js';
export { parallelLinesChart } from '../report/charts/parallelLines.js';
export { recoveryChart } from '../report/charts/recovery.js';
export { type ChartSpec, type NamedChart, VEGA_LITE_SCHEMA } from '../report/charts/spec.js';
export { histogramChart, type StudyChartOptions, sweepChart, tornadoChart } from '../report/charts/study.js';
export {
  type SupplyChartOptions,
  separatedShareChart,
  shortfallChart,
  supplyProductionChart,
} from '../report/charts/supply.js';
export { trainStagesChart } from '../report/charts/train.js';
// ── Reports, tables, text and SVG ────────────────────────────────────────────
export { chartsFor, MAX_CHARTED_OUTPUTS } from '../report/charts.js';
export { toCsv } from '../report/csv.js';
export { formatValue } from '../report/kinds/common.js';
export { type StudyLabel, studyLabel } from '../report/labels/studyLabel.js';
export { MAX_MARKDOWN_ROWS, type MarkdownReportArgs, markdownReport } from '../report/markdown.js';
export {
  type Evidence,
  type Kpi,
  type ReportTable,
  type ScenarioReport,
  type SummaryTextOptions,
  scenarioReport,
  summaryText,
} from '../report/scenarioReport.js';
export { type RenderSvgOptions, renderSvg } from '../report/svg.js';
export { formatNumber, formatPercent, textTable } from '../report/text.js';
