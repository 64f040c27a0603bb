/**
 * The kinds of scenario a scenario file (and the `reesim run` command) can hold: the built-in models and
 * the two studies that run a model many times.
 */
import { MODEL_NAMES } from '../study/models.js';

/** Scenario kinds: each built-in model (see `models`) plus `monte-carlo` and `sweep`. */
export const SCENARIO_KINDS = [...MODEL_NAMES, 'monte-carlo', 'sweep'] as const;

/** A scenario kind. */
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];
