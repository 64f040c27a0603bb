/**
 * Steady state of a counter-current mixer-settler cascade.
 */

import { fail } from '../../core/errors.js';
import { ownsBuffer, withScratch } from '../../core/scratch.js';
import { type CascadeSpec, type NormalisedCascade, normaliseCascade } from '../cascadeSpec.js';
import { LEVEL_ITERATIONS } from './continuation.js';
import { plainLinearOutlets } from './linearRuns.js';
import { solveCascade } from './solveCascade.js';
import { outletAmounts, speciesLayout } from './speciesSolve.js';
import type { SteadySolution } from './steadySolution.js';

/** A stream leaving the cascade: amounts per unit time and its volume flow. */
export interface CascadeOutlet {
  readonly flows: Readonly<Record<string, number>>;
  readonly volume: number;
  /** Each species' share of the outlet's total amount. */
  readonly purity: Readonly<Record<string, number>>;
}

/** One stage of the steady profile. */
export interface StageProfile {
  /** Stage number, 1 = raffinate end. */
  readonly stage: number;
  readonly section: 'extraction' | 'scrub';
  /** Amounts per unit time leaving the stage in each phase, entrained parts included. */
  readonly aqueous: Readonly<Record<string, number>>;
  readonly organic: Readonly<Record<string, number>>;
}

/** The strip section's part of a {@link CascadeResult}. */
export interface CascadeStripResult {
  readonly stages: number;
  readonly liquor: CascadeOutlet;
  readonly strippedOrganic: CascadeOutlet;
  readonly acid: { readonly supplied: number; readonly consumed: number; readonly free: number };
  readonly residualLoading: number;
  readonly stageFlows: { readonly aqueous: Float64Array; readonly organic: Float64Array };
  readonly passes: number;
}

/** Result of {@link simulateCascade}. */
export interface CascadeResult {
  readonly species: readonly string[];
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** Aqueous leaving stage 1 (with any organic entrained in it). */
  readonly raffinate: CascadeOutlet;
  /** Organic leaving the last stage (with any aqueous entrained in it). */
  readonly loadedOrganic: CascadeOutlet;
  /**
   * Net organic product: the loaded organic less the product reflux returned with the scrub
   * (`scrub.reflux`); equal to the loaded organic without reflux. Its purity is the product's purity.
   */
  readonly product: CascadeOutlet;
  /**
   * The strip section (with `strip` in the spec): its liquor (the aqueous product before any reflux is taken
   * from it; RE amounts), the stripped organic returning to stage 1, the acid (mol H⁺ per unit time:
   * supplied, consumed at 3 per mol RE stripped, left free in the liquor), the residual loading (share of
   * the loaded organic's rare earths the stripped organic still carries), the stage flows and the passes
   * of the organic loop the solve took. The net product (`product`) is then aqueous: the liquor less the
   * reflux.
   */
  readonly strip?: CascadeStripResult;
  /** Side draws in the spec's order (none without `draws`): what each takes from its stage. */
  readonly draws: readonly CascadeOutlet[];
  /** Fraction of each species' input that leaves in the net product (the rest leaves in the raffinate and draws). */
  readonly toOrganic: Readonly<Record<string, number>>;
  /**
   * Amounts per unit time leaving each stage, stage-major typed arrays (stage j, species i at j·c + i, species
   * in `species` order): the aqueous and the organic outflow, entrained parts included.
   */
  readonly stageFlows: { readonly aqueous: Float64Array; readonly organic: Float64Array };
  /**
   * The same by stage as records (built on first access: N × c properties; `stageFlows` is the cheap form).
   */
  readonly profile: readonly StageProfile[];
  /** The stage equations meet `solver.tolerance` and every species balances to 1e-9 of its input (`balanceError`). */
  readonly converged: boolean;
  /** Newton iterations (a linear model needs one). */
  readonly iterations: number;
  /** Largest stage-equation residual, relative to each species' input or, where larger, its flows through the stage. */
  readonly residual: number;
  /** Overall relative species-balance error, max over species of |in − out| / in. */
  readonly balanceError: number;
}

/** Amounts by species; round-off negatives (a species all but absent) are reported as 0. */
function record(species: readonly string[], v: Float64Array, offset: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < species.length; i++) out[species[i] as string] = Math.max(0, v[offset + i] as number);
  return out;
}

function outlet(species: readonly string[], v: Float64Array, offset: number, volume: number): CascadeOutlet {
  const c = species.length;
  const flows: Record<string, number> = {};
  let sum = 0;
  for (let i = 0; i < c; i++) {
    const f = Math.max(0, v[offset + i] as number);
    flows[species[i] as string] = f;
    sum += f;
  }
  const purity: Record<string, number> = {};
  for (let i = 0; i < c; i++) {
    const s = species[i] as string;
    purity[s] = sum > 0 ? (flows[s] as number) / sum : 0;
  }
  return { flows, volume, purity };
}

/** The largest species-balance error (relative to the species' own input or output) a converged result may have. */
const BALANCE_LIMIT = 1e-9;

/** Amounts leaving every stage, stage-major (see {@link CascadeResult.stageFlows}). */
type StageFlows = CascadeResult['stageFlows'];

/** The amounts leaving the cascade per species: raffinate, loaded organic (before any reflux), each draw. */
interface Outlets {
  readonly raffinate: Float64Array;
  readonly loaded: Float64Array;
  readonly draws: readonly Float64Array[];
}

/** What a direct linear solve reports: one solve, no residual left. */
const DIRECT: Omit<SteadySolution, 'x' | 'y'> = { iterations: 1, residual: 0, converged: true };

/**
 * The result from the solver's outcome and the outlet amounts; `stageFlows` are the solver's, or formed on
 * first access by `stageFlows()` (a plain linear cascade's outlets come from a sweep that keeps no profile).
 */
function assemble(
  p: NormalisedCascade,
  sol: Omit<SteadySolution, 'x' | 'y'>,
  out: Outlets,
  stageFlows: StageFlows | (() => StageFlows),
): CascadeResult {
  const c = p.species.length;
  const N = p.total;
  const raffinate = outlet(p.species, out.raffinate, 0, p.aqueousVolume[0] as number);
  const loadedOrganic = outlet(p.species, out.loaded, 0, p.organicVolume[N - 1] as number);
  const share = sol.productShare ?? 1;
  // Net product: what the reflux leaves of the loaded organic (its volume in proportion to the amounts);
  // with a strip section, what it leaves of the strip liquor.
  const net = new Float64Array(c);
  let netTotal = 0;
  let loadedTotal = 0;
  for (let i = 0; i < c; i++) {
    net[i] = sol.strip
      ? (sol.strip.liquor[i] as number) * share
      : (out.loaded[i] as number) * (sol.keep ? (sol.keep[i] as number) : 1);
    netTotal += net[i] as number;
    loadedTotal += out.loaded[i] as number;
  }
  const keptVolume = loadedTotal > 0 ? netTotal / loadedTotal : (sol.keep?.[0] ?? 1);
  const product = sol.strip
    ? outlet(p.species, net, 0, (p.strip?.acidVolume ?? 0) * share)
    : outlet(p.species, net, 0, (p.organicVolume[N - 1] as number) * keptVolume);
  const strip = sol.strip && p.strip ? stripReport(p, sol.strip, out.loaded) : undefined;
  const draws = p.draws.map((d, k) =>
    outlet(
      p.species,
      out.draws[k] as Float64Array,
      0,
      d.fraction * ((d.phase === 'aqueous' ? p.aqueousVolume : p.organicVolume)[d.stage] as number),
    ),
  );
  let balanceError = 0;
  const toOrganic: Record<string, number> = {};
  // With a strip section the organic circulates (its content is not an input) and the strip acid enters.
  const ph = p.models[0]?.kind === 'phDependent' ? p.models[0] : undefined;
  const proton = ph ? p.species.indexOf(ph.proton) : -1;
  for (let i = 0; i < c; i++) {
    const s = p.species[i] as string;
    const organic = p.strip ? 0 : (p.organicIn[i] as number);
    const stripAcid = p.strip && i === proton ? p.strip.acid : 0;
    const input = (p.feed[i] as number) + organic + (p.scrubIn[i] as number) + stripAcid;
    let leaving = (raffinate.flows[s] as number) + (product.flows[s] as number);
    for (const d of draws) leaving += d.flows[s] as number;
    // Reactions (pH-dependent model): what they produce counts as supplied. The error is relative to the
    // largest of what enters, what the reactions produce or consume and what leaves: a species the
    // reactions almost use up (an extractant all but bound) is balanced against what passed through, not
    // against the difference of two nearly equal numbers.
    const generated = sol.generated?.[i] ?? 0;
    // (A species circulating in a closed organic loop is scaled by what circulates.)
    const scale = Math.max(input, Math.abs(generated), leaving, p.strip ? (p.organicIn[i] as number) : 0);
    if (scale > 0) balanceError = Math.max(balanceError, Math.abs(input + generated - leaving) / scale);
    toOrganic[s] = input > 0 ? (product.flows[s] as number) / input : 0;
  }
  // The result's data, then its two lazy parts as accessors (see `LazyParts`), in the order users see.
  const result = {
    species: p.species,
    stages: { extraction: p.extraction, scrub: p.scrub, total: N },
    raffinate,
    loadedOrganic,
    product,
    draws,
    toOrganic,
  };
  Object.defineProperty(result, 'stageFlows', STAGE_FLOWS);
  if (strip) Object.assign(result, { strip });
  Object.assign(result, {
    // Converged means the stage equations met the tolerance and every species balances to 1e-9 of its own
    // throughput (a trace can fail the second where the first, relative to the flows through each stage, holds).
    converged: sol.converged && balanceError <= BALANCE_LIMIT,
    iterations: sol.iterations,
    residual: sol.residual,
    balanceError,
  });
  Object.defineProperty(result, 'profile', PROFILE);
  const lazy: LazyParts = {
    flows: typeof stageFlows === 'function' ? undefined : stageFlows,
    make: typeof stageFlows === 'function' ? stageFlows : undefined,
    profile: undefined,
  };
  Object.defineProperty(result, LAZY, { value: lazy });
  return result as unknown as CascadeResult;
}

/**
 * A result's stage flows and stage records, formed on first access and then kept (a solve whose caller
 * never reads them does not pay for them). They are accessors, so structured cloning and JSON see them as
 * ordinary properties; the accessors are the same two functions for every result, which read the result's
 * own state (`LAZY`, not enumerable).
 *
 * Why not getters in the result's literal: they are new closures per result, so V8 gave every result
 * dictionary properties with an accessor pair of its own, and the closures, with the normalised cascade and
 * arrays they captured, survived the scavenges until a full collection (likely because V8 keeps accessor
 * pairs in the old generation). Measured on 26 + 26-stage solves in a loop: ~1 MB of each scavenge's 15 MB
 * survived, against ~10 KB with these accessors; on two worker threads, that collection work ran partly on
 * the other core (V8's background threads: ~20 → ~10 ms per 1,000-run study).
 */
interface LazyParts {
  flows: StageFlows | undefined;
  make: (() => StageFlows) | undefined;
  profile: StageProfile[] | undefined;
}

const LAZY = Symbol('lazy parts');

function lazyFlows(lazy: LazyParts): StageFlows {
  if (!lazy.flows) {
    lazy.flows = (lazy.make as () => StageFlows)();
    lazy.make = undefined;
  }
  return lazy.flows;
}

const STAGE_FLOWS: PropertyDescriptor = {
  get(this: { [LAZY]: LazyParts }): StageFlows {
    return lazyFlows(this[LAZY]);
  },
  enumerable: true,
  configurable: true,
};

const PROFILE: PropertyDescriptor = {
  get(this: CascadeResult & { [LAZY]: LazyParts }): StageProfile[] {
    const lazy = this[LAZY];
    lazy.profile ??= stageProfiles(this.species, this.stages.extraction, lazyFlows(lazy));
    return lazy.profile;
  },
  enumerable: true,
  configurable: true,
};

/** The strip section's report from the solver's outcome. */
function stripReport(
  p: NormalisedCascade,
  st: NonNullable<SteadySolution['strip']>,
  loaded: Float64Array,
): CascadeStripResult {
  const strip = p.strip as NonNullable<NormalisedCascade['strip']>;
  // Residual loading over the metals only (the pH model's proton and extractant are not loading).
  const ph = p.models[0]?.kind === 'phDependent' ? p.models[0] : undefined;
  const skip = new Set(ph ? [ph.proton, ph.extractant.species, ph.bisulfate?.hso4, ph.bisulfate?.so4] : []);
  let loadedTotal = 0;
  let kept = 0;
  for (let i = 0; i < loaded.length; i++) {
    if (skip.has(p.species[i] as string)) continue;
    loadedTotal += loaded[i] as number;
    kept += st.stripped[i] as number;
  }
  return {
    stages: strip.stages,
    liquor: outlet(p.species, st.liquor, 0, strip.acidVolume),
    strippedOrganic: outlet(p.species, st.stripped, 0, p.organicVolume[p.total - 1] as number),
    acid: { supplied: strip.acid, consumed: st.acidConsumed, free: st.acidFree },
    residualLoading: loadedTotal > 0 ? kept / loadedTotal : 0,
    stageFlows: ownedFlows(st.aqueous, st.organic),
    passes: st.passes,
  };
}

/** Stage records from stage-major flows (stage 1 = raffinate end; stages beyond `extraction` are scrub). */
export function stageProfiles(
  species: readonly string[],
  extraction: number,
  flows: { readonly aqueous: Float64Array; readonly organic: Float64Array },
): StageProfile[] {
  const c = species.length;
  const N = c > 0 ? flows.aqueous.length / c : 0;
  const out: StageProfile[] = [];
  for (let j = 0; j < N; j++) {
    out.push({
      stage: j + 1,
      section: j < extraction ? 'extraction' : 'scrub',
      aqueous: record(species, flows.aqueous, j * c),
      organic: record(species, flows.organic, j * c),
    });
  }
  return out;
}

/**
 * Solves a counter-current extraction–scrub cascade to steady state.
 *
 * **Model.** Equilibrium (or Murphree) stages with constant phase volume flows per section; the
 * equilibrium model per section is {@link distribution} (constant D, or the competitive Langmuir isotherm
 * when it has a loading `capacity`) or {@link separationFactors} (Xu's saturated organic with constant β).
 * Stage 1 is the raffinate end; the aqueous feed enters the last extraction stage unless `feed.stage` is
 * given. The scrub may carry product reflux (`scrub.reflux`) or acid (`scrub.acid`, saturated model: each
 * 3 mol H⁺ strip 1 mol RE from the last stage's organic, so the loaded organic is itself the net product).
 * With `entrainment`, a fraction of each stage's aqueous outflow travels up with its organic and a
 * fraction of its organic outflow down with its aqueous, joining the next stage's inflow unequilibrated;
 * the outlets then carry the other phase's entrained liquor; `profile` gives each stage's whole outflows.
 * All stage equations are solved together by Newton's method on their block-tridiagonal Jacobian (see
 * `newton.ts`): one step for a linear model, a few for the nonlinear models. Cost grows as
 * stages × species³.
 *
 * **The user specifies:** stages per section, the feed (amounts, volume), the organic volume (and any
 * pre-loading), the scrub stream when there are scrub stages, and the equilibrium model(s); optionally the
 * Murphree efficiency, entrainment and solver settings.
 * **Units:** amounts per unit time and volume flows per unit time, any consistent units (mol per unit time
 * with an acid scrub, whose acid is in mol H⁺ per unit time).
 *
 * @throws ReesimError for an invalid spec; `NOT_CONVERGED` when Newton does not meet `solver.tolerance`
 *   (unless `solver.onNonConvergence` is `flag`); `NOT_SUPPORTED` for an acid scrub on a distribution
 *   model, a capacity-limited model with an aqueous Murphree efficiency, or entrainment with the
 *   pH-dependent model; `INFEASIBLE` when the acid would strip more than the last stage's organic carries
 * @example
 * ```ts
 * // One extraction stage, D = 1, equal volumes: half of the solute goes to the organic.
 * const r = simulateCascade({
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }),
 * });
 * r.loadedOrganic.flows.A; // 0.5
 * r.converged; // true
 * // The same stage with 10 % of its aqueous entrained into the loaded organic: 0.5 + 0.1 × 0.5.
 * const e = simulateCascade({
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1 }),
 *   entrainment: { aqueousInOrganic: 0.1 },
 * });
 * e.loadedOrganic.flows.A; // 0.55
 * ```
 */
export function simulateCascade(spec: CascadeSpec): CascadeResult {
  // The solve's work arrays are scratch (src/core/scratch.ts): reused by the next solve, so the result
  // keeps copies of the stage flows only.
  return withScratch(() => {
    const p = normaliseCascade(spec);
    // A plain linear cascade: its outlets from a sweep without a profile, its stage flows on first access.
    const plain = plainLinearOutlets(p);
    const result = plain
      ? assemble(p, DIRECT, { ...plain, draws: [] }, () =>
          withScratch(() => {
            const sol = solveCascade(p);
            return ownedFlows(sol.x, sol.y);
          }),
        )
      : solved(p, spec);
    return checked(p, result);
  });
}

/** Stage flows that own their memory: the solver's arrays may be scratch (one buffer for the two copies). */
function ownedFlows(aqueous: Float64Array, organic: Float64Array): StageFlows {
  if (ownsBuffer(aqueous) && ownsBuffer(organic)) return { aqueous, organic };
  const both = new Float64Array(aqueous.length + organic.length);
  both.set(aqueous);
  both.set(organic, aqueous.length);
  return { aqueous: both.subarray(0, aqueous.length), organic: both.subarray(aqueous.length) };
}

/** The result of the whole solve (any model), or the typed error of a cascade without a steady state. */
function solved(p: NormalisedCascade, spec: CascadeSpec): CascadeResult {
  const sol = solveCascade(p);
  if (sol.infeasible) {
    const { path, expected } = sol.infeasible;
    const value =
      path === 'cascade.scrub.reflux'
        ? p.reflux
        : path === 'cascade.strip.acid.amount'
          ? p.strip?.acid
          : spec.organic.volume;
    fail('INFEASIBLE', path, value, expected);
  }
  const out = outletAmounts(speciesLayout(p), p, sol.x, sol.y);
  return assemble(p, sol, out, ownedFlows(sol.x, sol.y));
}

/** The result, or NOT_CONVERGED (unless flagged) and INFEASIBLE for a reflux the loaded organic cannot carry. */
function checked(p: NormalisedCascade, result: CascadeResult): CascadeResult {
  if (result.converged && p.reflux > 0) {
    const loaded = Object.values(result.loadedOrganic.flows).reduce((a, b) => a + b, 0);
    if (p.reflux >= loaded)
      fail(
        'INFEASIBLE',
        'cascade.scrub.reflux',
        p.reflux,
        `a reflux below the loaded organic's ${loaded} (it is part of it)`,
      );
  }
  if (!result.converged && p.onNonConvergence === 'throw') {
    fail(
      'NOT_CONVERGED',
      'cascade',
      result.residual,
      result.residual <= p.tolerance
        ? `every species balanced to ${BALANCE_LIMIT} of its input (the stage equations met the tolerance, but a species is off by ${result.balanceError.toPrecision(3)} of it: a trace solved against much larger flows)`
        : `a stage-equation residual <= ${p.tolerance} within the solver's bounds (${Math.min(p.maxIterations, LEVEL_ITERATIONS)} Newton iterations per attempt at a continuation level, a few hundred whole-cascade iterations in all; the flows may be outside the feasible range for this model)`,
    );
  }
  return result;
}
