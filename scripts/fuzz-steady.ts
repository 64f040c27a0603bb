// Random testing of simulateCascade on saturated (Xu) cascades, outside CI (issue 12): the generator of
// test/sx/steadyFuzz.test.ts run over many more specs, with counts and solve-time percentiles.
//
//   npx tsx scripts/fuzz-steady.ts [count = 10000] [seed = 20261212]
//
// The family is the issue's: 2-17 species in order of extractability with β steps 1.02-10 between
// neighbours, a key pair at a random boundary (the A group above it goes to the organic product), a scrub
// reflux W = (1.05-20) × 1/(β_key − 1) per mol of feed (ree-data §3.6: W_min = 1/(β − 1)), an organic
// S = W + f_A·(1 + δ) (δ = 0: the knife-edge split of DESIGN.md "SX core v2"; otherwise |δ| 1e-6 to 0.1) at a
// loading of 0.18 mol/L, a scrub volume of W, 1-500 stages per section drawn log-uniformly, Murphree 0.5-1,
// entrainment 0-0.05, a pre-loaded organic (up to 0.3 S), a random feed stage and trace species (1e-12 to
// 1e-6 of the majors). The generator, the independent stage totals that classify a spec as feasible and the
// checks of a result are exported for the test; this file runs them only when executed.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { ReesimError } from '../src/core/errors.js';
import type { CascadeSpec } from '../src/sx/cascadeSpec.js';
import { separationFactors } from '../src/sx/equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../src/sx/steady/simulateCascade.js';

/** Species names in order of rising β (17 at most: the largest cascade). */
export const FUZZ_SPECIES = [
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Y',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Lu',
  'Sc',
  'Pm',
] as const;

/** Organic loading of the family, mol/L (ree-data §2.6: P507 1.5 M, 36 % saponified, / 3). */
export const FUZZ_LOADING = 0.18;

/** The random draws a spec is built from (kept so a failure can be read and replayed). */
export interface FuzzDraw {
  readonly logSteps: readonly number[];
  readonly weights: readonly number[];
  readonly boundary: number;
  readonly refluxFactor: number;
  readonly knife: number;
  readonly feedTotal: number;
  readonly murphree: number;
  readonly entrainment: { readonly aqueousInOrganic: number; readonly organicInAqueous: number } | null;
  readonly preload: { readonly share: number; readonly weights: readonly number[] } | null;
  readonly feedStageShare: number | null;
  readonly extraction: number;
  readonly scrub: number;
}

/** A generated case: the spec and what the generator meant by it. */
export interface FuzzCase {
  readonly spec: CascadeSpec;
  readonly draw: FuzzDraw;
  readonly species: readonly string[];
  /** Per-species input (feed + pre-loaded organic), mol/h. */
  readonly input: Readonly<Record<string, number>>;
  /** Organic load S = loading × O and reflux W, mol/h. */
  readonly S: number;
  readonly W: number;
}

/**
 * A real uniform on [min, max] (fast-check's `double` is uniform over the representable doubles, i.e. it
 * mostly draws numbers near 0 such as 1e-200; a grid of 2^30 points is uniform over the interval). fast-check's
 * bias still makes the end points and their neighbours more likely now and then.
 */
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);

/** A real log-uniform on [min, max]. */
const logUniform = (min: number, max: number) => uniform(Math.log(min), Math.log(max)).map(Math.exp);

/** An integer in [min, max] drawn log-uniformly. */
const logUniformInt = (min: number, max: number) =>
  logUniform(min, max + 1).map((v) => Math.min(max, Math.floor(v)));

/** A feed weight: a major (0.01-1) or, one time in seven, a trace (1e-12 to 1e-6). */
const weightArb = fc.oneof(
  { weight: 6, arbitrary: logUniform(0.01, 1) },
  { weight: 1, arbitrary: logUniform(1e-12, 1e-6) },
);

/**
 * The draws of one case. Stages per section are log-uniform on 1-500; the species count is log-uniform on
 * 2 to 17, or, with `maxWork`, to the largest count c with (n + m)·c² <= maxWork (a solve costs about
 * stages × species² to species³: the CI test keeps its 2,000 cases within a minute this way, and covers the
 * largest cascades with few species and the most species with fewer stages).
 */
export function fuzzDrawArb(options: { readonly maxWork?: number } = {}): fc.Arbitrary<FuzzDraw> {
  const maxWork = options.maxWork ?? Number.POSITIVE_INFINITY;
  return fc
    .tuple(logUniformInt(1, 500), logUniformInt(1, 500))
    .chain(([extraction, scrub]) =>
      logUniformInt(2, Math.max(2, Math.min(17, Math.floor(Math.sqrt(maxWork / (extraction + scrub)))))).map(
        (c) => ({ extraction, scrub, c }),
      ),
    )
    .chain(({ extraction, scrub, c }) =>
      fc
        .record({
          logSteps: fc.array(uniform(Math.log(1.02), Math.log(10)), { minLength: c - 1, maxLength: c - 1 }),
          // The key pair (the two species either side of the boundary) are majors; any other may be a trace.
          weightsAndBoundary: fc
            .tuple(fc.array(weightArb, { minLength: c, maxLength: c }), fc.integer({ min: 1, max: c - 1 }))
            .chain(([w, boundary]) =>
              fc.tuple(logUniform(0.01, 1), logUniform(0.01, 1)).map(([b, a]) => ({
                weights: w.map((x, k) => (k === boundary - 1 ? b : k === boundary ? a : x)),
                boundary,
              })),
            ),
          refluxFactor: logUniform(1.05, 20),
          knife: fc.oneof(
            fc.constant(0),
            fc.tuple(logUniform(1e-6, 0.1), fc.boolean()).map(([e, up]) => (up ? e : -e)),
          ),
          feedTotal: logUniform(1e-3, 1e3),
          murphree: fc.oneof(fc.constant(1), uniform(0.5, 1)),
          entrainment: fc.option(
            fc.record({ aqueousInOrganic: uniform(0, 0.05), organicInAqueous: uniform(0, 0.05) }),
          ),
          preload: fc.option(
            fc.record({
              share: uniform(0, 0.3),
              weights: fc.array(uniform(0, 1), { minLength: c, maxLength: c }),
            }),
          ),
          feedStageShare: fc.option(uniform(0, 1).map((u) => Math.min(u, 1 - 2 ** -30))),
        })
        .map(({ weightsAndBoundary, ...rest }) => ({ ...rest, ...weightsAndBoundary, extraction, scrub })),
    );
}

/** The cascade of a draw (see the header for the family). */
export function fuzzCase(d: FuzzDraw): FuzzCase {
  const c = d.weights.length;
  const species = FUZZ_SPECIES.slice(0, c);
  // β_k = exp(Σ steps), centred on their geometric mean so that 16 steps of 10 stay in [1e-8, 1e8].
  const logBeta = [0];
  for (const s of d.logSteps) logBeta.push((logBeta.at(-1) as number) + s);
  const mean = logBeta.reduce((a, b) => a + b, 0) / c;
  const beta = Object.fromEntries(species.map((s, k) => [s, Math.exp((logBeta[k] as number) - mean)]));
  const wSum = d.weights.reduce((a, b) => a + b, 0);
  const F = d.feedTotal;
  const feed = Object.fromEntries(species.map((s, k) => [s, (F * (d.weights[k] as number)) / wSum]));
  const fA = d.weights.slice(d.boundary).reduce((a, b) => a + b, 0) / wSum;
  const betaKey = Math.exp(d.logSteps[d.boundary - 1] as number);
  const W = (F * d.refluxFactor) / (betaKey - 1);
  const S = W + F * fA * (1 + d.knife);
  const organicVolume = S / FUZZ_LOADING;
  const preloadFlows = d.preload ? preloadOf(species, d.preload, S) : undefined;
  const total = d.extraction + d.scrub;
  const input = Object.fromEntries(species.map((s) => [s, (feed[s] as number) + (preloadFlows?.[s] ?? 0)]));
  const spec: CascadeSpec = {
    stages: { extraction: d.extraction, scrub: d.scrub },
    feed: {
      flows: feed,
      volume: F,
      ...(d.feedStageShare === null ? {} : { stage: 1 + Math.floor(d.feedStageShare * total) }),
    },
    organic: { volume: organicVolume, ...(preloadFlows ? { flows: preloadFlows } : {}) },
    scrub: { volume: W, reflux: W },
    equilibrium: separationFactors(beta, { loading: FUZZ_LOADING }),
    ...(d.murphree < 1 ? { efficiency: { murphree: d.murphree, phase: 'organic' as const } } : {}),
    ...(d.entrainment ? { entrainment: d.entrainment } : {}),
  };
  // What S = loading × O gives in floating point (the solver's S).
  return { spec, draw: d, species, input, S: FUZZ_LOADING * organicVolume, W };
}

function preloadOf(
  species: readonly string[],
  p: NonNullable<FuzzDraw['preload']>,
  S: number,
): Record<string, number> {
  const sum = p.weights.reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    species.map((s, k) => [s, sum > 0 ? (p.share * S * (p.weights[k] as number)) / sum : 0]),
  );
}

/** Generated cases (see {@link fuzzDrawArb} for `maxWork`). */
export function fuzzCaseArb(options: { readonly maxWork?: number } = {}): fc.Arbitrary<FuzzCase> {
  return fuzzDrawArb(options).map(fuzzCase);
}

/**
 * Rare-earth totals of every stage of a saturated cascade, from the physics alone (no reesim code): the
 * organic leaving stage j carries Y_j = (1 − E)·O_j + E·S (Murphree on the organic; the equilibrium organic
 * is saturated at S), O_j being its organic inflow (the organic from below less what it entrained down, plus
 * what the organic of the stage above entrained down: (1 − e_o)·Y_{j−1} + e_o·Y_{j+1}; the pre-loaded
 * organic P at stage 1). The aqueous total X_j then follows from each stage's balance
 * X_j + Y_j = O_j + (1 − e_a)·X_{j+1} + e_a·X_{j−1} + sources (feed; scrub reflux W at the top). Both systems
 * are tridiagonal.
 * A steady state needs X_j > 0 at every stage (the organic cannot take more than the aqueous brings) and
 * W < the loaded organic (1 − e_o)·Y_N + e_a·X_N (the reflux is part of it).
 */
export function stageTotals(
  N: number,
  feedStage: number,
  F: number,
  P: number,
  S: number,
  W: number,
  E: number,
  ea: number,
  eo: number,
): { X: Float64Array; Y: Float64Array; loaded: number } {
  // Organic: Y_j − (1−E)(1−e_o) Y_{j−1} − (1−E) e_o Y_{j+1} = E·S + (1−E)·P·[j = 1]
  const Y = solveBand(
    N,
    (j) => (j > 0 ? -(1 - E) * (1 - eo) : 0),
    () => 1,
    (j) => (j < N - 1 ? -(1 - E) * eo : 0),
    (j) => E * S + (j === 0 ? (1 - E) * P : 0),
  );
  const organicIn = (j: number) =>
    (j > 0 ? (1 - eo) * (Y[j - 1] as number) : P) + (j < N - 1 ? eo * (Y[j + 1] as number) : 0);
  // Aqueous: X_j − e_a X_{j−1} − (1 − e_a) X_{j+1} = O_j − Y_j + F·[feed] + W·[top]
  const X = solveBand(
    N,
    (j) => (j > 0 ? -ea : 0),
    () => 1,
    (j) => (j < N - 1 ? -(1 - ea) : 0),
    (j) => organicIn(j) - (Y[j] as number) + (j === feedStage - 1 ? F : 0) + (j === N - 1 ? W : 0),
  );
  return { X, Y, loaded: (1 - eo) * (Y[N - 1] as number) + ea * (X[N - 1] as number) };
}

/**
 * Solves a tridiagonal system a_j v_{j−1} + b_j v_j + c_j v_{j+1} = d_j by forward elimination and back
 * substitution (no pivoting: both systems are M-matrices with unit diagonal and off-diagonal rows summing
 * to at most 1, so every pivot stays in (0, 1]).
 */
function solveBand(
  N: number,
  a: (j: number) => number,
  b: (j: number) => number,
  c: (j: number) => number,
  d: (j: number) => number,
): Float64Array {
  const upper = new Float64Array(N);
  const rhs = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const pivot = b(j) - (j > 0 ? a(j) * (upper[j - 1] as number) : 0);
    upper[j] = c(j) / pivot;
    rhs[j] = (d(j) - (j > 0 ? a(j) * (rhs[j - 1] as number) : 0)) / pivot;
  }
  const v = new Float64Array(N);
  for (let j = N - 1; j >= 0; j--)
    v[j] = (rhs[j] as number) - (j < N - 1 ? (upper[j] as number) * (v[j + 1] as number) : 0);
  return v;
}

/** How the physics classifies a case: a steady state exists, none does (and why), or too close to tell. */
export type Feasibility =
  | { readonly kind: 'feasible'; readonly loaded: number }
  | { readonly kind: 'dry'; readonly stage: number }
  | { readonly kind: 'reflux'; readonly loaded: number }
  | { readonly kind: 'borderline' };

/** Margin (relative to what enters) within which a stage total or the reflux margin is too close to call. */
const BORDER = 1e-9;

export function feasibility(k: FuzzCase): Feasibility {
  const s = k.spec;
  const N = s.stages.extraction + (s.stages.scrub ?? 0);
  const P = Object.values(s.organic.flows ?? {}).reduce((a, b) => a + b, 0);
  const F = Object.values(s.feed.flows).reduce((a, b) => a + b, 0);
  const t = stageTotals(
    N,
    s.feed.stage ?? s.stages.extraction,
    F,
    P,
    k.S,
    k.W,
    s.efficiency?.murphree ?? 1,
    s.entrainment?.aqueousInOrganic ?? 0,
    s.entrainment?.organicInAqueous ?? 0,
  );
  const entering = F + P + k.W;
  let low = Number.POSITIVE_INFINITY;
  let lowStage = -1;
  t.X.forEach((x, j) => {
    if (x < low) {
      low = x;
      lowStage = j + 1;
    }
  });
  if (Math.abs(low) <= BORDER * entering) return { kind: 'borderline' };
  if (low < 0) return { kind: 'dry', stage: lowStage };
  if (Math.abs(t.loaded - k.W) <= BORDER * entering) return { kind: 'borderline' };
  if (k.W > t.loaded) return { kind: 'reflux', loaded: t.loaded };
  return { kind: 'feasible', loaded: t.loaded };
}

/** Recursively frozen copy check: freezes `v` in place so that any write by the code under test throws. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/** Every number of the outlets, the stage flows and the evidence (to check there is no NaN or Infinity). */
export function resultNumbers(r: CascadeResult): number[] {
  const outlets = [r.raffinate, r.loadedOrganic, r.product, ...r.draws];
  return [
    ...outlets.flatMap((o) => [...Object.values(o.flows), ...Object.values(o.purity), o.volume]),
    ...r.stageFlows.aqueous,
    ...r.stageFlows.organic,
    ...Object.values(r.toOrganic),
    r.residual,
    r.balanceError,
    r.iterations,
  ];
}

/** Problems with a solved feasible case (empty: sound). Each species balanced from the outlets, not from balanceError. */
export function resultProblems(k: FuzzCase, r: CascadeResult, loaded?: number): string[] {
  const problems: string[] = [];
  if (!r.converged) problems.push(`converged false (residual ${r.residual})`);
  const numbers = resultNumbers(r);
  if (numbers.some((v) => !Number.isFinite(v))) problems.push('a NaN or Infinity in the result');
  const outlets = [r.raffinate, r.loadedOrganic, r.product, ...r.draws];
  if (outlets.some((o) => Object.values(o.flows).some((v) => v < 0))) problems.push('a negative outlet flow');
  for (const s of k.species) {
    const input = k.input[s] as number;
    const out = (r.raffinate.flows[s] ?? Number.NaN) + (r.product.flows[s] ?? Number.NaN);
    const err = Math.abs(out - input) / input;
    if (!(err <= 1e-9)) problems.push(`${s} off balance by ${err.toExponential(2)} of its input ${input}`);
  }
  if (!(r.balanceError <= 1e-9)) problems.push(`balanceError ${r.balanceError}`);
  // The product total is the loaded organic less the reflux (stageTotals, from the physics alone).
  if (loaded !== undefined) {
    const product = Object.values(r.product.flows).reduce((a, b) => a + b, 0);
    const expected = loaded - k.W;
    if (!(Math.abs(product - expected) <= 1e-9 * (k.S + k.W)))
      problems.push(`product total ${product}, expected ${expected} (loaded ${loaded} − W ${k.W})`);
  }
  return problems;
}

/** Outcome of one case. */
export type FuzzOutcome =
  | { readonly kind: 'solved'; readonly ms: number; readonly iterations: number; readonly balance: number }
  | { readonly kind: 'unsound'; readonly ms: number; readonly problems: readonly string[] }
  | {
      readonly kind: 'NOT_CONVERGED';
      readonly ms: number;
      readonly message: string;
      readonly physics: Feasibility['kind'];
    }
  | { readonly kind: 'INFEASIBLE'; readonly ms: number; readonly path: string; readonly expected: boolean }
  | { readonly kind: 'error'; readonly ms: number; readonly message: string }
  | { readonly kind: 'mutated'; readonly ms: number };

/** Largest per-species balance error of a result, relative to each species' input. */
export function worstBalance(k: FuzzCase, r: CascadeResult): number {
  let worst = 0;
  for (const s of k.species) {
    const input = k.input[s] as number;
    const out = (r.raffinate.flows[s] ?? Number.NaN) + (r.product.flows[s] ?? Number.NaN);
    worst = Math.max(worst, Math.abs(out - input) / input);
  }
  return worst;
}

/** Runs one case and classifies what happened (INFEASIBLE is `expected` when the physics says so). */
export function runCase(k: FuzzCase): FuzzOutcome {
  const before = JSON.stringify(k.spec);
  const f = feasibility(k);
  const t0 = performance.now();
  let r: CascadeResult;
  try {
    r = simulateCascade(k.spec);
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof ReesimError && e.code === 'NOT_CONVERGED')
      return { kind: 'NOT_CONVERGED', ms, message: e.message, physics: f.kind };
    if (e instanceof ReesimError && e.code === 'INFEASIBLE')
      return { kind: 'INFEASIBLE', ms, path: e.path, expected: f.kind !== 'feasible' };
    return { kind: 'error', ms, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  const ms = performance.now() - t0;
  if (JSON.stringify(k.spec) !== before) return { kind: 'mutated', ms };
  if (f.kind === 'dry' || f.kind === 'reflux')
    return {
      kind: 'unsound',
      ms,
      problems: [`solved a case the physics says has no steady state (${f.kind})`],
    };
  const problems = resultProblems(k, r, f.kind === 'feasible' ? f.loaded : undefined);
  if (problems.length > 0) return { kind: 'unsound', ms, problems };
  return { kind: 'solved', ms, iterations: r.iterations, balance: worstBalance(k, r) };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function main(): void {
  const count = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? 20261212);
  if (!(Number.isInteger(count) && count > 0) || !Number.isInteger(seed))
    throw new Error('usage: npx tsx scripts/fuzz-steady.ts [count] [seed]');
  const cases = fc.sample(fuzzCaseArb(), { numRuns: count, seed });
  const tally = {
    solved: 0,
    NOT_CONVERGED: 0,
    INFEASIBLE_expected: 0,
    INFEASIBLE_unexpected: 0,
    unsound: 0,
    mutated: 0,
    otherError: 0,
  };
  const times: number[] = [];
  let worst = 0;
  const start = performance.now();
  cases.forEach((k, index) => {
    const o = runCase(k);
    times.push(o.ms);
    if (o.kind === 'solved') {
      tally.solved++;
      worst = Math.max(worst, o.balance);
    } else if (o.kind === 'INFEASIBLE') {
      if (o.expected) tally.INFEASIBLE_expected++;
      else tally.INFEASIBLE_unexpected++;
    } else if (o.kind === 'NOT_CONVERGED') tally.NOT_CONVERGED++;
    else if (o.kind === 'unsound') tally.unsound++;
    else if (o.kind === 'mutated') tally.mutated++;
    else tally.otherError++;
    if (o.kind !== 'solved' && !(o.kind === 'INFEASIBLE' && o.expected)) {
      console.log(`case ${index}: ${JSON.stringify(o)}`);
      console.log(`  draw ${JSON.stringify(k.draw)}`);
    }
  });
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`seed ${seed}, ${count} specs, ${((performance.now() - start) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(tally));
  console.log(`largest per-species balance error of a solved case: ${worst.toExponential(2)}`);
  console.log(
    `solve time ms: p50 ${percentile(sorted, 0.5).toFixed(2)}, p90 ${percentile(sorted, 0.9).toFixed(2)}, ` +
      `p99 ${percentile(sorted, 0.99).toFixed(1)}, max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
