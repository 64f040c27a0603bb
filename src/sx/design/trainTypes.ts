/**
 * The types of a separation train (`designSeparationTrain`): its request, progress and callbacks, its
 * cascades and products, and its three-outlet candidates (shared by the train's modules, kept apart so that
 * none imports another for a type).
 */

import type { ExtractantSystem, SeparationFactorOverrides } from '../equilibrium/extractants.js';
import type { FeedUnit } from '../flowUnits.js';
import type { CascadeDesign, DesignRequest } from './designCascade.js';
import type { ThreeOutletDesign, ThreeOutletTargets } from './threeOutlet.js';
import type { PlanSize } from './threeOutletCompare.js';

/** Purities (group basis) and recoveries of the three products of a pair or a three-outlet cascade. */
export interface ThreeProducts {
  readonly purity: { readonly A: number; readonly M: number; readonly B: number };
  readonly recovery: { readonly A: number; readonly M: number; readonly B: number };
}

/** Why a three-outlet candidate was or was not used. */
export type ThreeOutletReason =
  | 'smaller holdup'
  | 'screened out'
  | 'larger holdup'
  | 'infeasible'
  | 'not converged'
  | 'shares a cut'
  | 'strip'
  | 'budget'
  | 'train failed';

/**
 * A pair of cuts of the two-outlet plan that a three-outlet cascade could replace, and the decision. Sizes
 * are per mol of the pair's feed (the first cut's): S of each cut times its share of that feed.
 */
export interface TrainThreeOutletCandidate {
  /** The middle product, and the products leaving in the organic (A) and the raffinate (B). */
  readonly middle: string;
  readonly organicProducts: readonly string[];
  readonly aqueousProducts: readonly string[];
  /** The pair's cuts in design order, and which side the second cut works on (`'A-first'`: the raffinate). */
  readonly cuts: readonly [string, string];
  readonly order: 'A-first' | 'B-first';
  readonly used: boolean;
  readonly reason: ThreeOutletReason;
  /** The decision in words, with its numbers. */
  readonly note: string;
  /** The pair as designed in the two-outlet plan, with the products it makes. */
  readonly pair: PlanSize & ThreeProducts;
  /** The screen (absent when the balance already rules the targets out). */
  readonly screen?: {
    /** Underwood's smallest S, Fenske's stages of the three sections, their product (the floor). */
    readonly minimumOrganicLoad: number;
    readonly fenske: number;
    readonly lowerBound: number;
    /** S the cascade is designed at (closed forms' optimum) and S × the closed forms' total there. */
    readonly organicLoad: number;
    readonly estimate: number | null;
    readonly passed: boolean;
  };
  /** Targets given to the three-outlet design (the pair's end purities and B recovery, M's requirement). */
  readonly targets?: ThreeOutletTargets;
  /** The designed three-outlet cascade, its size and products. */
  readonly threeOutlet?: PlanSize & ThreeProducts & { readonly design: ThreeOutletDesign };
  /** Pair minus three-outlet (positive where the three-outlet cascade needs less). */
  readonly saving?: PlanSize;
  /** Simulations this candidate's design ran. */
  readonly simulations: number;
}

/**
 * A product of the train: one element, or a named group of elements adjacent in extractability, with its
 * own smallest purity if it has one (in (0, 1): a concentrate such as a 40 % Eu product). Without `purity`,
 * a single-element product must meet the train's `purity` and a group is not checked.
 */
export type TrainProduct =
  | string
  | { readonly name: string; readonly elements: readonly string[]; readonly purity?: number };

/** What the user specifies for {@link designSeparationTrain}. */
export interface SeparationTrainRequest {
  /** Feed of each rare earth in `unit` (elements outside the extractant's table are not accepted). */
  readonly feed: Readonly<Record<string, number>>;
  /**
   * The feed's unit (default `'mol/h'`): `'kmol/h'`, `'mol/s'`, `'kmol/s'`, or `'t REO/yr'` (each element as
   * its reported oxide over 8,760 h). Converted to mol/h, the unit of every result.
   */
  readonly unit?: FeedUnit;
  /** Extractant system (default `'P507'`). */
  readonly system?: ExtractantSystem | string;
  /** Separation-factor and loading overrides, as in {@link separationFactorModel}. */
  readonly overrides?: SeparationFactorOverrides;
  /** Products; default every element of the feed on its own. Each feed element must be in one product. */
  readonly products?: readonly TrainProduct[];
  /** Smallest purity of each single-element product, in (0.5, 1) (default 0.999). Groups count as one. */
  readonly purity?: number;
  /** Feed concentration, mol RE per litre (default 1); sets every cut's aqueous volumes. */
  readonly concentration?: number;
  /** Organic residence time per stage, hours (default 25/60, at most 1,000), for the solvent inventory. */
  readonly residenceTime?: number;
  /** A strip section for every cut, designed as in {@link designCascade} (`strip` there); none by default. */
  readonly strip?: DesignRequest['strip'];
  /** Most simulations the whole train may run (default 5,000, at most 50,000); each cut gets what is left. */
  readonly maxSimulations?: number;
  /**
   * `'auto'` (default): a three-outlet cascade replaces a pair of cuts where its S·(n + m) is smaller (see
   * {@link designSeparationTrain}); `'never'`: two-outlet cuts only.
   */
  readonly threeOutlet?: 'auto' | 'never';
}

/** Progress of a train design: the cascade being designed (from 1), the cascades of the plan and the round. */
export interface TrainProgress {
  readonly round: number;
  /** While three-outlet candidates are designed: the first cut of the pair and the two-outlet plan's cuts. */
  readonly cut: number;
  readonly cuts: number;
  /** Simulations run so far over the whole train, and its limit. */
  readonly simulations: number;
  readonly maxSimulations: number;
}

/** Hooks of {@link designSeparationTrain}. */
export interface TrainHooks {
  /** Called before each cascade's design and after each of its simulations. */
  readonly onProgress?: (progress: TrainProgress) => void;
}

/** What every cascade of the train reports. */
export interface TrainCascadeBase {
  /** Position in the design order, from 1. */
  readonly index: number;
  /** Key pair `'A/B'` (more/less extractable), e.g. `'Sm/Nd'`; a three-outlet cascade `'A/M/B'`, e.g. `'Gd/Eu/Sm'`. */
  readonly cut: string;
  /** Product groups leaving in the organic (A side) and in the raffinate (B side). */
  readonly organicProducts: readonly string[];
  readonly aqueousProducts: readonly string[];
  /** Feed to this cascade, mol/h per element. */
  readonly feed: Readonly<Record<string, number>>;
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** S, mol RE carried by the organic per mol fed to this cascade; S·(n + m), the solvent index. */
  readonly organicLoad: number;
  readonly holdupIndex: number;
  /** Organic, feed and scrub volume flows, L/h; product reflux, mol/h. */
  readonly organicVolume: number;
  readonly feedVolume: number;
  readonly scrubVolume: number;
  readonly reflux: number;
  /** NaOH for saponification and HCl for stripping (the acid supplied to the strip section, if any), mol/h. */
  readonly reagents: { readonly NaOH: number; readonly HCl: number };
  /** Strip stages (0 without a strip section). */
  readonly stripStages: number;
  /** Organic hold-up of the cascade's extraction, scrub and strip sections and in all, m³. */
  readonly solventInventory: {
    readonly extraction: number;
    readonly scrub: number;
    readonly strip: number;
    readonly total: number;
  };
  /** Group purities reached by the verifying simulation (A side in the organic, B side in the raffinate). */
  readonly purity: { readonly organic: number; readonly aqueous: number };
}

/** A two-outlet cut. */
export interface TwoOutletTrainCascade extends TrainCascadeBase {
  readonly kind: 'two-outlet';
  /** The design (flows, shortcut, McCabe–Thiele data, verifying simulation). */
  readonly design: CascadeDesign;
}

/** A three-outlet cascade: the middle product is drawn from the aqueous of a scrub-section stage. */
export interface ThreeOutletTrainCascade extends TrainCascadeBase {
  readonly kind: 'three-outlet';
  readonly middle: {
    readonly product: string;
    /** Draw stage (from the raffinate end), fraction of that stage's aqueous outflow drawn. */
    readonly drawStage: number;
    readonly drawFraction: number;
    /** The draw: mol/h by element, L/h, and its purity (share of the product's elements). */
    readonly flows: Readonly<Record<string, number>>;
    readonly volume: number;
    readonly purity: number;
  };
  /** The design (flows, closed forms, verifying simulation with the draw). */
  readonly design: ThreeOutletDesign;
}

/** One cascade of the train. */
export type TrainCascade = TwoOutletTrainCascade | ThreeOutletTrainCascade;

/** A product leaving the train. */
export interface TrainOutput {
  readonly name: string;
  readonly elements: readonly string[];
  /** mol/h of every element in the product stream. */
  readonly flows: Readonly<Record<string, number>>;
  /** Share of the product's own elements in the stream. */
  readonly purity: number;
  /** Fraction of the feed's amount of the product's elements recovered in it. */
  readonly recovery: number;
}

/** Result of {@link designSeparationTrain}. */
export interface SeparationTrain {
  readonly system: ExtractantSystem;
  readonly cascades: readonly TrainCascade[];
  readonly products: readonly TrainOutput[];
  /** Sums over the cascades: stages (extraction + scrub + strip), solvent inventory m³, reagents mol/h. */
  readonly totals: {
    readonly stages: number;
    readonly stripStages: number;
    readonly solventInventory: number;
    readonly NaOH: number;
    readonly HCl: number;
  };
  /** Every three-outlet candidate of the two-outlet plan and its decision (empty with `threeOutlet: 'never'`). */
  readonly threeOutlet: readonly TrainThreeOutletCandidate[];
  /** Largest relative species-balance error over the train (feed vs all products). */
  readonly balanceError: number;
  /** Design rounds (a round tightens the cuts of products that missed the purity; the three-outlet redesign counts as one). */
  readonly rounds: number;
  /** Simulations run over all rounds and three-outlet designs. */
  readonly simulations: number;
}
