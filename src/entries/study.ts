/**
 * `reesim/study`: what `monteCarlo` and `sweep` (in `reesim`) are built of, for custom tasks and
 * in-process runs: the batch functions, the models by name, paths into inputs and results, distributions
 * and their draws, summary statistics, purity risk, and the parallel-trains study: its line builders and the whole study
 * of one base line (`parallelLines`, the `parallel-lines` model).
 *
 * @module reesim/study
 */

// ── Study building blocks ────────────────────────────────────────────────────
export {
  checkDistribution,
  DISTRIBUTION_KINDS,
  type DiscreteDistribution,
  draw,
  type LognormalDistribution,
  type NormalDistribution,
  type PertDistribution,
  type RelativeDistribution,
  resolveRelative,
  sample,
  type TriangularDistribution,
  type UniformDistribution,
} from '../study/distributions.js';
export {
  evaluateLine,
  type LineAssumptions,
  type LineMetrics,
  type LineStartup,
  type LineStartupRun,
  type ProductStartup,
} from '../study/lineMetrics.js';
export {
  ASYNC_MODELS,
  evaluatePoint,
  evaluatePointAsync,
  models,
  type PointOutcome,
} from '../study/models.js';
export {
  MAX_RUNS,
  type MonteCarloBatchInput,
  monteCarloBatch,
  monteCarloBatchAsync,
  monteCarloBatches,
} from '../study/monteCarlo.js';
export {
  checkParallelLinesRequest,
  LINE_VARIANTS,
  type LineFailure,
  type ParallelLines,
  type ParallelLinesHooks,
  type ParallelLinesRequest,
  type ParallelLinesStartup,
  parallelLines,
} from '../study/parallelLines.js';
export {
  type BaseLine,
  type BaseLineRequest,
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  fixedOrganicTrain,
  type LineOption,
  type LineVariant,
  largerTrain,
  organicCeiling,
  parallelTrains,
  splitTrains,
  withStageMargin,
} from '../study/parallelTrains.js';
export { getNumber, getPath, type PathSegment, parsePath, setPath, setPaths } from '../study/paths.js';
export {
  drawPurity,
  type PurityDraw,
  type PurityRisk,
  type PurityUncertainty,
  purityRisk,
  wilsonInterval,
} from '../study/purityRisk.js';
export {
  type Proportion,
  proportion,
  summarise,
  type TornadoBar,
  tQuantile975,
  Z_975,
} from '../study/summary.js';
export {
  MAX_POINTS,
  type SweepBatchInput,
  sweepBatch,
  sweepBatchAsync,
  sweepBatches,
} from '../study/sweep.js';
