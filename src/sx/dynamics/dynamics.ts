/**
 * Dynamics of a counter-current mixer-settler cascade: start-up, step changes, and the approach to the
 * steady state that {@link simulateCascade} computes directly.
 */
import { fail, ReesimError } from '../../core/errors.js';
import { finite, isRecord, knownKeys, oneOf, optional, positive, record } from '../../core/validate.js';
import { type CascadeSpec, type Flows, type NormalisedCascade, normaliseCascade } from '../cascadeSpec.js';
import {
  type CascadeOutlet,
  type CascadeResult,
  type StageProfile,
  simulateCascade,
} from '../steady/simulateCascade.js';
import {
  advance,
  cascadeOutlets,
  type DynamicState,
  emptyState,
  type Holdups,
  type OperatingPoint,
  operatingPoint,
  smallestResidenceTime,
  stageOutflows,
  takeInitialInventory,
} from './dynamicsModel.js';

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

/** Start-up policy: what the tanks hold at time 0 and how the cascade is run at first. */
export type CascadeStartup =
  | 'empty'
  | 'feed'
  | {
      /** Filled with feed, then run at total reflux for `duration` before normal operation. */
      readonly kind: 'totalReflux';
      readonly duration: number;
    };

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
  /** Sampling interval of the outlets; default duration / 100. At most 1e6 samples. */
  readonly sampleEvery?: number;
  /** Largest time step; default a tenth of the smallest tank residence time, which is also its upper bound. */
  readonly dt?: number;
  /** Default 'empty'. */
  readonly startup?: CascadeStartup;
  /** Step changes, in order of time, each within [0, duration]. */
  readonly events?: readonly CascadeEvent[];
  /** Steady-state band: every outlet species flow within tolerance × the outlet's total; default 1e-4. */
  readonly tolerance?: number;
}

/** The outlets at one time. */
export interface CascadeSample {
  readonly time: number;
  /** 'totalReflux' while the outlets are returned to the cascade (then `product` is empty). */
  readonly operation: 'normal' | 'totalReflux';
  /** Aqueous leaving stage 1. */
  readonly raffinate: CascadeOutlet;
  /** Organic leaving the last stage, before the product reflux is taken from it. */
  readonly loadedOrganic: CascadeOutlet;
  /** Net organic product: the loaded organic less the product reflux. */
  readonly product: CascadeOutlet;
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
  /** First sample time from which every later sample's outlets stay within the tolerance of `steady`. */
  readonly timeToSteadyState: number | undefined;
  readonly reachedSteadyState: boolean;
  /** Amounts per unit time leaving each stage at the end, shaped like {@link CascadeResult}'s `profile`. */
  readonly final: readonly StageProfile[];
  /** Hold-up amounts at the end, and cumulative amounts that entered and left (net product + raffinate). */
  readonly inventory: Readonly<Record<string, number>>;
  readonly totalIn: Readonly<Record<string, number>>;
  readonly totalOut: Readonly<Record<string, number>>;
  /** Largest relative error of inventory = initial + in − out over every step. */
  readonly balanceError: number;
  readonly steps: number;
  /** Largest time step used (steps are shortened to land on samples and events). */
  readonly dt: number;
}

const SUPPORTED = ['distribution', 'separationFactors'];
const MAX_SAMPLES = 1e6;
const MAX_STEPS = 1e9;

/** The dynamic model handles the linear and the saturated model only. */
function rejectOtherModels(spec: unknown): void {
  const check = (path: string, m: unknown) => {
    if (isRecord(m) && typeof m.kind === 'string' && !SUPPORTED.includes(m.kind))
      fail(
        'NOT_SUPPORTED',
        `${path}.kind`,
        m.kind,
        "'distribution' or 'separationFactors' in the dynamic model",
      );
  };
  if (!isRecord(spec) || !isRecord(spec.equilibrium)) return;
  const eq = spec.equilibrium;
  if ('kind' in eq) check('cascade.equilibrium', eq);
  else {
    check('cascade.equilibrium.extraction', eq.extraction);
    check('cascade.equilibrium.scrub', eq.scrub);
  }
}

function holdupSpec(path: string, value: unknown): PhaseHoldup {
  const h = record(path, value, '{ aqueous, organic } volumes or { residenceTime }');
  const upTo = (p: string, v: unknown) => {
    const x = positive(p, v);
    if (x > 1e12) fail('OUT_OF_RANGE', p, x, 'a number in (0, 1e12]');
    return x;
  };
  if ('residenceTime' in h) {
    knownKeys(path, h, ['residenceTime']);
    return { residenceTime: upTo(`${path}.residenceTime`, h.residenceTime) };
  }
  knownKeys(path, h, ['aqueous', 'organic']);
  return { aqueous: upTo(`${path}.aqueous`, h.aqueous), organic: upTo(`${path}.organic`, h.organic) };
}

function buildHoldups(p: NormalisedCascade, mixer: PhaseHoldup, settler: PhaseHoldup): Holdups {
  const n = p.total;
  const fill = (h: PhaseHoldup, flow: (j: number) => number, phase: 'aqueous' | 'organic') =>
    Float64Array.from({ length: n }, (_, j) => ('residenceTime' in h ? h.residenceTime * flow(j) : h[phase]));
  const e = p.murphree;
  const aq = (j: number) => p.aqueousVolume[j] as number;
  const org = (j: number) => p.organicVolume[j] as number;
  const aqueousShare = p.murphreePhase === 'aqueous' ? e : 1;
  const organicShare = p.murphreePhase === 'organic' ? e : 1;
  return {
    mixerAqueous: fill(mixer, (j) => aqueousShare * aq(j), 'aqueous'),
    mixerOrganic: fill(mixer, (j) => organicShare * org(j), 'organic'),
    settlerAqueous: fill(settler, aq, 'aqueous'),
    settlerOrganic: fill(settler, org, 'organic'),
  };
}

interface Stage {
  readonly time: number;
  readonly spec: CascadeSpec;
  readonly p: NormalisedCascade;
}

/** The spec after each event (validated, species in the spec's order). */
function applyEvents(spec: CascadeSpec, p0: NormalisedCascade, value: unknown, duration: number): Stage[] {
  const list = optional(value, [] as unknown[], (v) => {
    if (!Array.isArray(v)) fail('INVALID_TYPE', 'options.events', v, 'an array of events');
    return v as unknown[];
  });
  const stages: Stage[] = [];
  let current = spec;
  let last = 0;
  list.forEach((raw, k) => {
    const path = `options.events[${k}]`;
    const e = record(path, raw, '{ time, feed?, organicVolume?, scrubVolume?, reflux? }');
    knownKeys(path, e, ['time', 'feed', 'organicVolume', 'scrubVolume', 'reflux']);
    const time = finite(`${path}.time`, e.time);
    if (time < last || time > duration)
      fail('OUT_OF_RANGE', `${path}.time`, time, `a time in [${last}, ${duration}] (events in order)`);
    last = time;
    let next: CascadeSpec = current;
    if (e.feed !== undefined) {
      const f = record(`${path}.feed`, e.feed, 'a record of species -> amount per unit time');
      for (const name of Object.keys(f)) {
        if (!p0.species.includes(name))
          fail(
            'UNKNOWN_KEY',
            `${path}.feed.${name}`,
            name,
            `a species of the cascade (${p0.species.join(', ')})`,
          );
        const x = finite(`${path}.feed.${name}`, f[name]);
        if (x < 0 || x > 1e12) fail('OUT_OF_RANGE', `${path}.feed.${name}`, x, 'an amount in [0, 1e12]');
      }
      const flows = Object.fromEntries(p0.species.map((s) => [s, (f[s] as number | undefined) ?? 0]));
      next = { ...next, feed: { ...next.feed, flows } };
    }
    const volume = (key: string) =>
      optional(e[key], undefined, (v) => {
        const x = positive(`${path}.${key}`, v);
        if (x > 1e12) fail('OUT_OF_RANGE', `${path}.${key}`, x, 'a volume flow in (0, 1e12]');
        return x;
      });
    const organicVolume = volume('organicVolume');
    if (organicVolume !== undefined) next = { ...next, organic: { ...next.organic, volume: organicVolume } };
    const scrubVolume = volume('scrubVolume');
    const reflux = optional(e.reflux, undefined, (v) => {
      const w = finite(`${path}.reflux`, v);
      if (w < 0 || w > 1e12) fail('OUT_OF_RANGE', `${path}.reflux`, w, 'an amount in [0, 1e12]');
      return w;
    });
    if (scrubVolume !== undefined || reflux !== undefined) {
      const base = next.scrub ?? (scrubVolume === undefined ? undefined : { volume: scrubVolume });
      if (!base)
        fail(
          'MISSING',
          `${path}.scrubVolume`,
          undefined,
          'a scrub volume flow to carry the reflux (no scrub stream)',
        );
      next = {
        ...next,
        scrub: {
          ...base,
          ...(scrubVolume === undefined ? {} : { volume: scrubVolume }),
          ...(reflux === undefined ? {} : { reflux }),
        },
      };
    }
    current = next;
    stages.push({ time, spec: current, p: normaliseCascade(current) });
  });
  return stages;
}

function outletOf(species: readonly string[], v: Float64Array, scale: number, volume: number): CascadeOutlet {
  const flows: Record<string, number> = {};
  let sum = 0;
  species.forEach((s, i) => {
    const x = Math.max(0, scale * (v[i] as number));
    flows[s] = x;
    sum += x;
  });
  const purity = Object.fromEntries(species.map((s) => [s, sum > 0 ? (flows[s] as number) / sum : 0]));
  return { flows, volume, purity };
}

function sample(
  time: number,
  closed: boolean,
  p: NormalisedCascade,
  op: OperatingPoint,
  s: DynamicState,
  buf: Float64Array,
): CascadeSample {
  const { c, n } = op;
  const raf = buf.subarray(0, c);
  const loaded = buf.subarray(c, 2 * c);
  cascadeOutlets(op, s, raf, loaded);
  let total = 0;
  for (let i = 0; i < c; i++) total += loaded[i] as number;
  const share = closed ? 1 : p.reflux > 0 && total > 0 ? Math.min(1, p.reflux / total) : 0;
  const organicVolume = p.organicVolume[n - 1] as number;
  return {
    time,
    operation: closed ? 'totalReflux' : 'normal',
    raffinate: outletOf(p.species, raf, 1, p.aqueousVolume[0] as number),
    loadedOrganic: outletOf(p.species, loaded, 1, organicVolume),
    product: outletOf(p.species, loaded, 1 - share, (1 - share) * organicVolume),
  };
}

/** Is every outlet species flow within tolerance × the outlet's steady total of the steady value? */
function withinBand(x: CascadeSample, steady: CascadeResult, tolerance: number): boolean {
  const pairs = [
    [x.raffinate, steady.raffinate],
    [x.product, steady.product],
  ] as const;
  const sum = (o: CascadeOutlet) => Object.values(o.flows).reduce((a, b) => a + b, 0);
  const throughput = sum(steady.raffinate) + sum(steady.product);
  return pairs.every(([now, ss]) => {
    const scale = tolerance * (sum(ss) > 0 ? sum(ss) : throughput);
    return steady.species.every((sp) => Math.abs((now.flows[sp] ?? 0) - (ss.flows[sp] ?? 0)) <= scale);
  });
}

/** Callbacks of a dynamics run (kept apart from the options, which are plain data that crosses to workers). */
export interface DynamicsHooks {
  /** Called at every sample with the simulated time and the run's duration (for a progress bar). */
  readonly onProgress?: (time: number, duration: number) => void;
}

/**
 * Simulates a counter-current mixer-settler cascade in time: start-up, step changes of the feed, the flows
 * or the reflux, the outlets' purities over time and the time to come within a tolerance of the steady
 * state; its end state is the steady state of {@link simulateCascade}.
 *
 * **Model.** Each stage is a mixer followed by a settler. The mixer is one well-mixed tank whose aqueous and
 * organic hold-ups (volumes V_mix,a, V_mix,o) are at equilibrium with each other, with the steady solver's
 * stage equilibrium applied to the hold-up volumes: distribution ratios (closed form, organic = κ·aqueous,
 * κ = D·V_mix,o/V_mix,a), with a loading capacity the competitive Langmuir isotherm (K = capacity·V_mix,o;
 * organic = κ·a·λ with λ = 1/(1 + Σκa/K), found by Newton on λ, warm-started) or Xu's saturated organic
 * (capacity K = loading·V_mix,o; the split of the mixer's content n solves a_i + Kβ_i a_i/Σβa = n_i by Newton
 * on λ = K/Σβa, warm-started; when Σn ≤ K the organic takes everything, the limit of infinite distribution
 * ratios). An acid scrub lowers the last mixer's K by acid/3 ÷ its organic outflow per unit content, so its
 * organic leaves with acid/3 less (as in the steady model). The settler holds each phase in one
 * well-mixed tank (V_set,a, V_set,o). Phase volume flows are those of the normalised cascade and constant
 * between events, so volumes are constant and only amounts change. A Murphree efficiency E sends a fraction
 * 1 − E of the phase entering from the neighbouring stage (or the inlet) past the mixer straight into that
 * phase's settler tank; the mixer then sees E times that phase's flow (what the steady equations
 * y = (1−E)·y_in + E·g(x) and its aqueous mirror mean; a feed is part of its phase's inflow). Product reflux
 * returns min(`reflux`, loaded organic) with the current loaded organic's composition into the top mixer.
 * Entrainment splits each settler's outflow as the steady model does: the entrained aqueous joins the next
 * stage up's aqueous inflow, the entrained organic the next stage down's organic inflow.
 *
 * **Time stepping.** Forward Euler in flux form: every step moves amounts between tanks by fluxes computed
 * from the start-of-step state, so inventory = initial + in − out holds to round-off; it is checked every
 * step (error relative to initial + in, returned as `balanceError`; BALANCE_VIOLATION above 1e-9). A step
 * no longer than the smallest residence time V/Q of any tank keeps every amount non-negative and the map a
 * contraction (the default is a tenth of it, over every operating point); steps are shortened to land on
 * sample and event times. The steady state of the stepped map is exactly the steady solver's, whatever dt.
 *
 * **Start-up.** `'empty'`: no species anywhere. `'feed'`: every hold-up of the feed's phase (mixer and
 * settler) at the feed's concentration (feed amounts / feed volume), the other phase barren.
 * `{ kind: 'totalReflux', duration }`: filled as `'feed'`, then for `duration` no species enter from the
 * feed, the organic or the scrub (their volumes still flow, barren), all the loaded organic returns with
 * the scrub into the top stage and the raffinate returns with the organic into stage 1 (no product leaves);
 * then normal operation. **Events** replace feed flows, organic or scrub volume flow or the reflux; hold-up
 * volumes stay, so residence times and extraction factors change with the flows.
 *
 * **The user specifies:** the cascade (as for {@link simulateCascade}; `distribution` and
 * `separationFactors` models only) and hold-ups, duration, and optionally sampling, dt, start-up, events and
 * the steady-state tolerance. **Units:** amounts and volumes per unit time as in the spec; times in that
 * time unit; hold-up volumes in its volume unit. Cost: steps × stages × species (saturated stages add a
 * root per mixer per step).
 *
 * **Outputs.** Samples of the outlets (during total reflux they are the returned streams and `product` is
 * empty); `steady`, the {@link simulateCascade} solution of the operating point after the last event;
 * `timeToSteadyState`, counted from time 0, the first sample time from which every later sample has each
 * species' raffinate and net-product flow within `tolerance` × that outlet's steady total; the final stage
 * profile; the inventory and the cumulative flows in and out.
 *
 * **Sources.** Mixer-settler stages as stirred tanks (the usual dynamic description); typical hold-ups:
 * mixing 3–5 min and settling 15–30 min per stage (ree-data 4.2). Low-β cascades approach steady state
 * slowly, which is why plants start at total reflux (ree-data 4.3).
 *
 * @param hooks optional callbacks (`onProgress` at every sample)
 * @throws ReesimError for an invalid spec or option (paths `cascade.*`, `options.*`), NOT_SUPPORTED for other
 *   equilibrium models, BALANCE_VIOLATION if the inventory identity fails
 * @example
 * ```ts
 * // One stage, D = 1, equal volumes, 3-min mixer and 30-min settlers, started empty: half goes to the organic.
 * const r = simulateCascadeDynamics(
 *   {
 *     stages: { extraction: 1 },
 *     feed: { flows: { A: 1 }, volume: 1 },
 *     organic: { volume: 1 },
 *     equilibrium: distribution({ A: 1 }),
 *   },
 *   { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 20 },
 * );
 * r.samples.at(-1)?.product.flows.A; // 0.5000
 * r.reachedSteadyState; // true
 * r.balanceError < 1e-12; // true
 * ```
 */
export function simulateCascadeDynamics(
  spec: CascadeSpec,
  options: CascadeDynamicsOptions,
  hooks: DynamicsHooks = {},
): CascadeDynamicsResult {
  rejectOtherModels(spec);
  const p0 = normaliseCascade(spec);
  p0.models.forEach((m, j) => {
    if (!SUPPORTED.includes(m.kind))
      fail('NOT_SUPPORTED', 'cascade.equilibrium', m.kind, `a supported model at stage ${j + 1}`);
  });
  const o = record('options', options, 'dynamics options');
  knownKeys('options', o, ['holdup', 'duration', 'sampleEvery', 'dt', 'startup', 'events', 'tolerance']);
  const hu = record('options.holdup', o.holdup, '{ mixer, settler }');
  knownKeys('options.holdup', hu, ['mixer', 'settler']);
  const holdups = buildHoldups(
    p0,
    holdupSpec('options.holdup.mixer', hu.mixer),
    holdupSpec('options.holdup.settler', hu.settler),
  );
  const duration = positive('options.duration', o.duration);
  if (duration > 1e12) fail('OUT_OF_RANGE', 'options.duration', duration, 'a time in (0, 1e12]');
  const sampleEvery = optional(o.sampleEvery, duration / 100, (v) => positive('options.sampleEvery', v));
  if (duration / sampleEvery > MAX_SAMPLES)
    fail('OUT_OF_RANGE', 'options.sampleEvery', sampleEvery, `at least duration / ${MAX_SAMPLES}`);
  const tolerance = optional(o.tolerance, 1e-4, (v) => positive('options.tolerance', v));
  if (tolerance >= 1) fail('OUT_OF_RANGE', 'options.tolerance', tolerance, 'a number in (0, 1)');
  const startup = optional(o.startup, 'empty' as CascadeStartup, (v): CascadeStartup => {
    if (isRecord(v)) {
      knownKeys('options.startup', v, ['kind', 'duration']);
      oneOf('options.startup.kind', v.kind, ['totalReflux'] as const);
      return { kind: 'totalReflux', duration: positive('options.startup.duration', v.duration) };
    }
    return oneOf('options.startup', v, ['empty', 'feed'] as const);
  });
  const refluxEnd = typeof startup === 'object' ? startup.duration : 0;

  const events = applyEvents(spec, p0, o.events, duration);
  const points = [p0, ...events.map((e) => e.p)];
  const tauMin = Math.min(...points.map((p) => smallestResidenceTime(p, holdups)));
  const dt = optional(o.dt, tauMin / 10, (v) => {
    const x = positive('options.dt', v);
    if (x > tauMin * (1 + 1e-12))
      fail('OUT_OF_RANGE', 'options.dt', x, `a step in (0, ${tauMin}] (the smallest residence time)`);
    return x;
  });
  if (duration / dt > MAX_STEPS)
    fail('OUT_OF_RANGE', 'options.duration', duration, `at most ${MAX_STEPS} steps of ${dt}`);

  const c = p0.species.length;
  const n = p0.total;
  const s = emptyState(n, c);
  if (startup !== 'empty') {
    // Hold-ups of the feed's phase at the feed's concentration.
    const feedVolume = spec.feed.volume;
    const aqueous = p0.feedPhase === 'aqueous';
    for (let j = 0; j < n; j++) {
      const vm = (aqueous ? holdups.mixerAqueous : holdups.mixerOrganic)[j] as number;
      const vs = (aqueous ? holdups.settlerAqueous : holdups.settlerOrganic)[j] as number;
      for (let i = 0; i < c; i++) {
        const conc = (p0.feed[i] as number) / feedVolume;
        s.mix[j * c + i] = vm * conc;
        (aqueous ? s.sa : s.so)[j * c + i] = vs * conc;
      }
    }
  }
  takeInitialInventory(s, n, c);

  // Break points: samples (k · sampleEvery, and the end), events and the end of total reflux. Times are
  // kept exactly (a step of 1e-20 costs nothing), so an event or a switch is never moved.
  const sampleTimes = new Set<number>([duration]);
  for (let k = 0; k * sampleEvery < duration * (1 - 1e-12); k++) sampleTimes.add(k * sampleEvery);
  const times = new Set<number>(sampleTimes);
  for (const e of events) times.add(e.time);
  if (refluxEnd < duration) times.add(refluxEnd);
  const marks = [...times].sort((a, b) => a - b);

  let p = p0;
  let op = operatingPoint(p, holdups);
  let next = 0; // next event
  let steps = 0;
  let balanceError = 0;
  const samples: CascadeSample[] = [];
  const buf = new Float64Array(2 * c);
  for (let m = 0; m < marks.length; m++) {
    const t = marks[m] as number;
    let changed = false;
    while (next < events.length && (events[next] as Stage).time <= t) {
      p = (events[next] as Stage).p;
      next++;
      changed = true;
    }
    if (changed) op = operatingPoint(p, holdups);
    const closed = t < refluxEnd;
    if (sampleTimes.has(t)) {
      samples.push(sample(t, closed, p, op, s, buf));
      hooks.onProgress?.(t, duration);
    }
    const end = marks[m + 1];
    if (end === undefined) break;
    // Marks closer than 1e-9 dt (an event a hair after a sample) share one instant: such a step's fluxes
    // would be all round-off.
    if (end - t <= 1e-9 * dt) continue;
    const count = Math.max(1, Math.ceil((end - t) / dt - 1e-9));
    balanceError = Math.max(balanceError, advance(op, s, (end - t) / count, count, closed));
    steps += count;
  }

  const finalSpec = events.at(-1)?.spec ?? spec;
  let steady: CascadeResult | undefined;
  let steadyIssue: string | undefined;
  try {
    steady = simulateCascade(finalSpec);
    if (!steady.converged) {
      steadyIssue = `the steady solver did not converge (residual ${steady.residual})`;
      steady = undefined;
    }
  } catch (e) {
    if (!(e instanceof ReesimError) || (e.code !== 'INFEASIBLE' && e.code !== 'NOT_CONVERGED')) throw e;
    steadyIssue = e.message;
  }
  let timeToSteadyState: number | undefined;
  if (steady) {
    for (let k = samples.length - 1; k >= 0; k--) {
      const x = samples[k] as CascadeSample;
      if (!withinBand(x, steady, tolerance)) break;
      timeToSteadyState = x.time;
    }
  }

  const x = new Float64Array(n * c);
  const y = new Float64Array(n * c);
  stageOutflows(op, s, x, y);
  const rec = (v: Float64Array, offset = 0) =>
    Object.fromEntries(p0.species.map((sp, i) => [sp, Math.max(0, v[offset + i] as number)]));
  const final: StageProfile[] = Array.from({ length: n }, (_, j) => ({
    stage: j + 1,
    section: j < p0.extraction ? 'extraction' : 'scrub',
    aqueous: rec(x, j * c),
    organic: rec(y, j * c),
  }));
  return {
    species: p0.species,
    stages: { extraction: p0.extraction, scrub: p0.scrub, total: n },
    samples,
    steady,
    ...(steadyIssue === undefined ? {} : { steadyIssue }),
    timeToSteadyState,
    reachedSteadyState: timeToSteadyState !== undefined,
    final,
    inventory: rec(s.inventory),
    totalIn: rec(s.totalIn),
    totalOut: rec(s.totalOut),
    balanceError,
    steps,
    dt,
  };
}
