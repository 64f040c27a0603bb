/**
 * A flowsheet: unit operations wired by named streams. Plain data, so it can be written in a scenario file
 * and sent to a worker thread.
 */
import type { Stream } from '../stream/stream.js';

/** One unit operation placed in a flowsheet. */
export interface BlockSpec {
  /** Unique block name, e.g. `rougher`. */
  readonly id: string;
  /** Unit kind, e.g. `beneficiation` (see `unitKinds`). */
  readonly unit: string;
  /** Unit parameters (the unit validates them). Source units (mine) take everything from here. */
  readonly params?: unknown;
  /**
   * Inlet port -> stream name. A list of names is mixed at the port; the mixture takes the form of the
   * first stream listed.
   */
  readonly inlets?: Readonly<Record<string, string | readonly string[]>>;
  /** Outlet port -> stream name. Unnamed outlets are called `<block id>.<port>`. */
  readonly outlets?: Readonly<Record<string, string>>;
}

/** How recycles are converged. */
export interface RecycleSolver {
  /** `wegstein` (default; bounded acceleration) or `direct` substitution. */
  readonly method?: 'wegstein' | 'direct';
  /** Relative change of every tear-stream flow at which the recycle counts as converged. Default 1e-12. */
  readonly tolerance?: number;
  /** Iteration limit per recycle loop. Default 500. */
  readonly maxIterations?: number;
  /** `throw` (default) raises NOT_CONVERGED; `flag` returns the result with `converged: false`. */
  readonly onNonConvergence?: 'throw' | 'flag';
}

/** A plant. */
export interface FlowsheetSpec {
  readonly name?: string;
  /** External feeds by stream name. */
  readonly feeds?: Readonly<Record<string, Stream>>;
  readonly blocks: readonly BlockSpec[];
  /** Streams that are products: recoveries and purities are reported for them. */
  readonly products?: readonly string[];
  /** Streams that are wastes or residues: Th and U reporting to them is totalled. */
  readonly residues?: readonly string[];
  /** Tear streams for recycles; chosen automatically when absent. */
  readonly tears?: readonly string[];
  readonly solver?: RecycleSolver;
}
