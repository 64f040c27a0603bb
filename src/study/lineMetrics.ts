/**
 * What a separation line costs and delivers, from the models: steady state of one train
 * (`simulateCascade`) times the number of trains, hold-ups and equipment volume from residence times,
 * reagents from the stoichiometry, and the start-up (`simulateCascadeDynamics`): when each product meets
 * its purity target and holds it, from a feed-filled, a total-reflux or a pre-loaded start.
 */
import { oxideMassPerMole } from '../chemistry/oxide.js';
import { REAGENT_MOLAR_MASS } from '../chemistry/reagents.js';
import { fail } from '../core/errors.js';
import { knownKeys, oneOf, optional, positive, record } from '../core/validate.js';
import { normaliseCascade } from '../sx/cascadeSpec.js';
import { simulateCascadeDynamics } from '../sx/dynamics/dynamics.js';
import { simulateCascade } from '../sx/steady/simulateCascade.js';
import type { LineOption, LineVariant } from './parallelTrains.js';

/** A start-up policy of the study (see {@link LineAssumptions}). */
export type LineStartup = 'feed' | 'totalReflux' | 'preloaded';

/** Assumptions of {@link evaluateLine}; times in hours when the flows are per hour. */
export interface LineAssumptions {
  /** Mixer residence time, both phases (default 5 min = 5/60 h; mixing 3–5 min, ree-data 4.2). */
  readonly mixerResidence?: number;
  /** Settler residence time, both phases (default 20 min = 20/60 h; settling 15–30 min, ree-data 4.2). */
  readonly settlerResidence?: number;
  /**
   * Start-ups to simulate, one run of one train each (default ['feed']; [] skips the dynamics):
   * `'feed'` every aqueous hold-up filled with feed liquor, barren organic, normal operation from time 0;
   * `'totalReflux'` the same fill, then `totalRefluxDuration` at total reflux (no feed, outlets returned);
   * `'preloaded'` every tank holding what it holds at the train's steady state.
   */
  readonly startups?: readonly LineStartup[];
  /** Time at total reflux before normal operation in a `'totalReflux'` start (default 1,000 h). */
  readonly totalRefluxDuration?: number;
  /** Simulated time of each start-up (default 50,000 h); a time not reached within it is undefined. */
  readonly horizon?: number;
  /** Sampling interval of the start-up runs: the resolution of every start-up time (default 10 h). */
  readonly sampleEvery?: number;
  /** Band of `timeToSteadyImpurity`: within (1 ± impurityWithin) × the steady impurity (default 0.1). */
  readonly impurityWithin?: number;
  /** Flow band of `timeToFlowBand` (default 1e-3, the criterion this study once called "time to steady state"). */
  readonly tolerance?: number;
  /** Exponent of the capital index Σ V_stage^x (default 0.6: the six-tenths rule, Williams 1947; assumed). */
  readonly capitalExponent?: number;
}

/** When one product of a start-up meets its target and settles (sample times from time 0; undefined: not within the horizon). */
export interface ProductStartup {
  /** First sample time from which the product's key purity is at or above its target at every later sample. */
  readonly timeToSpec: number | undefined;
  /** First sample time from which its key impurity stays within (1 ± impurityWithin) × its steady impurity. */
  readonly timeToSteadyImpurity: number | undefined;
}

/** One start-up run of one train (a line's trains start alike). */
export interface LineStartupRun {
  readonly policy: LineStartup;
  /** The organic product (key species A, target `target.organic`) and the raffinate (key B, `target.aqueous`). */
  readonly product: ProductStartup;
  readonly raffinate: ProductStartup;
  /** Both products on target from then on: the later of their `timeToSpec` (undefined if either is). */
  readonly timeToSpec: number | undefined;
  /**
   * First sample time from which every species' flow in the raffinate and the net product stays within
   * `tolerance` × that outlet's steady total: a band on flows, not on purity.
   */
  readonly timeToFlowBand: number | undefined;
  /** Key purities of the organic product and the raffinate at `timeToFlowBand` (undefined when it is). */
  readonly purityAtFlowBand: { readonly organic: number; readonly aqueous: number } | undefined;
  /**
   * Amount of each species held in the train at time 0, the most at any sample, at `timeToSpec` (undefined
   * when it is) and at the end of the run.
   */
  readonly inventory: {
    readonly initial: Readonly<Record<string, number>>;
    readonly largest: Readonly<Record<string, number>>;
    readonly atSpec: Readonly<Record<string, number>> | undefined;
    readonly final: Readonly<Record<string, number>>;
  };
  /** The run's largest relative inventory error. */
  readonly balanceError: number;
}

/** Result of {@link evaluateLine}: line totals (all trains) unless said otherwise. */
export interface LineMetrics {
  readonly variant: LineVariant;
  readonly label: string;
  readonly trains: number;
  /** Stages of one train: extraction, scrub, strip (0 without a strip section) and all three. */
  readonly stages: {
    readonly extraction: number;
    readonly scrub: number;
    readonly strip: number;
    readonly total: number;
  };
  /** Stages × trains: the number of mixer-settlers (a capital proxy), strip stages included. */
  readonly stageCount: number;
  /** Feed of the line, amount per unit time. */
  readonly feed: number;
  /** Net organic product and raffinate of the line, amount per unit time, and as oxides (amount × g/mol). */
  readonly output: { readonly organic: number; readonly aqueous: number };
  readonly outputOxide: { readonly organic: number; readonly aqueous: number };
  /** Key purities: A/(A + B) in the organic product, B/(A + B) in the raffinate. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** A into the organic product, B into the raffinate, fractions of the feed. */
  readonly recovery: { readonly organic: number; readonly aqueous: number };
  readonly meetsTarget: boolean;
  /** Organic hold-up of all mixer-settlers (strip stages included): Σ organic flow × (mixer + settler residence), volume. */
  readonly solventInventory: number;
  /** Liquid volume of all mixer-settlers, both phases. */
  readonly equipmentVolume: number;
  /** Σ over every mixer-settler of (its liquid volume)^capitalExponent: compare lines by its ratio. */
  readonly capitalIndex: number;
  /**
   * Saponification base (3 × the organic's load) and strip acid, amount per unit time: with a strip section
   * the acid it is supplied (its excess leaves as free acid in the liquor), without one 3 × the loaded
   * organic's rare earths (stoichiometry).
   */
  readonly reagents: { readonly base: number; readonly acid: number };
  /**
   * The strip section of one train (undefined without one): stages, the share of the loaded organic's rare
   * earths the stripped organic carries back to stage 1, and the acid consumed and left free (amount per
   * unit time, the line's).
   */
  readonly strip:
    | {
        readonly stages: number;
        readonly residualLoading: number;
        readonly acidConsumed: number;
        readonly acidFree: number;
      }
    | undefined;
  /** NaOH and HCl, mass per mass of both products as oxides. */
  readonly reagentsPerProduct: { readonly NaOH: number; readonly HCl: number };
  /** One start-up run per policy of `startups`, in that order (empty when skipped). */
  readonly startup: readonly LineStartupRun[];
  /** Evidence: the steady solve of one train, and the start-up runs' largest inventory error (0 when skipped). */
  readonly evidence: {
    readonly converged: boolean;
    readonly residual: number;
    readonly balanceError: number;
    readonly startupBalanceError: number;
  };
}

const FN = 'evaluateLine';

const POLICIES = ['feed', 'totalReflux', 'preloaded'] as const;

function assumptions(value: unknown) {
  const a = optional(value, {}, (v) => record(`${FN}.assumptions`, v, 'line assumptions'));
  knownKeys(`${FN}.assumptions`, a, [
    'mixerResidence',
    'settlerResidence',
    'startups',
    'totalRefluxDuration',
    'horizon',
    'sampleEvery',
    'impurityWithin',
    'tolerance',
    'capitalExponent',
  ]);
  const num = (key: string, fallback: number) =>
    optional(a[key], fallback, (v) => positive(`${FN}.assumptions.${key}`, v));
  const below = (key: string, fallback: number, max: number, closed: boolean) => {
    const x = num(key, fallback);
    if (closed ? x > max : x >= max)
      fail('OUT_OF_RANGE', `${FN}.assumptions.${key}`, x, `a number in (0, ${max}${closed ? ']' : ')'}`);
    return x;
  };
  const startups = optional(a.startups, ['feed'] as readonly LineStartup[], (v) => {
    if (!Array.isArray(v))
      fail('INVALID_TYPE', `${FN}.assumptions.startups`, v, `an array of ${POLICIES.join(', ')}`);
    return v.map((x, k) => oneOf(`${FN}.assumptions.startups[${k}]`, x, POLICIES));
  });
  return {
    mixer: num('mixerResidence', 5 / 60),
    settler: num('settlerResidence', 20 / 60),
    startups,
    refluxDuration: num('totalRefluxDuration', 1000),
    horizon: num('horizon', 50_000),
    sampleEvery: num('sampleEvery', 10),
    impurityWithin: below('impurityWithin', 0.1, 1, true),
    tolerance: below('tolerance', 1e-3, 1, false),
    capitalExponent: below('capitalExponent', 0.6, 1, true),
  };
}

type Assumed = ReturnType<typeof assumptions>;

/** One start-up run of `option`'s train under `policy`. */
function startupRun(option: LineOption, policy: LineStartup, a: Assumed): LineStartupRun {
  const { keys, target, train } = option;
  const dyn = simulateCascadeDynamics(train, {
    holdup: { mixer: { residenceTime: a.mixer }, settler: { residenceTime: a.settler } },
    duration: a.horizon,
    sampleEvery: a.sampleEvery,
    dt: Math.min(a.mixer, a.settler),
    startup: policy === 'totalReflux' ? { kind: 'totalReflux', duration: a.refluxDuration } : policy,
    tolerance: a.tolerance,
    spec: { product: { [keys.A]: target.organic }, raffinate: { [keys.B]: target.aqueous } },
    impurityWithin: a.impurityWithin,
  });
  const times = (o: ProductStartup): ProductStartup => ({
    timeToSpec: o.timeToSpec,
    timeToSteadyImpurity: o.timeToSteadyImpurity,
  });
  const product = times(dyn.outlets.product);
  const raffinate = times(dyn.outlets.raffinate);
  const largest = Object.fromEntries(
    dyn.species.map((s) => [s, Math.max(...dyn.samples.map((x) => x.inventory[s] ?? 0))]),
  );
  const timeToSpec =
    product.timeToSpec === undefined || raffinate.timeToSpec === undefined
      ? undefined
      : Math.max(product.timeToSpec, raffinate.timeToSpec);
  const at = (t: number | undefined) => (t === undefined ? undefined : dyn.samples.find((x) => x.time === t));
  const band = at(dyn.timeToFlowBand);
  return {
    policy,
    product,
    raffinate,
    timeToSpec,
    timeToFlowBand: dyn.timeToFlowBand,
    purityAtFlowBand: band && {
      organic: band.product.purity[keys.A] ?? 0,
      aqueous: band.raffinate.purity[keys.B] ?? 0,
    },
    inventory: {
      initial: dyn.initialInventory,
      largest,
      atSpec: at(timeToSpec)?.inventory,
      final: dyn.inventory,
    },
    balanceError: dyn.balanceError,
  };
}

/**
 * Measures a line of the parallelization study: output, purity and recovery of both products, stages ×
 * trains, solvent inventory, equipment volume, reagents per tonne of product and the start-up of one
 * train, all from the models.
 *
 * **Method.** One train is solved at steady state by {@link simulateCascade}; the trains are identical and
 * independent, so the line's flows are `trains` × one train's (exactly). Hold-ups come from residence
 * times: each stage's mixer and settler hold each phase for `mixerResidence` and `settlerResidence`, so a
 * stage's liquid volume is (aqueous + organic flow) × (mixer + settler residence) and its organic hold-up
 * the organic flow × the same; a strip section's stages pass the loaded organic and the strip acid and count
 * alike. Reagents: 3 mol NaOH per mol RE the organic is saponified to carry (organic volume × loading);
 * strip acid, with a strip section in the train the acid it is supplied (3 mol H⁺ per mol RE stripped plus
 * its excess), else 3 mol HCl per mol RE in the loaded organic (ree-data 2.6); per mass of both products
 * on the oxide basis (amounts must be of the elements, e.g. kmol/h of Pr, Nd). With a strip section the
 * organic product is the strip liquor less the reflux (`simulateCascade`), and the start-ups run the strip
 * stages with the rest (the organic loop closed).
 * **Start-up:** one {@link simulateCascadeDynamics} run of one train per policy in `startups` (see
 * {@link LineAssumptions}), for `horizon`, dt = the smaller residence time (the largest stable step),
 * outlets sampled every `sampleEvery`. Per product: `timeToSpec`, the first sample from which its key
 * purity (A in the organic product, B in the raffinate) is at or above the line's target at every later
 * sample; `timeToSteadyImpurity`, the first sample from which its key impurity stays within
 * (1 ± `impurityWithin`) × its steady impurity. `timeToFlowBand`: the first sample from which every
 * species' flow in both outlets stays within `tolerance` × that outlet's steady total; with 1e-3 this
 * band is as wide as a 99.9 % product's whole impurity budget, so it is reached long before the product
 * meets its target (it is what this study once reported as the time to steady state). All are counted
 * from time 0 (a total-reflux period included), in the flows' time unit, resolved to `sampleEvery`.
 * **Capital index:** Σ V^0.6 over mixer-settlers, the six-tenths rule (assumed): one large unit costs less
 * than several small ones of the same total volume.
 *
 * @throws ReesimError for bad assumptions; whatever simulateCascade and simulateCascadeDynamics throw
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * const one = evaluateLine(baseLine(base), { startups: [] });
 * const two = evaluateLine(parallelTrains(base, 2), { startups: [] });
 * two.output.organic / one.output.organic; // 2
 * two.purity.organic === one.purity.organic; // true
 * // Pre-loaded with its steady profile, the train is on target from the first sample.
 * const pre = evaluateLine(baseLine(base), { startups: ['preloaded'], horizon: 100 });
 * pre.startup[0]?.timeToSpec; // 0
 * ```
 */
export function evaluateLine(option: LineOption, assumptionsIn?: LineAssumptions): LineMetrics {
  const a = assumptions(assumptionsIn);
  const { train, trains, keys } = option;
  const p = normaliseCascade(train);
  const r = simulateCascade(train);
  const sumOf = (flows: Readonly<Record<string, number>>) => Object.values(flows).reduce((s, x) => s + x, 0);
  const oxide = (flows: Readonly<Record<string, number>>) =>
    Object.entries(flows).reduce((s, [sp, x]) => s + x * oxideMassPerMole(sp), 0);
  const A = (f: Readonly<Record<string, number>>) => f[keys.A] ?? 0;
  const B = (f: Readonly<Record<string, number>>) => f[keys.B] ?? 0;
  const purity = {
    organic: A(r.product.flows) / (A(r.product.flows) + B(r.product.flows)),
    aqueous: B(r.raffinate.flows) / (A(r.raffinate.flows) + B(r.raffinate.flows)),
  };
  const feed = train.feed.flows;

  const residence = a.mixer + a.settler;
  let organicHoldup = 0;
  let volume = 0;
  let capital = 0;
  const addStage = (organic: number, aqueous: number) => {
    const v = (organic + aqueous) * residence;
    organicHoldup += organic * residence;
    volume += v;
    capital += v ** a.capitalExponent;
  };
  for (let j = 0; j < p.total; j++) addStage(p.organicVolume[j] as number, p.aqueousVolume[j] as number);
  // Strip stages pass the loaded organic and the strip acid.
  const stripStages = p.strip?.stages ?? 0;
  for (let j = 0; j < stripStages; j++)
    addStage(p.organicVolume[p.total - 1] as number, p.strip?.acidVolume as number);
  const model = p.models[p.total - 1];
  const loading = model?.kind === 'separationFactors' ? model.loading : 0;
  if (loading === 0)
    fail('NOT_SUPPORTED', `${FN}.option.train.equilibrium`, model?.kind, "'separationFactors'");
  const base = 3 * (p.organicVolume[0] as number) * loading * trains;
  const acid = (r.strip ? r.strip.acid.supplied : 3 * sumOf(r.loadedOrganic.flows)) * trains;
  const productMass = trains * (oxide(r.product.flows) + oxide(r.raffinate.flows));

  const startup = a.startups.map((policy) => startupRun(option, policy, a));
  const startupBalanceError = Math.max(0, ...startup.map((x) => x.balanceError));
  const met = purity.organic >= option.target.organic && purity.aqueous >= option.target.aqueous;

  return {
    variant: option.variant,
    label: option.label,
    trains,
    stages: { extraction: p.extraction, scrub: p.scrub, strip: stripStages, total: p.total + stripStages },
    stageCount: (p.total + stripStages) * trains,
    feed: sumOf(feed) * trains,
    output: { organic: sumOf(r.product.flows) * trains, aqueous: sumOf(r.raffinate.flows) * trains },
    outputOxide: { organic: oxide(r.product.flows) * trains, aqueous: oxide(r.raffinate.flows) * trains },
    purity,
    recovery: { organic: A(r.product.flows) / A(feed), aqueous: B(r.raffinate.flows) / B(feed) },
    meetsTarget: r.converged && met,
    solventInventory: organicHoldup * trains,
    equipmentVolume: volume * trains,
    capitalIndex: capital * trains,
    reagents: { base, acid },
    strip: r.strip && {
      stages: r.strip.stages,
      residualLoading: r.strip.residualLoading,
      acidConsumed: r.strip.acid.consumed * trains,
      acidFree: r.strip.acid.free * trains,
    },
    reagentsPerProduct: {
      NaOH: (base * REAGENT_MOLAR_MASS.NaOH) / productMass,
      HCl: (acid * REAGENT_MOLAR_MASS.HCl) / productMass,
    },
    startup,
    evidence: {
      converged: r.converged,
      residual: r.residual,
      balanceError: r.balanceError,
      startupBalanceError,
    },
  };
}
