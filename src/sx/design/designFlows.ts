/**
 * The flows of a cut for `designCascade`: Xu's design (src/sx/xu.ts) of the lumped key pair, on the group
 * or the key purity basis, or the flows of a scrub reflux W the user forces, with the closed-form stage
 * counts at those flows.
 */
import { fail, ReesimError } from '../../core/errors.js';
import type { KeySplit } from './keyPair.js';
import { type ControlSection, type XuDesign, xuDesign } from './xu.js';

/** Flows per mol feed (S, W), mixed extraction ratios, control section and closed forms n, m + 1. */
export interface CutFlows {
  readonly S: number;
  readonly W: number;
  readonly EM: number;
  readonly EMs: number;
  readonly section: ControlSection;
  readonly n: number;
  readonly mPlusOne: number;
  /** Xu's design of the lumped pair (its flows are the optimum's, or the rule's, even when W is forced). */
  readonly xu: XuDesign;
}

/** How the flows are set: Xu's optimum (default), a forced control section, the k rule, or a given W. */
export interface CutFlowOptions {
  readonly control?: 'auto' | ControlSection;
  readonly k?: number;
  readonly scrubLoad?: number;
}

/** xuDesign with its error paths renamed to this request's. */
function xu(path: string, spec: Parameters<typeof xuDesign>[0]): XuDesign {
  try {
    return xuDesign(spec);
  } catch (e) {
    if (!(e instanceof ReesimError)) throw e;
    const renamed = e.path
      .replace(/^xuDesign\.beta(Scrub)?$/, `${path}.equilibrium`)
      .replace(/^xuDesign/, path);
    return fail(e.code, renamed, e.value, e.expected);
  }
}

/**
 * Group purities equivalent to key-basis targets, for sizing the lumped design: the non-key species are
 * taken to report wholly to their side and the keys to be recovered, so the organic product carries
 * B = A_key·(1 − P)/P of the B key and the raffinate A = B_key·(1 − P′)/P′ of the A key.
 */
function groupTargets(cut: KeySplit, target: { organic: number; aqueous: number }) {
  const sideA = cut.sides.A.reduce((t, s) => t + (cut.feed[s] as number), 0);
  const sideB = cut.feedTotal - sideA;
  const B = ((cut.feed[cut.keys.A] as number) * (1 - target.organic)) / target.organic;
  const A = ((cut.feed[cut.keys.B] as number) * (1 - target.aqueous)) / target.aqueous;
  return { organic: sideA / (sideA + B), aqueous: sideB / (sideB + A) };
}

/** Four significant figures, for messages. */
export function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** Flows of Xu's design, or of a forced W, with the closed-form counts. */
function flowsFor(path: string, d: XuDesign, W: number | undefined): CutFlows {
  if (W === undefined) {
    return {
      S: d.organicLoad,
      W: d.scrubLoad,
      EM: d.extractionRatio.extraction,
      EMs: d.extractionRatio.scrub,
      section: d.controllingSection,
      n: d.shortcut.extraction,
      mPlusOne: d.shortcut.mPlusOne,
      xu: d,
    };
  }
  const S = W + d.fPrimeA;
  for (const [name, value, min] of [
    ['S', S, d.pinch.S],
    ['W', W, d.pinch.W],
  ] as const) {
    if (!(value > min)) {
      fail(
        'INFEASIBLE',
        `${path}.scrubLoad`,
        W,
        `a scrub reflux whose flows clear the minimum: it gives ${name} = ${fmt(value)} <= ${name}_min = ` +
          `${fmt(min)} mol per mol feed at these purities, which needs infinite stages`,
      );
    }
  }
  const EM = S / (W + 1);
  const EMs = S / W;
  if (!(d.beta * EM > 1 && d.betaScrub / EMs > 1)) {
    fail(
      'NOT_SUPPORTED',
      `${path}.scrubLoad`,
      W,
      `flows the closed forms can size (β·E_M = ${fmt(d.beta * EM)}, β′/E′_M = ${fmt(d.betaScrub / EMs)})`,
    );
  }
  const section: ControlSection = d.beta * EM < d.betaScrub / EMs ? 'extraction' : 'scrub'; // the section enriching less per stage
  return {
    S,
    W,
    EM,
    EMs,
    section,
    n: Math.log(d.b) / Math.log(d.beta * EM),
    mPlusOne: Math.log(d.a) / Math.log(d.betaScrub / EMs),
    xu: d,
  };
}

/**
 * Flows of a cut at its key pair, per mol of rare earths fed: Xu's design of the lumped pair (feed A-side
 * fraction f_A, key β), or with `scrubLoad` the flows S = W + f′_A of that W, checked against the minimum
 * flows at the target purities. On the `'keys'` basis the targets are first translated to the group
 * purities they imply: the non-key species are taken to report wholly to their side and the keys to be
 * recovered, so the organic product carries A_key·(1 − P)/P of the B key, the raffinate B_key·(1 − P′)/P′
 * of the A key (for two species both bases agree).
 *
 * @param path prefix of error paths; xuDesign's errors are renamed to it (`xuDesign.beta` to
 *   `${path}.equilibrium`)
 * @throws ReesimError as {@link xuDesign}; INFEASIBLE when a forced W puts S or W at or below the minimum
 *   at these purities; NOT_SUPPORTED when the closed forms cannot size the forced flows
 * @example
 * ```ts
 * const cut = {
 *   species: ['A', 'B'],
 *   keys: { A: 'A', B: 'B' },
 *   sides: { A: ['A'], B: ['B'] },
 *   beta: 2,
 *   betaScrub: 2,
 *   feed: { A: 1, B: 1 },
 *   feedTotal: 2,
 *   fA: 0.5,
 * };
 * const f = cutFlows('cut', cut, { organic: 0.999, aqueous: 0.9999 }, 'group', {}); // ree-data §3.8a
 * f.S; // 1.709
 * f.section; // 'scrub'
 * cutFlows('cut', cut, { organic: 0.999, aqueous: 0.9999 }, 'group', { scrubLoad: 1.5 }).S; // 2.0005
 * ```
 */
export function cutFlows(
  path: string,
  cut: KeySplit,
  target: { readonly organic: number; readonly aqueous: number },
  basis: 'group' | 'keys',
  options: CutFlowOptions,
): CutFlows {
  const d = xu(path, {
    feed: { A: cut.fA, B: 1 - cut.fA },
    beta: cut.beta,
    betaScrub: cut.betaScrub,
    purity: basis === 'keys' ? groupTargets(cut, target) : target,
    ...(options.control === undefined ? {} : { control: options.control }),
    ...(options.k === undefined ? {} : { k: options.k }),
  });
  return flowsFor(path, d, options.scrubLoad);
}
