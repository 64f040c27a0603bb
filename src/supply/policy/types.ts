/** What a policy kind is and does: the interface each kind's file implements (see registry.ts). */
import type { Network } from '../network.js';
import type { Policy, Stage, SupplyScenario } from '../types.js';

/** The routes a policy restricts: international arcs out of `exporter` at `stages`, narrowed by the rest. */
export interface RouteScope {
  readonly exporter: string;
  readonly stages: readonly Stage[];
  /** Only shipments to these countries (default all). */
  readonly destinations: readonly string[] | undefined;
  /** Only these elements; at the unseparated stages, lots whose mix carries one of them (default all). */
  readonly elements: readonly string[] | undefined;
}

/** A stockpile policy resolved to its market, in t REO by element index. */
export interface Stockpile {
  readonly id: string;
  readonly market: number;
  readonly stage: Stage;
  readonly from: number;
  readonly to: number;
  /** Capacity and initial holding, t REO by element (0 for elements it does not hold). */
  readonly capacity: Float64Array;
  readonly initial: Float64Array;
  readonly releaseBelow: number;
}

/**
 * What a policy does to the months it is in force, every part stated (a kind that does not act through a
 * part says so with `undefined` or 0): route bounds, licence delays, a stockpile.
 */
export interface PolicyEffect {
  /** The routes it restricts, or undefined when it restricts none. */
  readonly routes: RouteScope | undefined;
  /**
   * Share of a restricted route's pre-policy flow licensed in month index `month` (0 closes the route,
   * 1 bounds nothing).
   */
  readonly licensed: (month: number) => number;
  /** Months a licence adds to a shipment on a restricted route. */
  readonly licenceDelayMonths: number;
  /** The stockpile it keeps, or undefined. */
  readonly stockpile: Stockpile | undefined;
}

/** What a kind's check may read: the scenario, its network, the policy's months and the stockpiles before it. */
export interface PolicyContext {
  readonly scenario: SupplyScenario;
  readonly net: Network;
  /** The policy's first and last month indices (inclusive; +Infinity when open-ended). */
  readonly from: number;
  readonly to: number;
  /** Stockpiles of the policies before this one. */
  readonly stockpiles: readonly Stockpile[];
}

/** One kind of policy. */
export interface PolicyKind<P extends Policy> {
  /** Every key a policy of this kind may carry. */
  readonly keys: readonly string[];
  /**
   * Checks the kind's own fields at `at` (the kind, id and months are checked for every policy before) and
   * resolves what the policy does.
   */
  readonly resolve: (at: string, policy: P, context: PolicyContext) => PolicyEffect;
}
