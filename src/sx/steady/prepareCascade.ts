/**
 * A linear cascade checked once and solved many times (design loops, sweeps, Monte Carlo).
 */

import { fail } from '../../core/errors.js';
import { lasting } from '../../core/scratch.js';
import { type CascadeSpec, type NormalisedCascade, normaliseCascade } from '../cascadeSpec.js';
import type { EquilibriumModel } from '../equilibrium/equilibrium.js';
import { applyChanges, type CascadeChanges, type SolveInputs } from './cascadeChanges.js';
import { type RunLayout, type RunState, runLayout, runState, setSources, sweepRuns } from './linearRuns.js';
import { type SpeciesLayout, solveAll, speciesLayout, speciesWork } from './speciesSolve.js';

/** What one solve of a {@link PreparedCascade} returns: amounts per unit time by species, in `species` order. */
export interface PreparedSolution {
  /** Aqueous leaving stage 1 (with any organic entrained in it). */
  readonly raffinate: Float64Array;
  /** Organic leaving the last stage (with any aqueous entrained in it): the product (no reflux). */
  readonly loadedOrganic: Float64Array;
  /** What each side draw takes, in the spec's order of `draws`. */
  readonly draws: readonly Float64Array[];
  /** Each species' balance error: |in − out| / max(in, out) (0 for a species that neither enters nor leaves). */
  readonly balanceError: Float64Array;
  /** Every species balances to 1e-9 of its input or output. */
  readonly converged: boolean;
  /** Solves it took (a linear cascade is solved directly: 1). */
  readonly iterations: number;
}

/** A cascade checked and laid out once by {@link prepareCascade}; `solve` takes what changed. */
export interface PreparedCascade {
  /** Species in the order of every array of a solution (and of array-valued changes). */
  readonly species: readonly string[];
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /**
   * Solves the cascade with `changes` (absent: as prepared). Each call starts from the prepared spec:
   * changes do not carry over to the next call.
   * @throws ReesimError for a bad change (code, path under `changes`, value, what is allowed); `INFEASIBLE`
   *   when a draw by volume takes all of its phase's new flow
   */
  solve(changes?: CascadeChanges): PreparedSolution;
}

/** The largest species-balance error (relative to the species' own input or output) of a converged solve. */
const BALANCE_LIMIT = 1e-9;

/** The model of every stage, checked to be linear (distribution ratios, no loading capacity). */
function linearModel(path: string, m: EquilibriumModel): Readonly<Record<string, number>> {
  if (m.kind !== 'distribution')
    fail(
      'NOT_SUPPORTED',
      `${path}.kind`,
      m.kind,
      "'distribution' (linear stages; simulateCascade solves the other models)",
    );
  if (m.capacity !== undefined)
    fail(
      'NOT_SUPPORTED',
      `${path}.capacity`,
      m.capacity,
      'no loading capacity (linear stages; simulateCascade solves the Langmuir model)',
    );
  return m.D;
}

/** What the prepared cascade keeps: its structure, its inputs as given and the work arrays of a solve. */
interface Prepared {
  readonly p: NormalisedCascade;
  readonly runs: RunLayout;
  readonly state: RunState;
  readonly base: SolveInputs;
  readonly inputs: SolveInputs;
  readonly index: ReadonlyMap<string, number>;
  readonly hasScrub: boolean;
  /** Side draws as specified: fraction, or volume (a fraction of each solve's flow). */
  readonly draws: readonly { readonly fraction?: number; readonly volume?: number }[];
  /** Run of each run's aqueous and organic draw (index into `draws`), −1 where none. */
  readonly aqueousDraw: Int32Array;
  readonly organicDraw: Int32Array;
  /** Murphree efficiency or entrainment: the general species solve on stage-major ratios. */
  readonly general?: {
    readonly layout: SpeciesLayout;
    readonly K: Float64Array;
    readonly x: Float64Array;
    readonly y: Float64Array;
    readonly keep: Float64Array;
    readonly work: ReturnType<typeof speciesWork>;
  };
  /** Scalar sweep: each run's first-stage aqueous amounts and the elimination's work. */
  readonly first: Float64Array;
  readonly m: Float64Array;
  readonly s: Float64Array;
}

/**
 * Checks and lays out a linear cascade once, for many solves with new feed amounts, volume flows or
 * distribution ratios.
 *
 * **What it is for.** A design loop, a parameter sweep or a Monte Carlo study solves one cascade thousands of
 * times with a few inputs changed. {@link reesim!simulateCascade | simulateCascade} checks and normalises the
 * whole spec, solves, and builds a full result (records, purities, stage profiles) on every call; a prepared
 * cascade does the first once, and each `solve` checks only what changed, forms each run of identical stages'
 * distribution ratios (K = D·O/A) inside a sweep species by species, and returns typed arrays: the outlets,
 * each species' balance error and the convergence flag. The amounts are those simulateCascade gives for the
 * same inputs (the same elimination: equal to round-off).
 *
 * **Model.** Equilibrium (or Murphree) stages with constant distribution ratios
 * ({@link reesim!distribution | distribution} without a loading capacity), per section; side draws, a feed at
 * any stage in either phase, pre-loaded organic, scrub amounts and entrainment as in {@link CascadeSpec}. Not
 * supported (`NOT_SUPPORTED` from this function; use simulateCascade): the separation-factor, Langmuir and
 * pH-dependent models, product reflux, acid scrub and strip sections.
 *
 * **The user specifies** the spec (as for simulateCascade) and, per solve, what changed
 * ({@link CascadeChanges}): feed amounts, feed, organic or scrub volume flow, distribution ratios of every
 * stage or of the scrub section. **Units:** those of the spec (amounts and volume flows per unit time).
 * Cost per solve: stages × species, about the arithmetic of a bare tridiagonal solve (bench/README.md).
 *
 * The prepared cascade keeps work arrays between solves: use it from one thread (prepare it in each worker;
 * the spec, not the prepared cascade, crosses threads). Solutions are fresh arrays the caller may keep.
 *
 * @throws ReesimError for an invalid spec (as simulateCascade), `NOT_SUPPORTED` for a model or option
 *   above
 * @example
 * ```ts
 * // One stage, equal volumes: D = 1 extracts half; D = 3 three quarters.
 * const cascade = prepareCascade({
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1, B: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: distribution({ A: 1, B: 3 }),
 * });
 * cascade.species; // ['A', 'B']
 * const r = cascade.solve();
 * r.loadedOrganic[1]; // 0.75
 * r.converged; // true
 * // New feed amounts (by name or as an array in species order) and a doubled organic flow:
 * const s = cascade.solve({ feed: { A: 2 }, organicVolume: 2 });
 * s.loadedOrganic[0]; // 1.3333
 * s.raffinate[1]; // 0.1429
 * s.balanceError[0] <= 1e-15; // true
 * ```
 */
export function prepareCascade(spec: CascadeSpec): PreparedCascade {
  const p = normaliseCascade(spec);
  const bySection = !('kind' in spec.equilibrium);
  const extractionD = linearModel(
    bySection ? 'cascade.equilibrium.extraction' : 'cascade.equilibrium',
    p.models[0] as EquilibriumModel,
  );
  const scrubD = linearModel(
    bySection ? 'cascade.equilibrium.scrub' : 'cascade.equilibrium',
    p.models[p.total - 1] as EquilibriumModel,
  );
  if (p.reflux > 0)
    fail(
      'NOT_SUPPORTED',
      'cascade.scrub.reflux',
      p.reflux,
      '0 (no product reflux; simulateCascade solves reflux)',
    );
  if (p.strip)
    fail(
      'NOT_SUPPORTED',
      'cascade.strip',
      spec.strip,
      'no strip section (simulateCascade solves strip sections)',
    );
  // Kept between solves: never from a scratch scope's reused memory.
  const prepared = lasting(() => prepare(p, spec, extractionD, scrubD));
  return {
    species: p.species,
    stages: { extraction: p.extraction, scrub: p.scrub, total: p.total },
    solve: (changes?: CascadeChanges) => solvePrepared(prepared, changes),
  };
}

function prepare(
  p: NormalisedCascade,
  spec: CascadeSpec,
  extractionD: Readonly<Record<string, number>>,
  scrubD: Readonly<Record<string, number>>,
): Prepared {
  const c = p.species.length;
  const N = p.total;
  const runs = runLayout(p);
  const inputsOf = (): SolveInputs => ({
    feed: Float64Array.from(p.feed),
    extractionD: Float64Array.from(p.species, (s) => extractionD[s] as number),
    scrubD: Float64Array.from(p.species, (s) => scrubD[s] as number),
    feedVolume: spec.feed.volume,
    organicVolume: spec.organic.volume,
    scrubVolume: spec.scrub?.volume ?? 0,
  });
  const aqueousDraw = new Int32Array(runs.count).fill(-1);
  const organicDraw = new Int32Array(runs.count).fill(-1);
  p.draws.forEach((d, k) => {
    (d.phase === 'aqueous' ? aqueousDraw : organicDraw)[runs.drawRun[k] as number] = k;
  });
  const scalar = p.murphree === 1 && p.entrainAqueous === 0 && p.entrainOrganic === 0;
  return {
    p,
    runs,
    state: runState(runs),
    base: inputsOf(),
    inputs: inputsOf(),
    index: new Map(p.species.map((s, i) => [s, i])),
    hasScrub: spec.scrub !== undefined,
    draws: (spec.draws ?? []).map((d) => ({ ...d })),
    aqueousDraw,
    organicDraw,
    ...(scalar
      ? {}
      : {
          general: {
            layout: speciesLayout(p),
            K: new Float64Array(N * c),
            x: new Float64Array(N * c),
            y: new Float64Array(N * c),
            keep: new Float64Array(c).fill(1),
            work: speciesWork(N, c),
          },
        }),
    first: new Float64Array(runs.count * c),
    m: new Float64Array(N),
    s: new Float64Array(N),
  };
}

/** The fraction a draw takes of `flow` (a draw by volume: its share of this solve's flow). */
function drawFraction(P: Prepared, k: number, flow: number): number {
  const d = P.draws[k] as { readonly fraction?: number; readonly volume?: number };
  if (d.fraction !== undefined) return d.fraction;
  const v = d.volume as number;
  if (!(v < flow))
    fail(
      'INFEASIBLE',
      `cascade.draws[${k}].volume`,
      v,
      `a volume below the ${P.p.draws[k]?.phase} flow there (${flow})`,
    );
  return v / flow;
}

/** Each run's volume flows, pass shares, ratios and sources for this solve's inputs. */
function fillRuns(P: Prepared, inp: SolveInputs): void {
  const { p, runs, state } = P;
  const { count, c, scrub, feedRun } = runs;
  const { aqueous, organic, passDown, passUp, K } = state;
  // Aqueous from the top down, organic from the bottom up (as the spec's normalisation does).
  let A = inp.scrubVolume;
  for (let r = count - 1; r >= 0; r--) {
    if (r === feedRun && p.feedPhase === 'aqueous') A += inp.feedVolume;
    aqueous[r] = A;
    const k = P.aqueousDraw[r] as number;
    if (k >= 0) {
      const f = drawFraction(P, k, A);
      passDown[r] = 1 - f;
      A *= 1 - f;
    }
  }
  let O = inp.organicVolume;
  for (let r = 0; r < count; r++) {
    if (r === feedRun && p.feedPhase === 'organic') O += inp.feedVolume;
    organic[r] = O;
    const k = P.organicDraw[r] as number;
    if (k >= 0) {
      const f = drawFraction(P, k, O);
      passUp[r] = 1 - f;
      O *= 1 - f;
    }
  }
  for (let r = 0; r < count; r++) {
    const D = scrub[r] ? inp.scrubD : inp.extractionD;
    const a = aqueous[r] as number;
    const o = organic[r] as number;
    for (let i = 0; i < c; i++) K[r * c + i] = ((D[i] as number) * o) / a;
  }
  setSources(runs, state, p.feedPhase, inp.feed, p.organicIn, p.scrubIn);
}

/** Murphree stages or entrainment: the general species solve, its layout's sources and draws refreshed. */
function solveGeneral(
  P: Prepared,
  G: NonNullable<Prepared['general']>,
  inp: SolveInputs,
  raffinate: Float64Array,
  loaded: Float64Array,
  draws: Float64Array[],
): void {
  const { p, runs, state } = P;
  const { N, c, count, start } = runs;
  const L = G.layout;
  L.sourceAqueous.fill(0);
  L.sourceOrganic.fill(0);
  const add = (arr: Float64Array, stage: number, v: ArrayLike<number>) => {
    const o = (L.sourceRow[stage] as number) * c;
    for (let i = 0; i < c; i++) arr[o + i] = (arr[o + i] as number) + (v[i] as number);
  };
  add(L.sourceAqueous, N - 1, p.scrubIn);
  add(L.sourceOrganic, 0, p.organicIn);
  add(p.feedPhase === 'aqueous' ? L.sourceAqueous : L.sourceOrganic, p.feedStage, inp.feed);
  for (let r = 0; r < count; r++) {
    const j0 = start[r] as number;
    if (!L.undrawn) {
      L.passDown[j0] = state.passDown[r] as number;
      L.passUp[j0] = state.passUp[r] as number;
    }
    const k = state.K.subarray(r * c, r * c + c);
    for (let j = j0; j < (start[r + 1] as number); j++) G.K.set(k, j * c);
  }
  solveAll(L, G.K, G.keep, G.x, G.y, G.work);
  const ea = p.entrainAqueous;
  const eo = p.entrainOrganic;
  const down = (j: number, i: number) =>
    (1 - ea) * (G.x[j * c + i] as number) + eo * (G.y[j * c + i] as number);
  const up = (j: number, i: number) =>
    (1 - eo) * (G.y[j * c + i] as number) + ea * (G.x[j * c + i] as number);
  for (let i = 0; i < c; i++) {
    raffinate[i] = down(0, i);
    loaded[i] = up(N - 1, i);
  }
  p.draws.forEach((d, k) => {
    const r = runs.drawRun[k] as number;
    const f = 1 - ((d.phase === 'aqueous' ? state.passDown : state.passUp)[r] as number);
    const out = draws[k] as Float64Array;
    for (let i = 0; i < c; i++) out[i] = f * (d.phase === 'aqueous' ? down(d.stage, i) : up(d.stage, i));
  });
}

function solvePrepared(P: Prepared, changes: CascadeChanges | undefined): PreparedSolution {
  const { p, runs, state, base, inputs: inp } = P;
  const { c, topRun } = runs;
  inp.feed.set(base.feed);
  inp.extractionD.set(base.extractionD);
  inp.scrubD.set(base.scrubD);
  inp.feedVolume = base.feedVolume;
  inp.organicVolume = base.organicVolume;
  inp.scrubVolume = base.scrubVolume;
  applyChanges(changes, p.species, P.index, P.hasScrub, inp);
  fillRuns(P, inp);
  const raffinate = new Float64Array(c);
  const loaded = new Float64Array(c);
  const draws: Float64Array[] = [];
  for (let k = 0; k < p.draws.length; k++) draws.push(new Float64Array(c));
  if (P.general) solveGeneral(P, P.general, inp, raffinate, loaded, draws);
  else {
    const first = P.first;
    sweepRuns(runs, state, first, P.m, P.s);
    for (let i = 0; i < c; i++) {
      raffinate[i] = first[i] as number;
      loaded[i] = (state.K[topRun * c + i] as number) * (first[topRun * c + i] as number);
    }
    p.draws.forEach((d, k) => {
      const r = runs.drawRun[k] as number;
      const out = draws[k] as Float64Array;
      if (d.phase === 'aqueous') {
        const f = 1 - (state.passDown[r] as number);
        for (let i = 0; i < c; i++) out[i] = f * (first[r * c + i] as number);
      } else {
        const f = 1 - (state.passUp[r] as number);
        for (let i = 0; i < c; i++)
          out[i] = f * ((state.K[r * c + i] as number) * (first[r * c + i] as number));
      }
    });
  }
  return finish(P, inp, raffinate, loaded, draws);
}

/** Each species' balance and the verdict: NaN or Infinity never leaves; an unbalanced solve is flagged or thrown. */
function finish(
  P: Prepared,
  inp: SolveInputs,
  raffinate: Float64Array,
  loaded: Float64Array,
  draws: Float64Array[],
): PreparedSolution {
  const { p } = P;
  const c = raffinate.length;
  const balanceError = new Float64Array(c);
  let worst = 0;
  for (let i = 0; i < c; i++) {
    const input = (inp.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number);
    let out = (raffinate[i] as number) + (loaded[i] as number);
    for (const d of draws) out += d[i] as number;
    const scale = Math.max(input, out);
    const e = scale > 0 ? Math.abs(input - out) / scale : out === 0 ? 0 : Number.NaN;
    if (!Number.isFinite(e))
      fail('BALANCE_VIOLATION', `cascade.species.${p.species[i]}`, out, 'finite outlet amounts (a bug)');
    balanceError[i] = e;
    if (e > worst) worst = e;
  }
  const converged = worst <= BALANCE_LIMIT;
  if (!converged && p.onNonConvergence === 'throw')
    fail('NOT_CONVERGED', 'cascade', worst, `every species balanced to ${BALANCE_LIMIT} of its input`);
  return { raffinate, loadedOrganic: loaded, draws, balanceError, converged, iterations: 1 };
}
