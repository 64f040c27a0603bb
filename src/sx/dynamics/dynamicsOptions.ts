/**
 * The options of `simulateCascadeDynamics`, checked where they enter: hold-ups, times, start-up policy,
 * step changes and the outlets' purity specs. Every problem fails with a typed error naming its path.
 */
import { fail } from '../../core/errors.js';
import { finite, isRecord, knownKeys, oneOf, optional, positive, record } from '../../core/validate.js';
import { type CascadeSpec, type NormalisedCascade, normaliseCascade } from '../cascadeSpec.js';
import { stageChain } from './chain.js';
import { type Holdups, smallestResidenceTime } from './dynamicsModel.js';
import type { CascadeStartup, OutletSpecs, PhaseHoldup, PurityTarget } from './types.js';

/** The option keys of `simulateCascadeDynamics`. */
export const OPTION_KEYS = [
  'holdup',
  'duration',
  'sampleEvery',
  'dt',
  'startup',
  'events',
  'tolerance',
  'spec',
  'impurityWithin',
] as const;

/** A time or volume bound: numbers in (0, 1e12]. */
function upTo(path: string, value: unknown, what: string): number {
  const x = positive(path, value);
  if (x > 1e12) fail('OUT_OF_RANGE', path, x, `${what} in (0, 1e12]`);
  return x;
}

/** One kind of tank's hold-up: `{ aqueous, organic }` volumes or `{ residenceTime }`. */
export function holdupSpec(path: string, value: unknown): PhaseHoldup {
  const h = record(path, value, '{ aqueous, organic } volumes or { residenceTime }');
  // Volumes when either is given; otherwise a residence time (what an empty object lacks, as files say).
  if (!Object.hasOwn(h, 'aqueous') && !Object.hasOwn(h, 'organic')) {
    knownKeys(path, h, ['residenceTime']);
    return { residenceTime: upTo(`${path}.residenceTime`, h.residenceTime, 'a number') };
  }
  knownKeys(path, h, ['aqueous', 'organic']);
  return {
    aqueous: upTo(`${path}.aqueous`, h.aqueous, 'a number'),
    organic: upTo(`${path}.organic`, h.organic, 'a number'),
  };
}

/**
 * Hold-up volumes of every stage's tanks (the cascade's and any strip stages); residence times are taken at
 * the operating point `p`.
 */
export function buildHoldups(p: NormalisedCascade, mixer: PhaseHoldup, settler: PhaseHoldup): Holdups {
  const ch = stageChain(p);
  const fill = (h: PhaseHoldup, flow: (j: number) => number, phase: 'aqueous' | 'organic') =>
    Float64Array.from({ length: ch.n }, (_, j) =>
      'residenceTime' in h ? h.residenceTime * flow(j) : h[phase],
    );
  const aq = (j: number) => ch.aqueousVolume[j] as number;
  const org = (j: number) => ch.organicVolume[j] as number;
  return {
    mixerAqueous: fill(mixer, (j) => (ch.aqueousMixed[j] as number) * aq(j), 'aqueous'),
    mixerOrganic: fill(mixer, (j) => (ch.organicMixed[j] as number) * org(j), 'organic'),
    settlerAqueous: fill(settler, aq, 'aqueous'),
    settlerOrganic: fill(settler, org, 'organic'),
  };
}

/** The start-up policy (`'empty'` when absent). */
export function startupPolicy(value: unknown, species: readonly string[]): CascadeStartup {
  return optional(value, 'empty' as CascadeStartup, (v): CascadeStartup => {
    if (!isRecord(v)) return oneOf('options.startup', v, ['empty', 'feed', 'preloaded'] as const);
    const kind = oneOf('options.startup.kind', v.kind, ['totalReflux', 'preloaded'] as const);
    if (kind === 'totalReflux') {
      knownKeys('options.startup', v, ['kind', 'duration']);
      return { kind, duration: upTo('options.startup.duration', v.duration, 'a time') };
    }
    knownKeys('options.startup', v, ['kind', 'inventory']);
    if (v.inventory === undefined) return { kind };
    const inv = record('options.startup.inventory', v.inventory, 'a record of species -> amount held');
    const inventory: Record<string, number> = {};
    for (const name of Object.keys(inv)) {
      const path = `options.startup.inventory.${name}`;
      if (!species.includes(name))
        fail('UNKNOWN_KEY', path, name, `a species of the cascade (${species.join(', ')})`);
      const x = finite(path, inv[name]);
      if (x < 0 || x > 1e15) fail('OUT_OF_RANGE', path, x, 'an amount in [0, 1e15]');
      inventory[name] = x;
    }
    return { kind, inventory };
  });
}

/** One outlet's purity target: a fraction in (0, 1], or `{ species: fraction }` naming one species. */
function purityTarget(path: string, value: unknown, species: readonly string[]): PurityTarget {
  if (!isRecord(value)) {
    const x = finite(path, value);
    if (!(x > 0 && x <= 1)) fail('OUT_OF_RANGE', path, x, 'a purity in (0, 1]');
    return x;
  }
  const names = Object.keys(value);
  if (names.length !== 1)
    fail('INVALID_TYPE', path, value, 'a purity, or { species: purity } naming exactly one species');
  const name = names[0] as string;
  if (!species.includes(name))
    fail('UNKNOWN_KEY', `${path}.${name}`, name, `a species of the cascade (${species.join(', ')})`);
  const x = finite(`${path}.${name}`, value[name]);
  if (!(x > 0 && x <= 1)) fail('OUT_OF_RANGE', `${path}.${name}`, x, 'a purity in (0, 1]');
  return { [name]: x };
}

/** The outlets' purity specs (none when absent); `draws` at most as many as the cascade has. */
export function outletSpecs(value: unknown, p: NormalisedCascade): OutletSpecs {
  if (value === undefined) return {};
  const v = record('options.spec', value, '{ product?, raffinate?, draws? }');
  knownKeys('options.spec', v, ['product', 'raffinate', 'draws']);
  const out: { product?: PurityTarget; raffinate?: PurityTarget; draws?: PurityTarget[] } = {};
  if (v.product !== undefined) out.product = purityTarget('options.spec.product', v.product, p.species);
  if (v.raffinate !== undefined)
    out.raffinate = purityTarget('options.spec.raffinate', v.raffinate, p.species);
  if (v.draws !== undefined) {
    if (!Array.isArray(v.draws)) fail('INVALID_TYPE', 'options.spec.draws', v.draws, 'an array of purities');
    if (v.draws.length > p.draws.length)
      fail(
        'OUT_OF_RANGE',
        'options.spec.draws',
        v.draws.length,
        `at most one purity per side draw (${p.draws.length})`,
      );
    out.draws = v.draws.map((d, k) => purityTarget(`options.spec.draws[${k}]`, d, p.species));
  }
  return out;
}

/** A fraction in (0, 1] (default 0.1): the band around the steady impurity. */
export function impurityBand(value: unknown): number {
  return optional(value, 0.1, (v) => {
    const x = positive('options.impurityWithin', v);
    if (x > 1) fail('OUT_OF_RANGE', 'options.impurityWithin', x, 'a fraction in (0, 1]');
    return x;
  });
}

/** The operating point after a step change. */
export interface OperatingChange {
  readonly time: number;
  readonly spec: CascadeSpec;
  readonly p: NormalisedCascade;
}

/** The feed flows of an event: species of the cascade, amounts in [0, 1e12]; absent species 0. */
function eventFeed(path: string, value: unknown, species: readonly string[]): Record<string, number> {
  const f = record(path, value, 'a record of species -> amount per unit time');
  for (const name of Object.keys(f)) {
    if (!species.includes(name))
      fail('UNKNOWN_KEY', `${path}.${name}`, name, `a species of the cascade (${species.join(', ')})`);
    const x = finite(`${path}.${name}`, f[name]);
    if (x < 0 || x > 1e12) fail('OUT_OF_RANGE', `${path}.${name}`, x, 'an amount in [0, 1e12]');
  }
  return Object.fromEntries(species.map((s) => [s, (f[s] as number | undefined) ?? 0]));
}

/** The spec after each event (validated, species in the spec's order). */
export function applyEvents(
  spec: CascadeSpec,
  p0: NormalisedCascade,
  value: unknown,
  duration: number,
): OperatingChange[] {
  const list = optional(value, [] as unknown[], (v) => {
    if (!Array.isArray(v)) fail('INVALID_TYPE', 'options.events', v, 'an array of events');
    return v as unknown[];
  });
  const changes: OperatingChange[] = [];
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
      const flows = eventFeed(`${path}.feed`, e.feed, p0.species);
      next = { ...next, feed: { ...next.feed, flows } };
    }
    const volume = (key: string) =>
      optional(e[key], undefined, (v) => upTo(`${path}.${key}`, v, 'a volume flow'));
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
    changes.push({ time, spec: current, p: normaliseCascade(current) });
  });
  return changes;
}

/** Most samples and time steps of one run. */
const MAX_SAMPLES = 1e6;
const MAX_STEPS = 1e9;

/** The validated settings of a run. */
export interface Settings {
  readonly holdups: Holdups;
  readonly duration: number;
  readonly sampleEvery: number;
  readonly dt: number;
  readonly startup: CascadeStartup;
  readonly events: readonly OperatingChange[];
  readonly tolerance: number;
  readonly specs: OutletSpecs;
  readonly band: number;
}

export function settings(spec: CascadeSpec, p0: NormalisedCascade, options: unknown): Settings {
  const o = record('options', options, 'dynamics options');
  knownKeys('options', o, OPTION_KEYS);
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
  const startup = startupPolicy(o.startup, p0.species);
  const specs = outletSpecs(o.spec, p0);
  const band = impurityBand(o.impurityWithin);
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
  return { holdups, duration, sampleEvery, dt, startup, events, tolerance, specs, band };
}
