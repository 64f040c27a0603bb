/**
 * What a separation line costs and delivers, from the models: steady state of one train
 * (`simulateCascade`) times the number of trains, hold-ups and equipment volume from residence times,
 * reagents from the stoichiometry, and the time to steady state from start-up (`simulateCascadeDynamics`).
 */
import { oxideMassPerMole } from '../chemistry/oxide.js';
import { REAGENT_MOLAR_MASS } from '../chemistry/reagents.js';
import { fail } from '../core/errors.js';
import { knownKeys, optional, positive, record } from '../core/validate.js';
import { normaliseCascade } from '../sx/cascadeSpec.js';
import { simulateCascadeDynamics } from '../sx/dynamics/dynamics.js';
import { simulateCascade } from '../sx/steady/simulateCascade.js';
import type { LineOption, LineVariant } from './parallelTrains.js';

/** Assumptions of {@link evaluateLine}; times in hours when the flows are per hour. */
export interface LineAssumptions {
  /** Mixer residence time, both phases (default 5 min = 5/60 h; mixing 3–5 min, ree-data 4.2). */
  readonly mixerResidence?: number;
  /** Settler residence time, both phases (default 20 min = 20/60 h; settling 15–30 min, ree-data 4.2). */
  readonly settlerResidence?: number;
  /** Steady-state band of the start-up run (default 1e-3, see {@link evaluateLine}). */
  readonly tolerance?: number;
  /** Simulated start-up time (default 20,000 h); beyond it the time to steady state is reported undefined. */
  readonly horizon?: number;
  /** Sampling interval of the start-up run, the resolution of the time to steady state (default 10 h). */
  readonly sampleEvery?: number;
  /** Skip the start-up run (default true: run it). */
  readonly startup?: boolean;
  /** Exponent of the capital index Σ V_stage^x (default 0.6: the six-tenths rule, Williams 1947; assumed). */
  readonly capitalExponent?: number;
}

/** Result of {@link evaluateLine}: line totals (all trains) unless said otherwise. */
export interface LineMetrics {
  readonly variant: LineVariant;
  readonly label: string;
  readonly trains: number;
  /** Stages of one train. */
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** Stages × trains: the number of mixer-settlers (a capital proxy). */
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
  /** Organic hold-up of all mixer-settlers: Σ organic flow × (mixer + settler residence), volume. */
  readonly solventInventory: number;
  /** Liquid volume of all mixer-settlers, both phases. */
  readonly equipmentVolume: number;
  /** Σ over every mixer-settler of (its liquid volume)^capitalExponent: compare lines by its ratio. */
  readonly capitalIndex: number;
  /** Saponification base (3 × the organic's load) and strip acid (3 × the loaded organic), amount per unit time. */
  readonly reagents: { readonly base: number; readonly acid: number };
  /** NaOH and HCl, mass per mass of both products as oxides. */
  readonly reagentsPerProduct: { readonly NaOH: number; readonly HCl: number };
  /** Start-up from 'feed': first time from which both outlets stay within the band; undefined beyond the horizon or when skipped. */
  readonly timeToSteadyState: number | undefined;
  /** Evidence: the steady solve of one train, and the start-up run's largest inventory error (0 when skipped). */
  readonly evidence: {
    readonly converged: boolean;
    readonly residual: number;
    readonly balanceError: number;
    readonly startupBalanceError: number;
  };
}

const FN = 'evaluateLine';

function assumptions(value: unknown) {
  const a = optional(value, {}, (v) => record(`${FN}.assumptions`, v, 'line assumptions'));
  knownKeys(`${FN}.assumptions`, a, [
    'mixerResidence',
    'settlerResidence',
    'tolerance',
    'horizon',
    'sampleEvery',
    'startup',
    'capitalExponent',
  ]);
  const num = (key: string, fallback: number) =>
    optional(a[key], fallback, (v) => positive(`${FN}.assumptions.${key}`, v));
  const tolerance = num('tolerance', 1e-3);
  if (tolerance >= 1) fail('OUT_OF_RANGE', `${FN}.assumptions.tolerance`, tolerance, 'a number in (0, 1)');
  const capitalExponent = num('capitalExponent', 0.6);
  if (capitalExponent > 1)
    fail('OUT_OF_RANGE', `${FN}.assumptions.capitalExponent`, capitalExponent, 'a number in (0, 1]');
  const startup = optional(a.startup, true, (v) => {
    if (typeof v !== 'boolean') fail('INVALID_TYPE', `${FN}.assumptions.startup`, v, 'a boolean');
    return v;
  });
  return {
    mixer: num('mixerResidence', 5 / 60),
    settler: num('settlerResidence', 20 / 60),
    tolerance,
    horizon: num('horizon', 20_000),
    sampleEvery: num('sampleEvery', 10),
    startup,
    capitalExponent,
  };
}

/**
 * Measures a line of the parallelization study: output, purity and recovery of both products, stages ×
 * trains, solvent inventory, equipment volume, reagents per tonne of product and the time to steady state
 * from start-up, all from the models.
 *
 * **Method.** One train is solved at steady state by {@link simulateCascade}; the trains are identical and
 * independent, so the line's flows are `trains` × one train's (exactly). Hold-ups come from residence
 * times: each stage's mixer and settler hold each phase for `mixerResidence` and `settlerResidence`, so a
 * stage's liquid volume is (aqueous + organic flow) × (mixer + settler residence) and its organic hold-up
 * the organic flow × the same. Reagents: 3 mol NaOH per mol RE the organic is saponified to carry
 * (organic volume × loading) and 3 mol HCl per mol RE stripped from the loaded organic (ree-data 2.6);
 * per mass of both products on the oxide basis (amounts must be of the elements, e.g. kmol/h of Pr, Nd).
 * **Start-up:** {@link simulateCascadeDynamics} of one train from 'feed' (every aqueous hold-up at the
 * feed's concentration, barren organic), normal operation from time 0, dt = the smaller residence time
 * (the largest stable step; on the Pr/Nd study lines it gives the same times as a tenth of it);
 * `timeToSteadyState` is the first sample from which every species' flow in the raffinate and the net
 * product stays within `tolerance` × that outlet's steady total (1e-3: each product's impurity within 0.1
 * percentage point of its steady value). **Capital index:** Σ V^0.6 over mixer-settlers, the six-tenths
 * rule (assumed): one large unit costs less than several small ones of the same total volume.
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
 * const one = evaluateLine(baseLine(base), { startup: false });
 * const two = evaluateLine(parallelTrains(base, 2), { startup: false });
 * two.output.organic / one.output.organic; // 2
 * two.purity.organic === one.purity.organic; // true
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
  for (let j = 0; j < p.total; j++) {
    const o = p.organicVolume[j] as number;
    const v = (o + (p.aqueousVolume[j] as number)) * residence;
    organicHoldup += o * residence;
    volume += v;
    capital += v ** a.capitalExponent;
  }
  const model = p.models[p.total - 1];
  const loading = model?.kind === 'separationFactors' ? model.loading : 0;
  if (loading === 0)
    fail('NOT_SUPPORTED', `${FN}.option.train.equilibrium`, model?.kind, "'separationFactors'");
  const base = 3 * (p.organicVolume[0] as number) * loading * trains;
  const acid = 3 * sumOf(r.loadedOrganic.flows) * trains;
  const productMass = trains * (oxide(r.product.flows) + oxide(r.raffinate.flows));

  let timeToSteadyState: number | undefined;
  let startupBalanceError = 0;
  if (a.startup) {
    const dyn = simulateCascadeDynamics(train, {
      holdup: { mixer: { residenceTime: a.mixer }, settler: { residenceTime: a.settler } },
      duration: a.horizon,
      sampleEvery: a.sampleEvery,
      dt: Math.min(a.mixer, a.settler),
      startup: 'feed',
      tolerance: a.tolerance,
    });
    timeToSteadyState = dyn.timeToSteadyState;
    startupBalanceError = dyn.balanceError;
  }
  const met = purity.organic >= option.target.organic && purity.aqueous >= option.target.aqueous;

  return {
    variant: option.variant,
    label: option.label,
    trains,
    stages: { extraction: p.extraction, scrub: p.scrub, total: p.total },
    stageCount: p.total * trains,
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
    reagentsPerProduct: {
      NaOH: (base * REAGENT_MOLAR_MASS.NaOH) / productMass,
      HCl: (acid * REAGENT_MOLAR_MASS.HCl) / productMass,
    },
    timeToSteadyState,
    evidence: {
      converged: r.converged,
      residual: r.residual,
      balanceError: r.balanceError,
      startupBalanceError,
    },
  };
}
