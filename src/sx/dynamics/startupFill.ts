/**
 * What the tanks of a dynamic cascade hold at time 0 under each start-up policy: feed liquor in the feed's
 * phase (`'feed'`, and the fill before total reflux), or the steady state of the spec (`'preloaded'`),
 * optionally scaled to a given inventory per species.
 */
import { fail, ReesimError } from '../../core/errors.js';
import type { CascadeSpec, NormalisedCascade } from '../cascadeSpec.js';
import { type CascadeResult, simulateCascade } from '../steady/simulateCascade.js';
import {
  type DynamicState,
  type Holdups,
  type OperatingPoint,
  takeInitialInventory,
} from './dynamicsModel.js';
import type { CascadeStartup } from './types.js';

/**
 * Every hold-up of the feed's phase (mixer and settler) at the feed's concentration; the other phase barren.
 * A strip section's stages start empty (its aqueous is strip acid, its organic the barren organic).
 */
export function fillWithFeed(p: NormalisedCascade, feedVolume: number, h: Holdups, s: DynamicState): void {
  const c = p.species.length;
  const aqueous = p.feedPhase === 'aqueous';
  for (let j = 0; j < p.total; j++) {
    const vm = (aqueous ? h.mixerAqueous : h.mixerOrganic)[j] as number;
    const vs = (aqueous ? h.settlerAqueous : h.settlerOrganic)[j] as number;
    for (let i = 0; i < c; i++) {
      const conc = (p.feed[i] as number) / feedVolume;
      s.mix[j * c + i] = vm * conc;
      (aqueous ? s.sa : s.so)[j * c + i] = vs * conc;
    }
  }
}

/**
 * Fills every tank with what it holds at the steady state `steady` of the operating point `op`: each
 * settler tank its stage's steady outflow × its residence time (V_set / Q); each mixer the aqueous and
 * organic it discharges at steady state (the stage's outflow less the part of its inflow that bypasses the
 * mixer under a Murphree efficiency) ÷ its outflow per unit content, which is the mixer's equilibrium split
 * at the steady stage factor. The state is then a fixed point of the time step to round-off: every tank's
 * inflow equals its outflow, and the mixer split returns the same aqueous and organic contents. A strip
 * section's stages take the steady strip profile.
 */
export function preloadSteady(op: OperatingPoint, steady: CascadeResult, s: DynamicState): void {
  const { c, n, top, kx, ky, qa, qo, passDown, passUp } = op;
  const { entrainAqueous: ea, entrainOrganic: eo } = op;
  // The steady outflows of every stage of the chain: the cascade's, then the strip's.
  const x = new Float64Array(n * c);
  const y = new Float64Array(n * c);
  x.set(steady.stageFlows.aqueous);
  y.set(steady.stageFlows.organic);
  if (op.loop && steady.strip) {
    x.set(steady.strip.stageFlows.aqueous, (top + 1) * c);
    y.set(steady.strip.stageFlows.organic, (top + 1) * c);
  }
  const at = (v: Float64Array, q: number) => Math.max(0, v[q] as number);
  const down = (j: number, i: number) =>
    (1 - (ea[j] as number)) * at(x, j * c + i) + (eo[j] as number) * at(y, j * c + i);
  const upward = (j: number, i: number) =>
    (1 - (eo[j] as number)) * at(y, j * c + i) + (ea[j] as number) * at(x, j * c + i);
  // The reflux is taken from the loaded organic, or with a strip section from the strip liquor.
  const product = (i: number) => (op.loop ? down(top + 1, i) : upward(top, i));
  let productTotal = 0;
  for (let i = 0; i < c; i++) productTotal += product(i);
  const share = op.reflux > 0 && productTotal > 0 ? Math.min(1, op.reflux / productTotal) : 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < c; i++) {
      const q = j * c + i;
      // The stage's inflows at steady state, as the time step forms them.
      let aIn = 0;
      let oIn = 0;
      if (j + 1 < n && j !== top) {
        const pd = passDown[j + 1] as number;
        aIn = pd * ((1 - (ea[j + 1] as number)) * at(x, q + c));
        oIn = pd * ((eo[j + 1] as number) * at(y, q + c));
      } else if (j === top) {
        aIn = (op.scrubIn[i] as number) + share * product(i);
      }
      if (j > 0) {
        const pu = passUp[j - 1] as number;
        oIn += pu * ((1 - (eo[j - 1] as number)) * at(y, q - c));
        aIn += pu * ((ea[j - 1] as number) * at(x, q - c));
      } else {
        oIn += op.loop ? upward(n - 1, i) : (op.organicIn[i] as number);
      }
      if (j === op.feedStage) {
        if (op.feedPhase === 'aqueous') aIn += op.feed[i] as number;
        else oIn += op.feed[i] as number;
      }
      const mixerAqueous = Math.max(0, at(x, q) - (op.aqueousBypass[j] as number) * aIn);
      const mixerOrganic = Math.max(0, at(y, q) - (op.organicBypass[j] as number) * oIn);
      s.mix[q] = mixerAqueous / (qa[j] as number) + mixerOrganic / (qo[j] as number);
      s.sa[q] = at(x, q) / (kx[j] as number);
      s.so[q] = at(y, q) / (ky[j] as number);
    }
  }
}

/**
 * Scales every tank's content of each species named in `inventory` so that the cascade holds that amount
 * of it in all (the other species keep their amounts).
 * @throws ReesimError OUT_OF_RANGE when a species to be held is absent from the profile (nothing to scale)
 */
export function scaleInventory(
  species: readonly string[],
  inventory: Readonly<Record<string, number>>,
  s: DynamicState,
): void {
  const c = species.length;
  const held = new Float64Array(c);
  for (let q = 0; q < s.mix.length; q++) {
    const i = q % c;
    held[i] = (held[i] as number) + (s.mix[q] as number) + (s.sa[q] as number) + (s.so[q] as number);
  }
  const factor = Float64Array.from(species, (name, i) => {
    const want = inventory[name];
    if (want === undefined) return 1;
    const h = held[i] as number;
    if (want > 0 && !(h > 0))
      fail(
        'OUT_OF_RANGE',
        `options.startup.inventory.${name}`,
        want,
        `0 (the steady profile holds no ${name} to scale)`,
      );
    return h > 0 ? want / h : 0;
  });
  for (let q = 0; q < s.mix.length; q++) {
    const f = factor[q % c] as number;
    s.mix[q] = (s.mix[q] as number) * f;
    s.sa[q] = (s.sa[q] as number) * f;
    s.so[q] = (s.so[q] as number) * f;
  }
}

/** The steady state of `spec`, or why there is none (INFEASIBLE, NOT_CONVERGED or unconverged). */
export function steadyOf(spec: CascadeSpec): { steady?: CascadeResult; issue?: string } {
  try {
    const steady = simulateCascade(spec);
    if (steady.converged) return { steady };
    return { issue: `the steady solver did not converge (residual ${steady.residual})` };
  } catch (e) {
    if (!(e instanceof ReesimError) || (e.code !== 'INFEASIBLE' && e.code !== 'NOT_CONVERGED')) throw e;
    return { issue: e.message };
  }
}

/** Fills the tanks for the start-up policy and records the initial inventory. */
export function fill(
  startup: CascadeStartup,
  spec: CascadeSpec,
  p: NormalisedCascade,
  holdups: Holdups,
  op: OperatingPoint,
  s: DynamicState,
  initial: { steady?: CascadeResult; issue?: string } | undefined,
): void {
  const kind = typeof startup === 'string' ? startup : startup.kind;
  if (kind === 'feed' || kind === 'totalReflux') fillWithFeed(p, spec.feed.volume, holdups, s);
  if (kind === 'preloaded') {
    if (!initial?.steady)
      fail(
        'INFEASIBLE',
        'options.startup',
        'preloaded',
        `a cascade with a steady state to preload (${initial?.issue ?? 'none'})`,
      );
    preloadSteady(op, initial.steady, s);
    if (typeof startup === 'object' && startup.kind === 'preloaded' && startup.inventory)
      scaleInventory(p.species, startup.inventory, s);
  }
  takeInitialInventory(s, p.species.length);
}
