/**
 * Design of a counter-current extraction–scrub cascade for one cut: Xu's optimum flows (src/sx/xu.ts),
 * the McCabe–Thiele staircase at those flows, and the smallest stage counts whose stage-wise simulation
 * (src/sx/simulateCascade.ts) meets both purity targets, with the real volume flows and reagents.
 */
import { fail, ReesimError } from '../../core/errors.js';
import { finite, integer, knownKeys, oneOf, optional, positive, record } from '../../core/validate.js';
import { cite, type Provenance } from '../../data/provenance.js';
import type { CascadeSpec } from '../cascadeSpec.js';
import { DEFAULT_STRIP_DISTRIBUTION } from '../cascadeSpec.js';
import type { SeparationFactorModel } from '../equilibrium/equilibrium.js';
import { EQUILIBRIUM_MODELS } from '../equilibrium/registry.js';
import { type CascadeResult, simulateCascade } from '../steady/simulateCascade.js';
import { cutFlows, fmt } from './designFlows.js';
import { type KeyPair, type KeySplit, splitAtKeys } from './keyPair.js';
import {
  type Curve,
  equilibriumCurve,
  type OperatingLines,
  operatingLines,
  type StageSteps,
  stageSteps,
} from './mccabeThiele.js';
import { searchStages } from './stageSearch.js';
import type { ControlSection } from './xu.js';

/** What the user specifies for {@link designCascade}. */
export interface DesignRequest {
  /** Feed amounts per unit time by species (mol/h or any consistent unit), >= 0; two or more species. */
  readonly feed: Readonly<Record<string, number>>;
  /** Xu's saturated separation-factor model, one for both sections or one per section. */
  readonly equilibrium:
    | SeparationFactorModel
    | { readonly extraction: SeparationFactorModel; readonly scrub?: SeparationFactorModel };
  /** Targets in (0.5, 1): the A side's purity in the organic product, the B side's in the raffinate. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** The key pair, adjacent in extractability; required for more than two species. */
  readonly keys?: KeyPair;
  /** `'group'` (default): purity of the whole A side (B side); `'keys'`: A/(A + B) (B/(A + B)). */
  readonly purityBasis?: 'group' | 'keys';
  /**
   * Which section's optimum sets the flows (default `'auto'`), as in
   * {@link "reesim/sx"!xuDesign | xuDesign}.
   */
  readonly control?: 'auto' | ControlSection;
  /** Reflux rule W = 1/(β′^k − 1), k in (0, 1), as in {@link "reesim/sx"!xuDesign | xuDesign}. */
  readonly k?: number;
  /** Forces the scrub reflux W, mol per mol feed (then S = W + f′_A); excludes `control` and `k`. */
  readonly scrubLoad?: number;
  /** Feed volume flow (default: the total feed amount, i.e. 1 amount unit per volume unit: 1 mol/L). */
  readonly feedVolume?: number;
  /** Scrub volume flow (default W·feedVolume: the reflux at the feed's concentration, ree-data 2.6). */
  readonly scrubVolume?: number;
  /** Organic loading, amount per volume (default: the model's, e.g. 0.18 mol/L for P507). */
  readonly loading?: number;
  /** Largest stage counts searched per section (default 2,000 each, at most 5,000). */
  readonly maxStages?: { readonly extraction?: number; readonly scrub?: number };
  /** Most simulations the stage search may run (default 200, at most 5,000). */
  readonly maxSimulations?: number;
  /**
   * A strip section to design with the cut: the loaded organic is stripped by acid (3 mol H⁺ per mol RE, plus
   * `acidExcess`, default 0.1) at `acidConcentration` mol/L (default 5, ree-data 2.6: 4-6 M HCl for P507) in
   * the fewest stages that leave at most `residualLoading` of the loaded organic's rare earths in the
   * stripped organic (default: a tenth of the A side the raffinate may hold, 0.1·(1 − purity.aqueous)·f′_B/S,
   * because that organic returns to stage 1 beside the raffinate), whose return to stage 1 the verifying simulation includes. `distribution`:
   * the strip distribution ratio(s) (default {@link DEFAULT_STRIP_DISTRIBUTION}, assumed). Amounts must be in
   * mol per unit time and volumes in litres per unit time.
   */
  readonly strip?: {
    readonly residualLoading?: number;
    readonly distribution?: number | Readonly<Record<string, number>>;
    readonly acidConcentration?: number;
    readonly acidExcess?: number;
    readonly maxStages?: number;
  };
  /** Organic residence time per stage (time unit of the flows; default 25/60, i.e. 25 min with flows per hour), for the solvent inventory. */
  readonly residenceTime?: number;
  /**
   * The units the amounts and volumes are in, for reports (the design itself needs only that the loading,
   * amount per volume, is in mol/L): `'mol/h'` with volumes in L/h, or `'kmol/h'` with volumes in m³/h.
   * Without it, reports say amount/time and volume/time.
   */
  readonly flowUnits?: DesignFlowUnits;
}

/** The unit pairs a design's flows may be declared in: mol/h with L/h, or kmol/h with m³/h. */
export type DesignFlowUnits = 'mol/h' | 'kmol/h';

/** Progress of a design: simulations run so far and the limit. */
export interface DesignHooks {
  readonly onProgress?: (simulations: number, maxSimulations: number) => void;
}

/** Result of {@link designCascade}. Loads are per mol of rare earths fed; flows per unit time. */
export interface CascadeDesign {
  readonly keys: KeyPair;
  /** Species lumped with each key (most extractable first). */
  readonly sides: { readonly A: readonly string[]; readonly B: readonly string[] };
  readonly purityBasis: 'group' | 'keys';
  /** β of the key pair in the extraction and the scrub section. */
  readonly beta: { readonly extraction: number; readonly scrub: number };
  /** A side's share of the feed (f_A) and the fractions of the feed to the organic product (f′_A) and raffinate. */
  readonly fA: number;
  readonly split: { readonly organic: number; readonly aqueous: number };
  /** Mixed extraction ratios E_M = S/(W + 1) and E′_M = S/W. */
  readonly extractionRatio: { readonly extraction: number; readonly scrub: number };
  /** S: rare earths carried by the organic, mol per mol feed. */
  readonly organicLoad: number;
  /** W: scrub reflux, mol per mol feed. */
  readonly scrubLoad: number;
  readonly controllingSection: ControlSection;
  /** The verified stage counts: the smallest that meet both targets (see {@link designCascade}). */
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** McCabe–Thiele stepped counts at the design flows (the search's start). */
  readonly stepped: { readonly extraction: number; readonly scrub: number };
  /** Xu's closed forms: n, the scrub formula (written m + 1 in textbooks), their sum, Fenske; minimum flows. */
  readonly shortcut: {
    readonly extraction: number;
    readonly scrub: number;
    readonly total: number;
    readonly fenske: number;
    /** Pure-product minimum flows S_min, W_min (ree-data §3.6). */
    readonly minimum: { readonly S: number; readonly W: number };
    /** Minimum flows at the target purities (pinch at the feed): the feasibility limit. */
    readonly pinch: { readonly S: number; readonly W: number };
  };
  /** Real flows: feed amount and volume, organic and scrub volumes, reflux amount, products' amounts. */
  readonly flows: {
    readonly feed: number;
    readonly feedVolume: number;
    readonly organicVolume: number;
    readonly scrubVolume: number;
    readonly loading: number;
    readonly reflux: number;
    readonly product: number;
    readonly raffinate: number;
    /** O/A by volume in the extraction section (organic / (feed + scrub)) and the scrub section. */
    readonly phaseRatio: { readonly extraction: number; readonly scrub: number };
  };
  /**
   * Saponification base (3 mol per mol RE extracted, S·F) and strip acid (with a strip section: the acid
   * supplied; without: 3 mol H⁺ per mol RE in the loaded organic), per unit time.
   */
  readonly reagents: { readonly saponificationBase: number; readonly stripAcid: number };
  /** The designed strip section (with `strip` in the request). */
  readonly strip?: {
    readonly stages: number;
    /** mol H⁺ and volume of strip acid per unit time; the strip ratio O/A by volume. */
    readonly acid: number;
    readonly acidVolume: number;
    readonly phaseRatio: number;
    /** Share of the loaded organic's rare earths left in the stripped organic (by the verifying simulation). */
    readonly residualLoading: number;
  };
  /**
   * Organic held in the mixer-settlers of each section: organic volume flow × `residenceTime` × stages, in the
   * volume unit of the flows (litres with flows in L/h).
   */
  readonly solventInventory: {
    readonly extraction: number;
    readonly scrub: number;
    readonly strip: number;
    readonly total: number;
  };
  /** Purities reached by the verifying simulation, on `purityBasis`. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Recovery of the A side into the product and of the B side into the raffinate. */
  readonly recovery: { readonly organic: number; readonly aqueous: number };
  /** For plotting: the equilibrium curves, operating lines and the staircase (lumped key pair). */
  readonly mcCabeThiele: {
    readonly curve: { readonly extraction: Curve; readonly scrub: Curve };
    readonly lines: OperatingLines;
    readonly steps: StageSteps;
  };
  /** The verifying simulation at `stages`, all species. */
  readonly simulation: CascadeResult;
  /** Simulations the search ran, and how many of them did not converge. */
  readonly simulations: number;
  readonly unsolvedSimulations: number;
  readonly provenance: readonly Provenance[];
  readonly notes: readonly string[];
}

const FN = 'designCascade';

/** Largest simulation budget accepted for one design. */
const MAX_SIMULATIONS = 5000;

/** The checked strip request, with defaults. */
interface StripRequest {
  /** Undefined: derived from the raffinate's purity target (see {@link designCascade}). */
  readonly residualLoading: number | undefined;
  readonly distribution: number | Readonly<Record<string, number>>;
  readonly acidConcentration: number;
  readonly acidExcess: number;
  readonly maxStages: number;
}

function checkStripRequest(value: unknown, species: readonly string[]): StripRequest | undefined {
  if (value === undefined) return undefined;
  const path = `${FN}.strip`;
  const s = record(
    path,
    value,
    '{ residualLoading?, distribution?, acidConcentration?, acidExcess?, maxStages? }',
  );
  knownKeys(path, s, ['residualLoading', 'distribution', 'acidConcentration', 'acidExcess', 'maxStages']);
  const inRange = (key: string, v: unknown, fallback: number, lo: number, hi: number, open: string) =>
    optional(v, fallback, (x) => {
      const y = finite(`${path}.${key}`, x);
      if (!(y > lo && y <= hi)) fail('OUT_OF_RANGE', `${path}.${key}`, y, open);
      return y;
    });
  const residualLoading =
    s.residualLoading === undefined
      ? undefined
      : inRange('residualLoading', s.residualLoading, 0, 0, 0.5, 'a share in (0, 0.5]');
  const acidConcentration = inRange('acidConcentration', s.acidConcentration, 5, 0, 20, 'mol/L in (0, 20]');
  const acidExcess = optional(s.acidExcess, 0.1, (x) => {
    const y = finite(`${path}.acidExcess`, x);
    if (!(y >= 0 && y <= 10)) fail('OUT_OF_RANGE', `${path}.acidExcess`, y, 'a fraction in [0, 10]');
    return y;
  });
  const maxStages = optional(s.maxStages, 100, (x) => {
    const y = integer(`${path}.maxStages`, x, 1);
    if (y > 1000) fail('OUT_OF_RANGE', `${path}.maxStages`, y, 'an integer in [1, 1000]');
    return y;
  });
  let distribution: number | Record<string, number> = DEFAULT_STRIP_DISTRIBUTION;
  if (typeof s.distribution === 'number' || s.distribution === undefined) {
    if (s.distribution !== undefined) {
      distribution = positive(`${path}.distribution`, s.distribution);
      if (distribution > 1e6)
        fail('OUT_OF_RANGE', `${path}.distribution`, distribution, 'a ratio in (0, 1e6]');
    }
  } else {
    const r = record(`${path}.distribution`, s.distribution, 'a ratio or a record of species -> ratio');
    knownKeys(`${path}.distribution`, r, species);
    const out: Record<string, number> = {};
    for (const name of species) {
      const v = r[name];
      if (v === undefined) {
        fail(
          'MISSING',
          `${path}.distribution.${name}`,
          v,
          `a ratio for every species (${species.join(', ')})`,
        );
      }
      const d = positive(`${path}.distribution.${name}`, v);
      if (d > 1e6) fail('OUT_OF_RANGE', `${path}.distribution.${name}`, d, 'a ratio in (0, 1e6]');
      out[name] = d;
    }
    distribution = out;
  }
  return { residualLoading, distribution, acidConcentration, acidExcess, maxStages };
}

/**
 * Fewest strip stages that leave at most `residual` of every species in the organic, by Kremser's
 * (s − 1)/(s^(N+1) − 1) with the stripping factor s = A/(D·O) of the hardest-to-strip species.
 */
function stripStages(
  request: StripRequest,
  residual: number,
  acidVolume: number,
  organicVolume: number,
): number {
  const d = request.distribution;
  const worst = typeof d === 'number' ? d : Math.max(...Object.values(d));
  const s = acidVolume / (worst * organicVolume);
  const left = (N: number) => (Math.abs(s - 1) < 1e-12 ? 1 / (N + 1) : (s - 1) / (s ** (N + 1) - 1));
  for (let N = 1; N <= request.maxStages; N++) if (left(N) <= residual) return N;
  return fail(
    'INFEASIBLE',
    `${FN}.strip.maxStages`,
    request.maxStages,
    `room for a ${fmt(residual)} residual loading: at the stripping factor ${fmt(s)} ` +
      `(acid volume / (distribution ratio ${fmt(worst)} × organic volume)) ${request.maxStages} stages leave ` +
      `${fmt(left(request.maxStages))}; raise the acid excess, lower its concentration or give measured ratios`,
  );
}

const PROVENANCE: readonly Provenance[] = [
  cite('XU85', 'recalled', 'medium', "Xu's cascade theory: optimum flows, control section, stage numbers"),
  cite('ZZS16', 'secondary', 'medium', 'optimum extraction ratios, criterion, worked example 24 + 21'),
  cite(
    'REESIM',
    'derived',
    'high',
    'stage counts verified by the stage-wise simulation; reagent stoichiometry',
  ),
];

function checkModel(path: string, value: unknown): SeparationFactorModel {
  const m = record(path, value, 'a separation-factor model (separationFactors(...))');
  const kind = oneOf(`${path}.kind`, m.kind, ['separationFactors', 'distribution']);
  if (kind !== 'separationFactors') {
    fail(
      'NOT_SUPPORTED',
      `${path}.kind`,
      kind,
      "'separationFactors' (Xu's design assumes a saturated organic)",
    );
  }
  const model = EQUILIBRIUM_MODELS.separationFactors.check(path, m);
  // Design divides by the factors: none below 1e-12.
  for (const [s, b] of Object.entries(model.beta))
    if (b < 1e-12) fail('OUT_OF_RANGE', `${path}.beta.${s}`, b, 'a number in [1e-12, 1e12]');
  return model;
}

function volumeOf(path: string, value: unknown, fallback: number): number {
  return optional(value, fallback, (v) => {
    const x = positive(path, v);
    if (x > 1e12) fail('OUT_OF_RANGE', path, x, 'a number in (0, 1e12]');
    return x;
  });
}

/** A purity target in the open interval (0.5, 1). */
function purityValue(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 0.5 && x < 1)) fail('OUT_OF_RANGE', path, x, 'a number in (0.5, 1)');
  return x;
}

/** Share of the `side` species among `of` species in an outlet's flows. */
function share(
  flows: Readonly<Record<string, number>>,
  side: readonly string[],
  of: readonly string[],
): number {
  const part = side.reduce((t, s) => t + (flows[s] ?? 0), 0);
  const all = of.reduce((t, s) => t + (flows[s] ?? 0), 0);
  return all > 0 ? part / all : 0;
}

/**
 * Impurity shares of a simulated cascade's products on the chosen basis (the B side in the product, the A side
 * in the raffinate), summed from the impurities themselves so that a trace is not lost in 1 − purity.
 */
function impurities(r: CascadeResult, cut: KeySplit, basis: 'group' | 'keys') {
  const A = basis === 'group' ? cut.sides.A : [cut.keys.A];
  const B = basis === 'group' ? cut.sides.B : [cut.keys.B];
  const both = [...A, ...B];
  return { organic: share(r.product.flows, B, both), aqueous: share(r.raffinate.flows, A, both) };
}

/**
 * Runs the stage search; with a strip section, a target it cannot reach gets a hint that the organic
 * returned to stage 1 may be what spoils the raffinate.
 */
function withStripHint<T>(stripped: boolean, search: () => T): T {
  try {
    return search();
  } catch (e) {
    if (!(stripped && e instanceof ReesimError && e.code === 'INFEASIBLE' && e.path === `${FN}.purity`))
      throw e;
    return fail(
      'INFEASIBLE',
      e.path,
      e.value,
      `${e.expected}; the stripped organic returns to stage 1 with its residual loading, which feeds the ` +
        'A side into the raffinate: lower strip.residualLoading (or leave it to the default, derived from the ' +
        'raffinate target)',
    );
  }
}

/** Organic held per section: organic volume per stage times the stages. */
function inventory(perStage: number, n: number, m: number, strip: number) {
  return {
    extraction: perStage * n,
    scrub: perStage * m,
    strip: perStage * strip,
    total: perStage * (n + m + strip),
  };
}

/** A design request checked and read (everything {@link designCascade} reads before its first simulation). */
function readRequest(request: unknown) {
  const q = record(FN, request, 'a design request');
  knownKeys(FN, q, [
    'feed',
    'equilibrium',
    'purity',
    'keys',
    'purityBasis',
    'control',
    'k',
    'scrubLoad',
    'feedVolume',
    'scrubVolume',
    'loading',
    'maxStages',
    'maxSimulations',
    'strip',
    'residenceTime',
    'flowUnits',
  ]);
  const eq = record(`${FN}.equilibrium`, q.equilibrium, 'a model or { extraction, scrub? }');
  let extraction: SeparationFactorModel;
  let scrub: SeparationFactorModel;
  // One model for both sections, unless the sections are named.
  const shared = !Object.hasOwn(eq, 'extraction') && !Object.hasOwn(eq, 'scrub');
  if (shared) {
    extraction = scrub = checkModel(`${FN}.equilibrium`, eq);
  } else {
    knownKeys(`${FN}.equilibrium`, eq, ['extraction', 'scrub']);
    extraction = checkModel(`${FN}.equilibrium.extraction`, eq.extraction);
    scrub = eq.scrub === undefined ? extraction : checkModel(`${FN}.equilibrium.scrub`, eq.scrub);
  }
  const cut = splitAtKeys(FN, q.feed, extraction, scrub, q.keys, shared);
  const basis = optional(q.purityBasis, 'group' as const, (v) =>
    oneOf(`${FN}.purityBasis`, v, ['group', 'keys'] as const),
  );
  const p = record(`${FN}.purity`, q.purity, 'an object { organic, aqueous }');
  knownKeys(`${FN}.purity`, p, ['organic', 'aqueous']);
  const target = {
    organic: purityValue(`${FN}.purity.organic`, p.organic),
    aqueous: purityValue(`${FN}.purity.aqueous`, p.aqueous),
  };
  const forcedW = q.scrubLoad === undefined ? undefined : positive(`${FN}.scrubLoad`, q.scrubLoad);
  if (forcedW !== undefined && (q.control !== undefined || q.k !== undefined)) {
    fail('INFEASIBLE', `${FN}.scrubLoad`, forcedW, 'absent when control or k sets the flows');
  }
  const loading = optional(q.loading, extraction.loading, (v) => positive(`${FN}.loading`, v));
  if (q.loading === undefined && scrub.loading !== extraction.loading) {
    fail(
      'NOT_SUPPORTED',
      `${FN}.equilibrium.scrub.loading`,
      scrub.loading,
      `the extraction section's loading ${extraction.loading} (one organic runs through both), or give loading`,
    );
  }
  const limits = optional(q.maxStages, {}, (v) => record(`${FN}.maxStages`, v, '{ extraction?, scrub? }'));
  knownKeys(`${FN}.maxStages`, limits, ['extraction', 'scrub']);
  const limit = (key: 'extraction' | 'scrub') =>
    optional(limits[key], 2000, (v) => {
      const x = integer(`${FN}.maxStages.${key}`, v, 1);
      if (x > 5000) fail('OUT_OF_RANGE', `${FN}.maxStages.${key}`, x, 'an integer in [1, 5000]');
      return x;
    });
  const maxStages = { extraction: limit('extraction'), scrub: limit('scrub') };
  const maxSimulations = optional(q.maxSimulations, 200, (v) => {
    const x = integer(`${FN}.maxSimulations`, v, 1);
    if (x > MAX_SIMULATIONS)
      fail('OUT_OF_RANGE', `${FN}.maxSimulations`, x, `an integer in [1, ${MAX_SIMULATIONS}]`);
    return x;
  });
  const residenceTime = optional(q.residenceTime, 25 / 60, (v) => {
    const x = positive(`${FN}.residenceTime`, v);
    if (x > 1e6) fail('OUT_OF_RANGE', `${FN}.residenceTime`, x, 'a time in (0, 1e6]');
    return x;
  });
  optional(q.flowUnits, undefined, (v) => oneOf(`${FN}.flowUnits`, v, ['mol/h', 'kmol/h'] as const));
  const stripRequest = checkStripRequest(q.strip, Object.keys(cut.feed));
  return {
    q,
    extraction,
    scrub,
    cut,
    basis,
    target,
    forcedW,
    loading,
    maxStages,
    maxSimulations,
    residenceTime,
    stripRequest,
  };
}

/**
 * Checks a design request without designing: every field's type and range, the models, the key pair and
 * the feed's split at it, the purity targets and the limits (what {@link designCascade} checks before its
 * first simulation; `reesim validate` runs it).
 *
 * @throws ReesimError at the first problem, with the path designCascade would give
 * @example
 * ```ts
 * const request = { feed: { Pr: 1, Nd: 3 }, equilibrium: separationFactors({ Pr: 1, Nd: 1.5 }),
 *   purity: { organic: 0.999, aqueous: 0.999 }, keys: { A: 'La', B: 'Nd' } };
 * try {
 *   checkDesignRequest(request);
 * } catch (e) {
 *   if (!(e instanceof ReesimError)) throw e;
 *   e.path; // 'designCascade.keys.A'
 * }
 * ```
 */
export function checkDesignRequest(request: DesignRequest): void {
  readRequest(request);
}

/**
 * Designs a counter-current extraction–scrub cascade (aqueous feed, product reflux) that splits a feed at
 * a key pair to given purities, and verifies it stage by stage.
 *
 * **Method.** (1) The feed is cut at the key pair, the other species lumped to their side (species at
 * least as extractable as A go with A); a feed of more than two species must name `keys` (adjacent in
 * extractability; where to cut is the user's decision, so none is guessed); (2)
 * {@link "reesim/sx"!xuDesign | xuDesign} gives the flows per mol feed at the key pair's β (Xu's optimum
 * with the control-section criterion, or `control`, `k`, or a forced `scrubLoad`), the closed-form counts
 * and the minimum flows; (3) {@link stageSteps} steps a McCabe–Thiele staircase at
 * those flows; (4) from there a search runs {@link simulateCascade} with **all** species (organic volume
 * S·F/loading, scrub reflux W·F of the product) and returns the smallest total stages that meet both
 * targets, at the best feed-stage position. At fixed flows the net product is fixed, so for two species
 * both purities are met or missed together and several splits of one total may meet them.
 * **Guarantee:** the design meets both targets and neither (n − 1, m) nor (n, m − 1) does; the best split
 * of one stage fewer, found by local search, does not either.
 * **Purity basis.** `'group'` (default): all A-side species in the organic product, all B-side species in
 * the raffinate; `'keys'`: A/(A + B) in the product and B/(A + B) in the raffinate (the flows are then
 * sized for the group purities those imply, non-key species taken to report wholly to their side).
 * **Cost:** a handful of simulations when the staircase is close (6 for §3.8a); more for multicomponent
 * feeds, whose lumped staircase overestimates the stages (`simulations` reports the count).
 * **Reagents** per unit time in the feed's amount unit (mol when the feed is in mol): saponification base
 * 3·S·F (3 equivalents per mol RE extracted), strip acid 3 mol H⁺ per mol RE in the loaded organic
 * (product + reflux), ree-data 2.6; with `strip`, the acid supplied to the designed strip section.
 * **Strip.** With `strip` the loaded organic (S·F mol RE) is stripped by 3(1 + excess)·S·F mol H⁺ at the
 * given concentration, in the fewest stages Kremser's formula gives for the residual loading at the least
 * strippable species' distribution ratio; every simulation of the search includes that section (the stripped
 * organic returns to stage 1 and the reflux is taken from the liquor), so the design's purities hold with it.
 * **Solvent inventory:** organic volume flow × `residenceTime` × stages per section.
 * **Progress:** `hooks.onProgress(simulations, maxSimulations)` after each simulation of the search.
 *
 * Sources: ree-data §3 (XU85, ZZS16 via the sheet), worked examples §3.8a and §3.8d.
 *
 * @throws ReesimError for bad input (INVALID_TYPE, NOT_FINITE, OUT_OF_RANGE, UNKNOWN_KEY, MISSING;
 *   NOT_SUPPORTED for a distribution model or different loadings per section); INFEASIBLE when the flows
 *   fall below the minimum (S < S_min: forced control, `k` or `scrubLoad`), the targets do not bracket the
 *   feed, or no counts within `maxStages` meet them (the message gives the numbers); NOT_CONVERGED when the
 *   search exceeds `maxSimulations` or the simulations do not converge
 * @example
 * ```ts
 * // ree-data §3.8a: β = 2, equimolar feed, 99.9 % A / 99.99 % B (published 24 + 21 stages).
 * const d = designCascade({
 *   feed: { A: 0.5, B: 0.5 },
 *   equilibrium: separationFactors({ A: 2, B: 1 }),
 *   purity: { organic: 0.999, aqueous: 0.9999 },
 * });
 * d.controllingSection; // 'scrub'
 * d.extractionRatio.extraction; // 0.7738
 * d.scrubLoad; // 1.208 mol per mol feed
 * d.organicLoad; // 1.709
 * d.stages.total; // 46
 * d.simulation.product.purity.A >= 0.999; // true
 * ```
 */
export function designCascade(request: DesignRequest, hooks: DesignHooks = {}): CascadeDesign {
  const {
    q,
    extraction,
    scrub,
    cut,
    basis,
    target,
    forcedW,
    loading,
    maxStages,
    maxSimulations,
    residenceTime,
    stripRequest,
  } = readRequest(request);

  // Xu's flows for the lumped pair.
  const f = cutFlows(FN, cut, target, basis, {
    ...(q.control === undefined ? {} : { control: q.control as 'auto' | ControlSection }),
    ...(q.k === undefined ? {} : { k: finite(`${FN}.k`, q.k) }),
    ...(forcedW === undefined ? {} : { scrubLoad: forcedW }),
  });
  const d = f.xu;
  const F = cut.feedTotal;
  const feedVolume = volumeOf(`${FN}.feedVolume`, q.feedVolume, F);
  const scrubVolume = volumeOf(`${FN}.scrubVolume`, q.scrubVolume, f.W * feedVolume);
  const organicVolume = (f.S * F) / loading;

  // A request that needs more stages than allowed is answered at once, with the estimates that say so.
  const allowedTotal = maxStages.extraction + maxStages.scrub;
  if (!(d.shortcut.fenske <= allowedTotal)) {
    fail(
      'INFEASIBLE',
      `${FN}.maxStages`,
      maxStages,
      `limits that leave room for the targets: even at total reflux they need ${fmt(d.shortcut.fenske)} stages (Fenske); ` +
        `at Xu's flows the closed forms give ${fmt(f.n)} + ${fmt(f.mPlusOne)} = ${fmt(f.n + f.mPlusOne)}`,
    );
  }

  // McCabe–Thiele at the design flows: the plot data and the search's start.
  const diagram = { beta: d.beta, betaScrub: d.betaScrub, fA: d.fA, purity: d.purity, scrubLoad: f.W };
  const total = maxStages.extraction + maxStages.scrub;
  let steps: StageSteps;
  try {
    steps = stageSteps(diagram, { maxStages: total });
  } catch (e) {
    if (!(e instanceof ReesimError && e.code === 'NOT_CONVERGED')) throw e;
    return fail(
      'INFEASIBLE',
      `${FN}.maxStages`,
      maxStages,
      `limits that leave room for the design: McCabe–Thiele stepping at S = ${fmt(f.S)}, W = ${fmt(f.W)} ` +
        `needs more than ${total} stages (closed forms ${fmt(f.n)} + ${fmt(f.mPlusOne)}, Fenske ${fmt(d.shortcut.fenske)})`,
    );
  }

  // The stage search: smallest total n + m whose simulation meets both targets.
  const models = {
    extraction: { ...extraction, loading },
    scrub: { ...scrub, loading },
  };
  // The strip section (sized before the search, which then simulates it with the cascade): the loaded organic
  // carries S·F mol RE (saturated at `loading`), stripped by 3(1 + excess) mol H+ per mol.
  let strip: CascadeSpec['strip'];
  if (stripRequest) {
    const acid = 3 * (1 + stripRequest.acidExcess) * f.S * F;
    const acidVolume = acid / stripRequest.acidConcentration;
    // What the stripped organic carries back enters stage 1, next to the raffinate: by default a tenth of
    // the A side the raffinate may hold, as a share of the loaded organic.
    const residual = stripRequest.residualLoading ?? (0.1 * (1 - target.aqueous) * d.fPrimeB) / f.S;
    strip = {
      stages: stripStages(stripRequest, residual, acidVolume, organicVolume),
      acid: { amount: acid, volume: acidVolume },
      distribution: stripRequest.distribution,
    };
  }
  const simulate = (n: number, m: number) =>
    simulateCascade({
      stages: { extraction: n, scrub: m },
      feed: { flows: cut.feed, volume: feedVolume },
      organic: { volume: organicVolume },
      scrub: { volume: scrubVolume, reflux: f.W * F },
      equilibrium: models,
      ...(strip ? { strip } : {}),
      solver: { onNonConvergence: 'flag' },
    });
  const allowed = { organic: Math.log1p(-target.organic), aqueous: Math.log1p(-target.aqueous) };
  const search = withStripHint(strip !== undefined, () =>
    searchStages(
      (n, m) => {
        const r = simulate(n, m);
        if (!r.converged) return { margin: Number.NEGATIVE_INFINITY, value: r };
        const got = impurities(r, cut, basis);
        const margin = Math.min(
          allowed.organic - Math.log(Math.max(got.organic, 1e-300)),
          allowed.aqueous - Math.log(Math.max(got.aqueous, 1e-300)),
        );
        return { margin, value: r };
      },
      {
        start: steps,
        limits: maxStages,
        maxEvaluations: maxSimulations,
        path: FN,
        ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
      },
    ),
  );
  const sim = search.best.value;
  const impure = impurities(sim, cut, basis);
  const achieved = { organic: 1 - impure.organic, aqueous: 1 - impure.aqueous };
  const inA = cut.sides.A.reduce((t, s) => t + (cut.feed[s] as number), 0);
  const inB = F - inA;
  const productA = cut.sides.A.reduce((t, s) => t + (sim.product.flows[s] ?? 0), 0);
  const raffinateB = cut.sides.B.reduce((t, s) => t + (sim.raffinate.flows[s] ?? 0), 0);
  const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);
  const n = search.extraction;
  const m = search.scrub;

  const notes = [
    `${f.section}-section control; S = ${fmt(f.S)}, W = ${fmt(f.W)} mol per mol feed ` +
      (forcedW !== undefined ? '(W forced by the request)' : `(${d.notes[0] ?? ''})`),
    `cut ${cut.keys.A}/${cut.keys.B} at β = ${fmt(cut.beta)}; A side ${cut.sides.A.join(', ')}, ` +
      `B side ${cut.sides.B.join(', ')}; purity on the ${basis} basis`,
    `closed forms ${fmt(f.n)} + ${fmt(f.mPlusOne)}, McCabe–Thiele ${steps.extraction} + ${steps.scrub}, ` +
      `verified ${n} + ${m} (${search.evaluations} simulations, ${search.unsolved} unsolved)`,
    `smallest: ${n} + ${m} meets both targets; (${n - 1}, ${m}) and (${n}, ${m - 1}) do not, nor the best split ` +
      `of ${n + m - 1} stages found by local search`,
  ];

  return {
    keys: cut.keys,
    sides: cut.sides,
    purityBasis: basis,
    beta: { extraction: d.beta, scrub: d.betaScrub },
    fA: d.fA,
    split: { organic: d.fPrimeA, aqueous: d.fPrimeB },
    extractionRatio: { extraction: f.EM, scrub: f.EMs },
    organicLoad: f.S,
    scrubLoad: f.W,
    controllingSection: f.section,
    stages: { extraction: n, scrub: m, total: n + m },
    stepped: { extraction: steps.extraction, scrub: steps.scrub },
    shortcut: {
      extraction: f.n,
      scrub: f.mPlusOne,
      total: f.n + f.mPlusOne,
      fenske: d.shortcut.fenske,
      minimum: d.minimum,
      pinch: d.pinch,
    },
    flows: {
      feed: F,
      feedVolume,
      organicVolume,
      scrubVolume,
      loading,
      reflux: f.W * F,
      product: sum(sim.product.flows),
      raffinate: sum(sim.raffinate.flows),
      phaseRatio: {
        extraction: organicVolume / (feedVolume + scrubVolume),
        scrub: organicVolume / scrubVolume,
      },
    },
    reagents: {
      saponificationBase: 3 * f.S * F,
      stripAcid: strip ? strip.acid.amount : 3 * sum(sim.loadedOrganic.flows),
    },
    ...(strip && sim.strip
      ? {
          strip: {
            stages: strip.stages,
            acid: strip.acid.amount,
            acidVolume: strip.acid.volume,
            phaseRatio: organicVolume / strip.acid.volume,
            residualLoading: sim.strip.residualLoading,
          },
        }
      : {}),
    solventInventory: inventory(organicVolume * residenceTime, n, m, strip?.stages ?? 0),
    purity: achieved,
    recovery: { organic: productA / inA, aqueous: raffinateB / inB },
    mcCabeThiele: {
      curve: { extraction: equilibriumCurve(d.beta), scrub: equilibriumCurve(d.betaScrub) },
      lines: operatingLines(diagram),
      steps,
    },
    simulation: sim,
    simulations: search.evaluations,
    unsolvedSimulations: search.unsolved,
    provenance: PROVENANCE,
    notes,
  };
}
