/**
 * The time march of `simulateCascadeDynamics`: break points at the samples, the events and the end of
 * total reflux; the outlets sampled at each sample time.
 */
import type { NormalisedCascade } from '../cascadeSpec.js';
import type { CascadeOutlet } from '../steady/simulateCascade.js';
import {
  advance,
  cascadeOutlets,
  type DynamicState,
  drawOutlet,
  type OperatingPoint,
  operatingPoint,
} from './dynamicsModel.js';
import type { OperatingChange, Settings } from './dynamicsOptions.js';
import type { CascadeSample, DynamicsHooks } from './types.js';

/** An outlet from amounts per unit time (× `scale`; round-off negatives reported as 0) and its volume flow. */
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

/** The outlets of the current state (at total reflux the product and the draws are empty). */
function sample(
  time: number,
  closed: boolean,
  p: NormalisedCascade,
  op: OperatingPoint,
  s: DynamicState,
  buf: Float64Array,
): CascadeSample {
  const { c, top } = op;
  const raf = buf.subarray(0, c);
  const loaded = buf.subarray(c, 2 * c);
  const drawn = buf.subarray(2 * c, 3 * c);
  const liquor = buf.subarray(3 * c, 4 * c);
  const stripped = buf.subarray(4 * c, 5 * c);
  cascadeOutlets(op, s, raf, loaded, liquor, stripped);
  // The product (and the reflux) is the loaded organic, or with a strip section the strip liquor.
  const productStream = op.loop ? liquor : loaded;
  let total = 0;
  for (let i = 0; i < c; i++) total += productStream[i] as number;
  const share = closed ? 1 : p.reflux > 0 && total > 0 ? Math.min(1, p.reflux / total) : 0;
  const organicVolume = p.organicVolume[top] as number;
  const productVolume = p.strip ? p.strip.acidVolume : organicVolume;
  const draws = p.draws.map((d, k) => {
    drawOutlet(op, s, k, drawn);
    const volume =
      d.fraction * ((d.phase === 'aqueous' ? p.aqueousVolume : p.organicVolume)[d.stage] as number);
    return outletOf(p.species, drawn, closed ? 0 : 1, closed ? 0 : volume);
  });
  return {
    time,
    operation: closed ? 'totalReflux' : 'normal',
    raffinate: outletOf(p.species, raf, 1, p.aqueousVolume[0] as number),
    loadedOrganic: outletOf(p.species, loaded, 1, organicVolume),
    product: outletOf(p.species, productStream, 1 - share, (1 - share) * productVolume),
    draws,
    ...(p.strip
      ? {
          strip: {
            liquor: outletOf(p.species, liquor, 1, p.strip.acidVolume),
            strippedOrganic: outletOf(p.species, stripped, 1, organicVolume),
          },
        }
      : {}),
    inventory: Object.fromEntries(p.species.map((sp, i) => [sp, s.inventory[i] as number])),
  };
}

/**
 * Steps the filled state `s` from 0 to the end: break points at the samples (k · sampleEvery and the end),
 * the events and the end of total reflux, each kept exactly (a step of 1e-20 costs nothing), so an event or
 * a switch is never moved. Returns the samples, the steps, the worst balance error and the last operating
 * point.
 */
export function march(
  p0: NormalisedCascade,
  set: Settings,
  s: DynamicState,
  hooks: DynamicsHooks,
): { samples: CascadeSample[]; steps: number; balanceError: number; op: OperatingPoint } {
  const { duration, sampleEvery, dt, events, holdups, startup } = set;
  const refluxEnd = typeof startup === 'object' && startup.kind === 'totalReflux' ? startup.duration : 0;
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
  const buf = new Float64Array(5 * p0.species.length);
  for (let m = 0; m < marks.length; m++) {
    const t = marks[m] as number;
    let changed = false;
    while (next < events.length && (events[next] as OperatingChange).time <= t) {
      p = (events[next] as OperatingChange).p;
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
  return { samples, steps, balanceError, op };
}
