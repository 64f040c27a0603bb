/**
 * The types of a cascade dynamics run: hold-ups, start-up policies, events, options, samples, outlet times,
 * the result and the callbacks (shared by `dynamics.ts` and its helpers, kept apart so that none imports
 * another for a type).
 */
import type { Flows } from '../cascadeSpec.js';
import type {
  CascadeOutlet,
  CascadeResult,
  StageProfile,
  simulateCascade,
} from '../steady/simulateCascade.js';
import type { SPLIT_MAX_ITERATIONS } from './mixerSplit.js';

/** Hold-up of one kind of tank (mixer or settler): phase volumes, or a residence time. */
export type PhaseHoldup =
  | {
      /** Aqueous and organic hold-up volumes of every stage, in the volume unit of the flows (> 0). */
      readonly aqueous: number;
      readonly organic: number;
    }
  | {
      /**
       * Residence time (time unit of the volume flows, > 0): each phase's volume is this time × the phase's
       * flow through the tank at the spec's operating point (the mixer's flow is E·A or E·O under a Murphree
       * efficiency). Volumes then stay fixed; later flow changes change the residence times.
       */
      readonly residenceTime: number;
    };

/**
 * Start-up policy: what the tanks hold at time 0 and how the cascade is run at first.
 *
 * - `'empty'`: no species anywhere.
 * - `'feed'`: every hold-up of the feed's phase (mixer and settler) at the feed's concentration, the other
 *   phase barren; normal operation from time 0.
 * - `{ kind: 'totalReflux', duration }`: filled as `'feed'`, then for `duration` no species enter from the
 *   feed, the organic or the scrub (their volumes still flow, barren), all the loaded organic returns with
 *   the scrub into the top stage, the raffinate returns with the organic into stage 1 and no side draw is
 *   taken (no product leaves); then normal operation.
 * - `'preloaded'` (or `{ kind: 'preloaded' }`): every tank holds what it holds at the steady state of the
 *   spec ({@link simulateCascade}; the spec before any event): a fixed point of the time step, so the run
 *   stays there to round-off until an event. `{ kind: 'preloaded', inventory }` scales that profile, species
 *   by species, so that the whole cascade (every mixer and settler tank of every stage) holds `inventory[s]`
 *   of each species named (amounts, not per unit time; species not named keep their steady hold-up): the
 *   steady distribution with another inventory, e.g. what a previous campaign left in the tanks.
 */
export type CascadeStartup =
  | 'empty'
  | 'feed'
  | 'preloaded'
  | {
      /** Filled with feed, then run at total reflux for `duration` before normal operation. */
      readonly kind: 'totalReflux';
      readonly duration: number;
    }
  | {
      /** Filled with the steady profile, optionally scaled to hold `inventory` (amount per species) in all. */
      readonly kind: 'preloaded';
      readonly inventory?: Flows;
    };

/**
 * The purity an outlet must have: a fraction in (0, 1] for its main component (the species with the
 * largest share of that outlet at the steady state), or `{ species: fraction }` naming the species, e.g.
 * `{ Nd: 0.999 }`.
 */
export type PurityTarget = number | Readonly<Record<string, number>>;

/** Purity specs of the outlets: the net organic product, the raffinate and each side draw (spec order). */
export interface OutletSpecs {
  readonly product?: PurityTarget;
  readonly raffinate?: PurityTarget;
  /** One per side draw, in the order of the cascade's `draws` (may be shorter: no spec for the rest). */
  readonly draws?: readonly PurityTarget[];
}

/** A step change at `time`: each given field replaces the current value from then on. */
export interface CascadeEvent {
  readonly time: number;
  /** New feed amounts per unit time (species of the spec only; absent species: 0). Feed volume unchanged. */
  readonly feed?: Flows;
  /** New organic volume flow entering stage 1. */
  readonly organicVolume?: number;
  /** New scrub aqueous volume flow. */
  readonly scrubVolume?: number;
  /** New product reflux (total amount per unit time returned with the scrub). */
  readonly reflux?: number;
}

/** Options of {@link simulateCascadeDynamics}; times are in the time unit of the volume flows. */
export interface CascadeDynamicsOptions {
  /** Mixer and settler hold-ups (the same for every stage, or from residence times). */
  readonly holdup: { readonly mixer: PhaseHoldup; readonly settler: PhaseHoldup };
  /** Simulated time. */
  readonly duration: number;
  /**
   * Sampling interval of the outlets; default duration / 100. At most 1e6 samples. Every time the result
   * reports is a sample time: this is their resolution.
   */
  readonly sampleEvery?: number;
  /** Largest time step; default a tenth of the smallest tank residence time, which is also its upper bound. */
  readonly dt?: number;
  /** Default 'empty'. */
  readonly startup?: CascadeStartup;
  /** Step changes, in order of time, each within [0, duration]. */
  readonly events?: readonly CascadeEvent[];
  /**
   * Flow band of `timeToFlowBand`: every outlet species flow within tolerance × the outlet's steady total
   * of its steady value; default 1e-4.
   */
  readonly tolerance?: number;
  /** Purity specs of the outlets, for `outlets.*.timeToSpec` (none by default). */
  readonly spec?: OutletSpecs;
  /**
   * Band of `outlets.*.timeToSteadyImpurity`: an outlet's impurity within (1 ± impurityWithin) × its steady
   * impurity; a fraction in (0, 1], default 0.1.
   */
  readonly impurityWithin?: number;
}

/** The outlets at one time. */
export interface CascadeSample {
  readonly time: number;
  /** 'totalReflux' while the outlets are returned to the cascade (then `product` and the draws are empty). */
  readonly operation: 'normal' | 'totalReflux';
  /** Aqueous leaving stage 1. */
  readonly raffinate: CascadeOutlet;
  /** Organic leaving the last stage, before the product reflux is taken from it. */
  readonly loadedOrganic: CascadeOutlet;
  /**
   * Net product: the loaded organic less the product reflux; with a strip section, the strip liquor less
   * the reflux (an aqueous product).
   */
  readonly product: CascadeOutlet;
  /** Side draws in the spec's order (empty without draws). */
  readonly draws: readonly CascadeOutlet[];
  /**
   * With a strip section: the strip liquor (aqueous leaving the first strip stage, before the reflux is taken
   * from it) and the stripped organic returning to stage 1.
   */
  readonly strip?: { readonly liquor: CascadeOutlet; readonly strippedOrganic: CascadeOutlet };
  /** Amounts held in the whole cascade (every mixer and settler tank, strip stages included) at this time, per species. */
  readonly inventory: Readonly<Record<string, number>>;
}

/**
 * Start-up times of one outlet, counted from time 0 in the spec's time unit, each a sample time (so known
 * to within the sampling interval). Samples at total reflux never count (nothing leaves), nor samples
 * where the outlet carries nothing.
 */
export interface OutletTimes {
  /**
   * The species whose purity is watched: the one the outlet's spec names, else the outlet's main component
   * at the steady state (at the last sample when there is no steady state); undefined if neither flows.
   */
  readonly species: string | undefined;
  /** The spec purity (undefined: no spec for this outlet). */
  readonly target: number | undefined;
  /** 1 − the steady purity of `species` (undefined without a steady state). */
  readonly steadyImpurity: number | undefined;
  /**
   * First sample time from which the outlet's purity of `species` is at least `target` at every later
   * sample to the end of the run: when the product meets its spec and holds it. Undefined without a spec,
   * or if the last sample misses it.
   */
  readonly timeToSpec: number | undefined;
  /**
   * First sample time from which the outlet's impurity (1 − purity of `species`) stays within
   * (1 ± impurityWithin) × `steadyImpurity` at every later sample. Undefined without a steady state, or if
   * the last sample is outside the band.
   */
  readonly timeToSteadyImpurity: number | undefined;
}

/** Result of {@link simulateCascadeDynamics}. */
export interface CascadeDynamicsResult {
  readonly species: readonly string[];
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** Outlets at 0, every `sampleEvery`, and at the end. */
  readonly samples: readonly CascadeSample[];
  /** Steady state of the final operating point by {@link simulateCascade}; undefined when it has none. */
  readonly steady: CascadeResult | undefined;
  /** Why `steady` is undefined (the steady solver's message). */
  readonly steadyIssue?: string;
  /** Start-up times of each outlet: to meet its spec, and to come within a band of its steady impurity. */
  readonly outlets: {
    readonly product: OutletTimes;
    readonly raffinate: OutletTimes;
    readonly draws: readonly OutletTimes[];
  };
  /**
   * First sample time from which every later sample has each species' flow in every outlet (raffinate,
   * net product, side draws) within `tolerance` × that outlet's steady total of its steady value. This is a
   * band on flows, not on purity: with a tolerance as large as a product's impurity budget an outlet can be
   * inside it while its purity is still off spec (use `outlets.*.timeToSpec` for that).
   */
  readonly timeToFlowBand: number | undefined;
  /** @deprecated The same number as `timeToFlowBand` (its former name, which claimed more than it measures). */
  readonly timeToSteadyState: number | undefined;
  /** `timeToFlowBand` is defined: the outlet flows ended inside the band. */
  readonly reachedSteadyState: boolean;
  /** Amounts per unit time leaving each stage at the end, shaped like {@link CascadeResult}'s `profile`. */
  readonly final: readonly StageProfile[];
  /**
   * With a strip section: its stages and the amounts per unit time leaving each strip stage at the end,
   * shaped like {@link CascadeResult}'s `strip.stageFlows` (strip stage 1 first).
   */
  readonly strip?: {
    readonly stages: number;
    readonly final: { readonly aqueous: Float64Array; readonly organic: Float64Array };
  };
  /**
   * Hold-up amounts at the start and at the end, and cumulative amounts that entered and left (raffinate,
   * net product and side draws).
   */
  readonly initialInventory: Readonly<Record<string, number>>;
  readonly inventory: Readonly<Record<string, number>>;
  readonly totalIn: Readonly<Record<string, number>>;
  readonly totalOut: Readonly<Record<string, number>>;
  /** Largest relative error of inventory = initial + in − out over every step. */
  readonly balanceError: number;
  readonly steps: number;
  /** Largest time step used (steps are shortened to land on samples and events). */
  readonly dt: number;
  /**
   * Largest number of iterations any mixer's equilibrium split needed (0 for linear models; capped at
   * {@link SPLIT_MAX_ITERATIONS}, where the split keeps its best point instead of failing).
   */
  readonly splitIterations: number;
}

/** Callbacks of a dynamics run (kept apart from the options, which are plain data that crosses to workers). */
export interface DynamicsHooks {
  /** Called at every sample with the simulated time and the run's duration (for a progress bar). */
  readonly onProgress?: (time: number, duration: number) => void;
}
