/**
 * The parallelization study (issue 4): ways to raise the output of a two-species solvent-extraction line
 * (e.g. Pr/Nd with P507) by a factor k at fixed purity, each built as plain cascade specs from one base
 * design. `evaluateLine` (src/study/lineMetrics.ts) measures them; `purityRisk`
 * (src/study/purityRisk.ts) puts uncertain inputs on them.
 */
import { fail } from '../core/errors.js';
import { finite, integer, knownKeys, positive, record } from '../core/validate.js';
import type { CascadeSpec } from '../sx/cascadeSpec.js';
import { type CascadeDesign, type DesignRequest, designCascade } from '../sx/design/designCascade.js';
import type { KeyPair } from '../sx/design/keyPair.js';
import type { SeparationFactorModel } from '../sx/equilibrium/equilibrium.js';

/** What the user specifies for {@link designBaseLine}. */
export interface BaseLineRequest {
  /** Feed of one train, amounts per unit time (kmol/h in the study) of exactly two species. */
  readonly feed: Readonly<Record<string, number>>;
  /** Feed volume flow (m3/h in the study). */
  readonly feedVolume: number;
  /** Xu's saturated separation-factor model of the extractant (e.g. separationFactorModel('P507', ...)). */
  readonly equilibrium: SeparationFactorModel;
  /** Targets: purity of the more extractable species in the organic product, of the other in the raffinate. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /**
   * A strip section for every train, designed with it ({@link designCascade}'s `strip`: residual loading,
   * strip distribution ratios, acid concentration and excess; `{}` takes its defaults). Absent: no strip
   * section (the study then books strip acid at stoichiometry).
   */
  readonly strip?: DesignRequest['strip'];
}

/** The base line: one train designed by {@link designCascade}, and its cascade spec. */
export interface BaseLine {
  readonly request: BaseLineRequest;
  readonly design: CascadeDesign;
  /** The base train as a cascade: Xu's flows, the verified stage counts, product reflux, any strip section. */
  readonly train: CascadeSpec;
}

/** The five ways of the study (see the builders). */
export type LineVariant = 'base' | 'a' | 'b' | 'c' | 'd' | 'e';

/** A line: `trains` identical cascades in parallel, each run as `train`. Plain data. */
export interface LineOption {
  readonly variant: LineVariant;
  /** Short description for tables. */
  readonly label: string;
  readonly trains: number;
  /** One train. */
  readonly train: CascadeSpec;
  /** The key pair (A: to the organic product) and the purity targets. */
  readonly keys: KeyPair;
  readonly target: { readonly organic: number; readonly aqueous: number };
}

const FN = 'designBaseLine';

/** Scales every amount and volume flow of a train by k (the equations are homogeneous of degree one in them). */
function scaleTrain(t: CascadeSpec, k: number): CascadeSpec {
  const flows = (f: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.entries(f).map(([s, x]) => [s, k * x]));
  return {
    ...t,
    feed: { ...t.feed, flows: flows(t.feed.flows), volume: k * t.feed.volume },
    organic: { ...t.organic, volume: k * t.organic.volume },
    ...(t.scrub
      ? { scrub: { ...t.scrub, volume: k * t.scrub.volume, reflux: k * (t.scrub.reflux ?? 0) } }
      : {}),
    ...(t.strip
      ? {
          strip: {
            ...t.strip,
            acid: { amount: k * t.strip.acid.amount, volume: k * t.strip.acid.volume },
          },
        }
      : {}),
  };
}

/** The cascade spec of a design at its verified stage counts, with the strip section it designed (if any). */
function trainOf(
  d: CascadeDesign,
  feed: Readonly<Record<string, number>>,
  model: SeparationFactorModel,
  stripRequest: DesignRequest['strip'],
): CascadeSpec {
  return {
    stages: { extraction: d.stages.extraction, scrub: d.stages.scrub },
    feed: { flows: { ...feed }, volume: d.flows.feedVolume },
    organic: { volume: d.flows.organicVolume },
    scrub: { volume: d.flows.scrubVolume, reflux: d.flows.reflux },
    equilibrium: model,
    ...(d.strip
      ? {
          strip: {
            stages: d.strip.stages,
            acid: { amount: d.strip.acid, volume: d.strip.acidVolume },
            ...(stripRequest?.distribution === undefined ? {} : { distribution: stripRequest.distribution }),
          },
        }
      : {}),
  };
}

function line(base: BaseLine, variant: LineVariant, label: string, trains: number, train: CascadeSpec) {
  const { keys } = base.design;
  return { variant, label, trains, train, keys, target: { ...base.request.purity } } satisfies LineOption;
}

function factor(path: string, value: unknown): number {
  const k = integer(path, value, 1);
  if (k > 1000) fail('OUT_OF_RANGE', path, k, 'an integer in [1, 1000]');
  return k;
}

/**
 * Designs the base line of the study: one counter-current extraction–scrub train for a two-species feed
 * ({@link designCascade}: Xu's optimum flows, the smallest verified stage counts) and its cascade spec.
 *
 * **The user specifies** the feed of one train (two species, amounts per unit time), its volume flow, the
 * extractant's separation-factor model and both purity targets. **Assumes** what designCascade assumes: a
 * saturated organic, equilibrium stages, product reflux as scrub.
 *
 * @throws ReesimError for bad input (NOT_SUPPORTED for other than two species) and whatever designCascade throws
 * @example
 * ```ts
 * // β = 2, equimolar feed, 99.9 % both ways (the flows of ree-data §3.8d's case at Xu's optimum).
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * base.train.stages.extraction + (base.train.stages.scrub ?? 0); // 40
 * ```
 */
export function designBaseLine(request: BaseLineRequest): BaseLine {
  const q = record(FN, request, 'a base-line request');
  knownKeys(FN, q, ['feed', 'feedVolume', 'equilibrium', 'purity', 'strip']);
  const feed = record(`${FN}.feed`, q.feed, 'a record of two species -> amount per unit time');
  if (Object.keys(feed).length !== 2)
    fail('NOT_SUPPORTED', `${FN}.feed`, Object.keys(feed), 'exactly two species (a one-cut study)');
  const feedVolume = positive(`${FN}.feedVolume`, q.feedVolume);
  const d = designCascade({
    feed: request.feed,
    equilibrium: request.equilibrium,
    purity: request.purity,
    feedVolume,
    ...(request.strip === undefined ? {} : { strip: request.strip }),
  });
  return { request, design: d, train: trainOf(d, request.feed, request.equilibrium, request.strip) };
}

/**
 * The base line itself, one train, as a {@link LineOption} (the reference row of the study).
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * baseLine(base).trains; // 1
 * baseLine(base).variant; // 'base'
 * ```
 */
export function baseLine(base: BaseLine): LineOption {
  return line(base, 'base', 'base: 1 train', 1, base.train);
}

/**
 * (a) k identical trains in parallel, each the base train fed the base feed: output k×, purity unchanged.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * parallelTrains(base, 2).trains; // 2
 * parallelTrains(base, 2).train === base.train; // true
 * ```
 */
export function parallelTrains(base: BaseLine, k: number): LineOption {
  const n = factor('parallelTrains.k', k);
  return line(base, 'a', `(a) ${n} trains in parallel`, n, base.train);
}

/**
 * (b) One train with k times the feed and k times every flow (organic, scrub, reflux), the same stage
 * counts, so each mixer-settler is k times larger at the same residence times. The stage equations are
 * homogeneous of degree one in amounts and volume flows (the saturated organic carries loading × volume),
 * so the purities are the base's.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * largerTrain(base, 2).train.organic.volume / base.train.organic.volume; // 2
 * ```
 */
export function largerTrain(base: BaseLine, k: number): LineOption {
  const n = factor('largerTrain.k', k);
  return line(base, 'b', `(b) 1 train, ${n}x flows`, 1, scaleTrain(base.train, n));
}

/**
 * (c) The base's stages split into k shorter trains in parallel, each fed the base feed at the base flows:
 * each train has ⌈n/k⌉ extraction and ⌈m/k⌉ scrub stages (rounded up, so the line has at least the base's
 * stages in total). Shows that purity cannot be parallelized away: it falls below the target.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * splitTrains(base, 2).train.stages; // { extraction: 10, scrub: 10 }
 * ```
 */
export function splitTrains(base: BaseLine, k: number): LineOption {
  const n = factor('splitTrains.k', k);
  const s = base.design.stages;
  const stages = { extraction: Math.ceil(s.extraction / n), scrub: Math.ceil(s.scrub / n) };
  return line(base, 'c', `(c) ${n} trains of ${stages.extraction}+${stages.scrub}`, n, {
    ...base.train,
    stages,
  });
}

/**
 * The largest factor by which the feed of one train can rise at the base train's organic flow (a fixed
 * extractant circulation: solvent pumps, saponification), with any number of stages: S / S_pinch, where S
 * is the base's organic load per mol feed and S_pinch Xu's minimum at the target purities (pinch at the
 * feed). At f × feed the organic carries S/f per mol feed, which must stay above S_pinch.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * organicCeiling(base) > 1; // true
 * ```
 */
export function organicCeiling(base: BaseLine): number {
  return base.design.organicLoad / base.design.shortcut.pinch.S;
}

/**
 * (d) One train, the base train's organic flow, the feed raised by `f` (below {@link organicCeiling}): the
 * organic then carries S/f per mol feed, the scrub reflux falls to W = S/f − f′_A (net product unchanged
 * per mol feed), and {@link designCascade} finds the smallest stage counts that still meet both targets.
 * This is "more stages instead of more extractant"; "more reflux" at the same feed does not raise output.
 *
 * @throws ReesimError OUT_OF_RANGE for f outside (1, 1000]; INFEASIBLE (from designCascade) at or above
 *   the ceiling
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * const d = fixedOrganicTrain(base, 1.1); // the ceiling is 1.14 here
 * d.train.organic.volume / base.train.organic.volume; // 1.0000
 * d.train.stages.extraction > base.train.stages.extraction; // true
 * ```
 */
export function fixedOrganicTrain(base: BaseLine, f: number): LineOption {
  const x = finite('fixedOrganicTrain.f', f);
  if (!(x > 1 && x <= 1000)) fail('OUT_OF_RANGE', 'fixedOrganicTrain.f', x, 'a factor in (1, 1000]');
  const d0 = base.design;
  const q = base.request;
  const feed = Object.fromEntries(Object.entries(q.feed).map(([s, a]) => [s, x * a]));
  const d = designCascade({
    feed,
    equilibrium: q.equilibrium,
    purity: q.purity,
    feedVolume: x * q.feedVolume,
    scrubLoad: d0.organicLoad / x - d0.split.organic,
    ...(q.strip === undefined ? {} : { strip: q.strip }),
  });
  const train = trainOf(d, feed, q.equilibrium, q.strip);
  return line(base, 'd', `(d) 1 train, ${x}x feed, base organic`, 1, train);
}

/**
 * (e) A better extractant: the key pair's separation factor raised to `beta` (the A species' β scaled,
 * loading unchanged), one train designed anew ({@link designCascade}) for k times the base feed with
 * the same purity targets: fewer stages and a smaller organic load per mol feed.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * const e = betterExtractantTrain(base, 3, 2);
 * e.train.stages.extraction < base.train.stages.extraction; // true
 * ```
 */
export function betterExtractantTrain(base: BaseLine, beta: number, k: number): LineOption {
  const b = finite('betterExtractantTrain.beta', beta);
  if (!(b > 1 && b <= 1e3)) fail('OUT_OF_RANGE', 'betterExtractantTrain.beta', b, 'a number in (1, 1000]');
  const n = factor('betterExtractantTrain.k', k);
  const q = base.request;
  const { keys, beta: was } = base.design;
  const scale = b / was.extraction;
  const model: SeparationFactorModel = {
    ...q.equilibrium,
    beta: Object.fromEntries(
      Object.entries(q.equilibrium.beta).map(([s, v]) => [s, s === keys.A ? v * scale : v]),
    ),
  };
  const feed = Object.fromEntries(Object.entries(q.feed).map(([s, a]) => [s, n * a]));
  const d = designCascade({
    feed,
    equilibrium: model,
    purity: q.purity,
    feedVolume: n * q.feedVolume,
    ...(q.strip === undefined ? {} : { strip: q.strip }),
  });
  return line(base, 'e', `(e) 1 train, ${n}x flows, beta ${b}`, 1, trainOf(d, feed, model, q.strip));
}

/**
 * A line with extra stages for a safety margin: each section of each train gets ⌈(1 + margin) × its
 * stages⌉, flows unchanged (the designs above have none: they are the smallest that meet the targets at
 * nominal inputs). For the Monte Carlo of {@link purityRisk}.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * withStageMargin(splitTrains(base, 2), 0.5).train.stages; // { extraction: 15, scrub: 15 }
 * ```
 */
export function withStageMargin(option: LineOption, margin: number): LineOption {
  const x = finite('withStageMargin.margin', margin);
  if (!(x >= 0 && x <= 10)) fail('OUT_OF_RANGE', 'withStageMargin.margin', x, 'a fraction in [0, 10]');
  const s = option.train.stages;
  const stages = {
    extraction: Math.ceil((1 + x) * s.extraction - 1e-9),
    scrub: Math.ceil((1 + x) * (s.scrub ?? 0) - 1e-9),
  };
  const label = `${option.label} +${Math.round(100 * x)} % stages`;
  return { ...option, label, train: { ...option.train, stages } };
}
