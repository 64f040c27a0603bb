/**
 * The parallelization study as one model (`parallel-lines`): a base Pr/Nd-type line and the five ways of
 * raising its output (src/study/parallelTrains.ts), each measured by `evaluateLine`
 * (src/study/lineMetrics.ts). One implementation for the API, the scenario files, the CLI and the
 * playground's "Parallelization" view.
 */
import { fail, type Issue, ReesimError } from '../core/errors.js';
import { finite, knownKeys, oneOf, optional, positive, record } from '../core/validate.js';
import { checkDesignRequest, type DesignRequest } from '../sx/design/designCascade.js';
import { type ExtractantData, findSystem, separationFactorModel } from '../sx/equilibrium/extractants.js';
import { FEED_UNITS, type FeedUnit, molPerHour } from '../sx/flowUnits.js';
import { evaluateLine, type LineMetrics } from './lineMetrics.js';
import {
  type BaseLine,
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  fixedOrganicTrain,
  type LineOption,
  type LineVariant,
  largerTrain,
  organicCeiling,
  parallelTrains,
  splitTrains,
} from './parallelTrains.js';

/** The lines of the study in the order of a result: the base line, then the ways (a) to (e). */
export const LINE_VARIANTS = ['base', 'a', 'b', 'c', 'd', 'e'] as const satisfies readonly LineVariant[];

/** Most entries of a start-up's `lines` (each line twice). */
export const MAX_STARTUP_LINES = 12;

/** Start-up runs of {@link parallelLines}: one feed-filled start-up of one train of each line named. */
export interface ParallelLinesStartup {
  /** Simulated time of each run, hours (in (0, 1e6]; 50,000 h in example 03). */
  readonly hours: number;
  /**
   * Sampling interval of the outlets, hours: the resolution of the start-up times (in [hours/1e5, hours]).
   */
  readonly sampleEvery: number;
  /** The lines whose train is started (default every line built). */
  readonly lines?: readonly LineVariant[];
}

/** What the user specifies for {@link parallelLines}. */
export interface ParallelLinesRequest {
  /** Feed of the base train: the amount per hour of each of two rare earths, in `unit`. */
  readonly feed: Readonly<Record<string, number>>;
  /** Unit of the feed amounts (see {@link "reesim/sx"!molPerHour | molPerHour}): converted to kmol/h. */
  readonly unit: FeedUnit;
  /** Feed volume flow of the base train, m³/h (kmol/m³ = mol/L, the extractant's loading unit). */
  readonly feedVolume: number;
  /** Extractant system of the built-in tables, or an alias (default 'P507'). */
  readonly system?: string;
  /**
   * Purity targets in (0.5, 1): the more extractable element in the organic product, the other in the
   * raffinate.
   */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Output factor of ways (a), (b), (c) and (e): an integer in [2, 1000]. */
  readonly k: number;
  /** Feed factor of way (d), in (1, 1000]: (d) cannot be built at or above the organic ceiling. */
  readonly f: number;
  /** β of the key pair with the better extractant of way (e), in (1, 1000]. */
  readonly beta: number;
  /**
   * The strip section designed with every train ({@link reesim!designCascade | designCascade}'s `strip`;
   * default `{}`, its defaults).
   */
  readonly strip?: DesignRequest['strip'];
  /** Start-up runs (default none; the base train's feed-filled start-up takes about 4 s at 50,000 h). */
  readonly startup?: ParallelLinesStartup;
}

/** A line that cannot be built or evaluated (way (d) at or above the ceiling, ...): why, as data. */
export interface LineFailure {
  readonly variant: LineVariant;
  readonly label: string;
  /** The error's code (a ReesimError code, else the error's name) and message. */
  readonly code: string;
  readonly error: string;
}

/**
 * Result of {@link parallelLines}. Amounts in kmol/h (as oxides in kg/h), volumes in m³/h and m³, times in h.
 */
export interface ParallelLines {
  /**
   * The extractant system (its table name) and the key pair: A to the organic product, B to the raffinate.
   */
  readonly system: string;
  readonly keys: { readonly A: string; readonly B: string };
  /** The purity targets of every line: A in the organic product, B in the raffinate. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** The factors the ways were built with. */
  readonly factors: { readonly k: number; readonly f: number; readonly beta: number };
  /** The base train's design: stages, S and W (mol per mol feed), organic flow (m³/h), β of the key pair. */
  readonly base: {
    readonly stages: { readonly extraction: number; readonly scrub: number; readonly strip: number };
    readonly organicLoad: number;
    readonly scrubLoad: number;
    readonly organicVolume: number;
    readonly beta: number;
  };
  /**
   * The largest feed factor of way (d) at the base organic flow, with any number of stages
   * ({@link organicCeiling}).
   */
  readonly ceiling: number;
  /** The base line, then (a) to (e): each line's metrics, or why it cannot be built. */
  readonly lines: readonly (LineMetrics | LineFailure)[];
  /**
   * Evidence over the lines built: every steady solve converged, the largest Newton residual, relative
   * species-balance error and start-up inventory error (0 without start-ups), and how many lines failed.
   */
  readonly evidence: {
    readonly converged: boolean;
    readonly residual: number;
    readonly balanceError: number;
    readonly startupBalanceError: number;
    readonly failed: number;
  };
}

/** Progress of {@link parallelLines}: `done` of `total` lines evaluated. */
export interface ParallelLinesHooks {
  readonly onProgress?: (done: number, total: number) => void;
}

const FN = 'parallelLines';

type Strip = NonNullable<DesignRequest['strip']>;

/** The request, checked, in the study's units (kmol/h, m³/h). */
interface Checked {
  readonly system: ExtractantData;
  readonly feed: Record<string, number>;
  readonly feedVolume: number;
  readonly purity: { readonly organic: number; readonly aqueous: number };
  readonly k: number;
  readonly f: number;
  readonly beta: number;
  readonly strip: Strip;
  readonly startup: { readonly hours: number; readonly sampleEvery: number; readonly lines: LineVariant[] };
}

/** A number in (lo, hi]. */
function above(key: string, value: unknown, lo: number, hi: number): number {
  const x = finite(`${FN}.${key}`, value);
  if (!(x > lo && x <= hi)) fail('OUT_OF_RANGE', `${FN}.${key}`, x, `a number in (${lo}, ${hi}]`);
  return x;
}

/** A required field of `q` (at `at`), or MISSING. */
function required(at: string, q: Record<string, unknown>, key: string, expected: string): unknown {
  if (q[key] === undefined) fail('MISSING', `${at}.${key}`, undefined, expected);
  return q[key];
}

/** The two elements, in the system's order of extractability, converted to kmol/h. */
function readFeed(
  q: Record<string, unknown>,
  system: ExtractantData,
  unit: FeedUnit,
): Record<string, number> {
  const given = record(
    `${FN}.feed`,
    required(FN, q, 'feed', `two elements -> ${unit}`),
    `two elements -> ${unit}`,
  );
  const order = system.order as readonly string[];
  for (const [e, v] of Object.entries(given)) {
    const at = `${FN}.feed.${e}`;
    if (!order.includes(e))
      fail('UNKNOWN_KEY', at, e, `an element of the ${system.name} chain (${order.join(', ')})`);
    const x = positive(at, v);
    if (x > 1e12) fail('OUT_OF_RANGE', at, x, 'an amount in (0, 1e12]');
  }
  const elements = order.filter((e) => Object.hasOwn(given, e));
  if (elements.length !== 2)
    fail('NOT_SUPPORTED', `${FN}.feed`, Object.keys(given), 'exactly two elements (a one-cut study)');
  return Object.fromEntries(elements.map((e) => [e, ((given[e] as number) * molPerHour(unit, e)) / 1000]));
}

function readPurity(value: unknown): Checked['purity'] {
  const p = record(`${FN}.purity`, value, '{ organic, aqueous }');
  knownKeys(`${FN}.purity`, p, ['organic', 'aqueous']);
  const one = (key: 'organic' | 'aqueous') => {
    const x = finite(`${FN}.purity.${key}`, required(`${FN}.purity`, p, key, 'a purity in (0.5, 1)'));
    if (!(x > 0.5 && x < 1)) fail('OUT_OF_RANGE', `${FN}.purity.${key}`, x, 'a purity in (0.5, 1)');
    return x;
  };
  return { organic: one('organic'), aqueous: one('aqueous') };
}

function readStartup(value: unknown): Checked['startup'] {
  const none = { hours: 0, sampleEvery: 0, lines: [] };
  return optional(value, none, (v) => {
    const s = record(`${FN}.startup`, v, '{ hours, sampleEvery, lines? }');
    knownKeys(`${FN}.startup`, s, ['hours', 'sampleEvery', 'lines']);
    const hours = finite(`${FN}.startup.hours`, required(`${FN}.startup`, s, 'hours', 'hours in (0, 1e6]'));
    if (!(hours > 0 && hours <= 1e6)) fail('OUT_OF_RANGE', `${FN}.startup.hours`, hours, 'hours in (0, 1e6]');
    const every = finite(`${FN}.startup.sampleEvery`, required(`${FN}.startup`, s, 'sampleEvery', 'hours'));
    if (!(every >= hours / 1e5 && every <= hours))
      fail('OUT_OF_RANGE', `${FN}.startup.sampleEvery`, every, `hours in [${hours / 1e5}, ${hours}]`);
    const lines = optional(s.lines, [...LINE_VARIANTS] as LineVariant[], (l) => {
      if (!Array.isArray(l))
        fail('INVALID_TYPE', `${FN}.startup.lines`, l, `an array of ${LINE_VARIANTS.join(', ')}`);
      if (l.length > MAX_STARTUP_LINES)
        fail('OUT_OF_RANGE', `${FN}.startup.lines`, l.length, `at most ${MAX_STARTUP_LINES} lines`);
      return l.map((x, i): LineVariant => oneOf(`${FN}.startup.lines[${i}]`, x, LINE_VARIANTS));
    });
    return { hours, sampleEvery: every, lines };
  });
}

/** An error of designCascade's checks, its paths moved from designCascade's root to this function's. */
function asOurs(e: unknown): unknown {
  if (!(e instanceof ReesimError)) return e;
  const move = (i: Issue): Issue => ({ ...i, path: i.path.replace(/^designCascade/, FN) });
  const [first = e, ...rest] = e.issues;
  return new ReesimError(move(first), rest.map(move));
}

function readRequest(request: unknown): Checked {
  const q = record(FN, request, 'a parallel-lines request');
  knownKeys(FN, q, ['feed', 'unit', 'feedVolume', 'system', 'purity', 'k', 'f', 'beta', 'strip', 'startup']);
  const system = findSystem(
    `${FN}.system`,
    optional(q.system, 'P507', (v) => v),
  );
  const unit = oneOf(`${FN}.unit`, required(FN, q, 'unit', FEED_UNITS.join(', ')), FEED_UNITS);
  const feed = readFeed(q, system, unit);
  const feedVolume = positive(`${FN}.feedVolume`, required(FN, q, 'feedVolume', 'm³/h in (0, 1e12]'));
  if (feedVolume > 1e12) fail('OUT_OF_RANGE', `${FN}.feedVolume`, feedVolume, 'm³/h in (0, 1e12]');
  const purity = readPurity(required(FN, q, 'purity', '{ organic, aqueous }'));
  const k = finite(`${FN}.k`, required(FN, q, 'k', 'an integer in [2, 1000]'));
  if (!(Number.isInteger(k) && k >= 2 && k <= 1000))
    fail('OUT_OF_RANGE', `${FN}.k`, k, 'an integer in [2, 1000]');
  const f = above('f', required(FN, q, 'f', 'a factor in (1, 1000]'), 1, 1000);
  const beta = above('beta', required(FN, q, 'beta', 'a separation factor in (1, 1000]'), 1, 1000);
  // (e) is a better extractant: one whose separation factor is above the system's own for this pair (at or
  // below it, (e) is way (b) or a worse train, presented as a way of raising output).
  const own = pairBeta(modelOf(system, feed));
  if (!(beta > own))
    fail(
      'OUT_OF_RANGE',
      `${FN}.beta`,
      beta,
      `a separation factor above ${system.name}'s own for the pair (${own})`,
    );
  const strip = optional(
    q.strip,
    {} as Strip,
    (v) => record(`${FN}.strip`, v, 'a strip design (see designCascade)') as Strip,
  );
  const startup = readStartup(q.startup);
  // The base design's request (feed, model, purities, strip section), checked without designing.
  try {
    checkDesignRequest({ feed, equilibrium: modelOf(system, feed), purity, feedVolume, strip });
  } catch (e) {
    throw asOurs(e);
  }
  return { system, feed, feedVolume, purity, k, f, beta, strip, startup };
}

function modelOf(system: ExtractantData, feed: Record<string, number>) {
  return separationFactorModel(system.name, Object.keys(feed));
}

/** The pair's separation factor in a two-element separation-factor model (the larger β over the smaller). */
function pairBeta(model: ReturnType<typeof modelOf>): number {
  const betas = Object.values(model.beta);
  return Math.max(...betas) / Math.min(...betas);
}

/**
 * Checks a parallel-lines request without designing: every field, the feed's two elements against the
 * system's chain, and the base design's request (what {@link parallelLines} checks first; the scenario
 * loader runs it).
 *
 * @throws ReesimError at the first problem
 * @example
 * ```ts
 * const request = {
 *   feed: { Pr: 1.3247, Nd: 3.7062 },
 *   unit: 'kmol/h',
 *   feedVolume: 5.0309,
 *   purity: { organic: 0.999, aqueous: 0.999 },
 *   k: 1,
 *   f: 1.25,
 *   beta: 1.7,
 * } as const;
 * try {
 *   checkParallelLinesRequest(request);
 * } catch (e) {
 *   if (!(e instanceof ReesimError)) throw e;
 *   e.path; // 'parallelLines.k'
 * }
 * ```
 */
export function checkParallelLinesRequest(request: ParallelLinesRequest): void {
  readRequest(request);
}

/** A line option, or why it cannot be built (the message of the builder's error). */
function attempt(variant: LineVariant, label: string, build: () => LineOption): LineOption | LineFailure {
  try {
    return build();
  } catch (e) {
    return failure(variant, label, e);
  }
}

function failure(variant: LineVariant, label: string, e: unknown): LineFailure {
  if (e instanceof ReesimError) return { variant, label, code: e.code, error: e.message };
  const error = e instanceof Error ? e : new Error(String(e));
  return { variant, label, code: error.name, error: error.message };
}

/** The base line and the ways (a) to (e), built from the base design (each (d) and (e) may fail). */
function options(base: BaseLine, q: Checked): (LineOption | LineFailure)[] {
  return [
    baseLine(base),
    parallelTrains(base, q.k),
    largerTrain(base, q.k),
    splitTrains(base, q.k),
    attempt('d', `(d) 1 train, ${q.f}x feed, base organic`, () => {
      const ceiling = organicCeiling(base);
      if (q.f >= ceiling)
        fail(
          'INFEASIBLE',
          `${FN}.f`,
          q.f,
          `a feed factor below ${Number(ceiling.toPrecision(6))}, the most the base organic flow can take with any number of stages`,
        );
      return fixedOrganicTrain(base, q.f);
    }),
    attempt('e', `(e) 1 train, ${q.k}x flows, beta ${q.beta}`, () =>
      betterExtractantTrain(base, q.beta, q.k),
    ),
  ];
}

/** A line's metrics, with a feed-filled start-up when its variant is listed. */
function measure(option: LineOption | LineFailure, q: Checked): LineMetrics | LineFailure {
  if ('error' in option) return option;
  const started = q.startup.lines.includes(option.variant);
  try {
    return evaluateLine(
      option,
      started
        ? { startups: ['feed'], horizon: q.startup.hours, sampleEvery: q.startup.sampleEvery }
        : { startups: [] },
    );
  } catch (e) {
    if (option.variant === 'base') throw e;
    return failure(option.variant, option.label, e);
  }
}

function evidence(lines: readonly (LineMetrics | LineFailure)[]): ParallelLines['evidence'] {
  const built = lines.filter((m): m is LineMetrics => !('error' in m));
  const most = (f: (m: LineMetrics) => number) => Math.max(0, ...built.map(f));
  return {
    // A line that could not be built because a solve did not converge is a solver failure, not a limit.
    converged:
      built.every((m) => m.evidence.converged) &&
      !lines.some((m) => 'error' in m && m.code === 'NOT_CONVERGED'),
    residual: most((m) => m.evidence.residual),
    balanceError: most((m) => m.evidence.balanceError),
    startupBalanceError: most((m) => m.evidence.startupBalanceError),
    failed: lines.length - built.length,
  };
}

/**
 * The parallelization study of one base line: how to raise a two-element solvent-extraction line's output
 * by k at fixed purity. The base train is designed by {@link reesim!designCascade | designCascade}
 * ({@link designBaseLine}: Xu's optimum flows, the smallest verified stages, its strip section); the ways
 * are (a) k trains in parallel ({@link parallelTrains}), (b) one train with k× every flow
 * ({@link largerTrain}), (c) the base stages split into k shorter trains ({@link splitTrains}), (d) one
 * train at the base organic flow fed f× more, with more stages ({@link fixedOrganicTrain}; impossible at or
 * above {@link organicCeiling}), and (e) one train for k× the feed with an extractant of separation factor
 * β ({@link betterExtractantTrain}). Each line
 * is measured by {@link evaluateLine} (stages × trains, mixer-settler volume, solvent inventory, capital
 * index, reagents per tonne of oxide, purities), with a feed-filled start-up of one train where `startup`
 * asks for it.
 *
 * **The user specifies** the base train's feed (two elements, amounts per hour in `unit`), its volume flow
 * in m³/h, the extractant system, both purity targets, k, f and β. **Units:** the feed is converted to
 * kmol/h, so with m³/h volumes the extractant's loading (mol/L = kmol/m³) applies unchanged; results are in
 * kmol/h (oxides kg/h), m³/h, m³ and hours. **Assumes** what designCascade and evaluateLine assume
 * (equilibrium stages, 5 min mixer and 20 min settler residence, the six-tenths rule for capital).
 * **Cost** (the example's base train, this 2-core machine): about 0.3 s for the six lines; each start-up
 * about 4 s per 50,000 h simulated.
 *
 * @throws ReesimError for a bad request (see {@link checkParallelLinesRequest}); INFEASIBLE when the base
 *   line cannot be designed. Ways (d) and (e) that cannot be built are lines with their reason, not errors.
 * @example
 * ```ts
 * // Mountain Pass's Pr and Nd (2024) as 1.0 mol/L chloride, P507, 99.9 % both ways.
 * const r = parallelLines({
 *   feed: { Pr: 1.3247, Nd: 3.7062 },
 *   unit: 'kmol/h',
 *   feedVolume: 5.0309,
 *   system: 'P507',
 *   purity: { organic: 0.999, aqueous: 0.999 },
 *   k: 2,
 *   f: 1.25,
 *   beta: 1.7,
 * });
 * r.lines.map((m) => m.variant); // ['base', 'a', 'b', 'c', 'd', 'e']
 * const [base, a, , c] = r.lines as LineMetrics[];
 * a.solventInventory / base.solventInventory; // 2
 * c.meetsTarget; // false
 * r.ceiling; // 1.4725
 * ```
 */
export function parallelLines(request: ParallelLinesRequest, hooks: ParallelLinesHooks = {}): ParallelLines {
  const q = readRequest(request);
  const base = designBaseLine({
    feed: q.feed,
    feedVolume: q.feedVolume,
    equilibrium: modelOf(q.system, q.feed),
    purity: q.purity,
    strip: q.strip,
  });
  const built = options(base, q);
  const lines: (LineMetrics | LineFailure)[] = [];
  for (const option of built) {
    lines.push(measure(option, q));
    hooks.onProgress?.(lines.length, built.length);
  }
  const d = base.design;
  return {
    system: q.system.name,
    keys: { A: d.keys.A, B: d.keys.B },
    purity: { ...q.purity },
    factors: { k: q.k, f: q.f, beta: q.beta },
    base: {
      stages: { extraction: d.stages.extraction, scrub: d.stages.scrub, strip: d.strip?.stages ?? 0 },
      organicLoad: d.organicLoad,
      scrubLoad: d.scrubLoad,
      organicVolume: d.flows.organicVolume,
      beta: d.beta.extraction,
    },
    ceiling: organicCeiling(base),
    lines,
    evidence: evidence(lines),
  };
}
