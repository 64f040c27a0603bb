/**
 * Xu Guangxian's theory of counter-current (fractional) extraction (串级萃取理论) for one cut between a
 * more-extractable key A and a less-extractable key B: the material balance, purification factors, the
 * optimum extraction ratios with the control-section criterion, minimum flows and the closed-form stage
 * numbers. Closed forms for sizing; a stage-by-stage calculation is the oracle (ree-data §3.5).
 *
 * **Conventions (ree-data §3.2).** Every flow is a rare-earth molar flow **per 1 mol of rare earths fed**.
 * The feed is aqueous and enters stage n; stages 1..n are the extraction section (stage 1 = raffinate end,
 * where the B product leaves in the aqueous), stages n+1..n+m the scrub section (stage n+m = loaded-organic
 * end, where the A product leaves in the organic). S = rare earths carried by the organic through the
 * extraction section; W = rare earths in the scrub aqueous (the internal reflux); E_M = S/(W + 1) and
 * E′_M = S/W are the mixed extraction ratios of the two sections.
 *
 * **Assumptions (ree-data §3.1).** Two components; constant separation factor β in the extraction section
 * and β′ in the scrub section; constant E_M and E′_M (constant rare-earth flows per section, the analogue of
 * constant molar overflow); equilibrium stages; steady state.
 *
 * Sources: XU85, XU95 (the theory; recalled), ZZS16 (optimum equations, criterion, k rule; read in a
 * secondary account), as reconstructed and checked by derivation in ree-data §3.
 */
import { fail } from '../../core/errors.js';
import { finite, knownKeys, nonNegative, oneOf, optional, record } from '../../core/validate.js';
import { cite, type Provenance } from '../../data/provenance.js';
import { checkSeparationFactor } from './closedForms.js';

/** Smallest share of the feed either product may be (f′_A and f′_B), relative to 1 − x_R − (1 − P_A). */
const PRODUCT_FLOOR = 1e-9;
/** The section whose optimum sets the flows: extraction (E_M = 1/√β) or scrub (E′_M = √β′). */
export type ControlSection = 'extraction' | 'scrub';

/** What the user specifies for {@link xuDesign}. */
export interface XuDesignSpec {
  /** Feed composition: A (more extractable) and B, as mole fractions or molar amounts (normalised), >= 0. */
  readonly feed: { readonly A: number; readonly B: number };
  /** Separation factor β = D_A/D_B in the extraction section, in (1, 1e6]. */
  readonly beta: number;
  /** Separation factor β′ in the scrub section (default β). */
  readonly betaScrub?: number;
  /** Product purities, mole fractions in (0.5, 1): A in the organic product, B in the aqueous (raffinate). */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Which section's optimum sets the flows (default `'auto'`: the criterion decides). */
  readonly control?: 'auto' | ControlSection;
  /**
   * Reflux-rule exponent k in (0, 1): when given, W = 1/(β′^k − 1) instead of the optimum (k ≈ 0.7 in
   * practice, 0.5–0.9 used; k = 1 is the minimum-flow limit; ZZS16 via ree-data §3.6).
   */
  readonly k?: number;
}

/** Result of {@link xuDesign}. All flows in mol of rare earths per mol of rare earths fed. */
export interface XuDesign {
  /** Separation factors used, β (extraction) and β′ (scrub). */
  readonly beta: number;
  readonly betaScrub: number;
  /** Product purities as specified. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Feed mole fractions f_A, f_B. */
  readonly fA: number;
  readonly fB: number;
  /** Fractions of the feed leaving as organic (A) product f′_A and as raffinate (B product) f′_B. */
  readonly fPrimeA: number;
  readonly fPrimeB: number;
  /** Recoveries Y_A = f′_A·P_A/f_A and Y_B = f′_B·P_B/f_B. */
  readonly recovery: { readonly A: number; readonly B: number };
  /** Purification factors a = [P_A/(1−P_A)]/(f_A/f_B) (scrub section) and b = [P_B/(1−P_B)]/(f_B/f_A). */
  readonly a: number;
  readonly b: number;
  /** The section whose optimum sets the flows (the one needing more solvent). */
  readonly controllingSection: ControlSection;
  /**
   * Value of f′_B above which the extraction section controls: √β/(1 + √β) when β′ = β; in general the f′_B
   * at which both sections' optima need the same S.
   */
  readonly criterion: number;
  /** Mixed extraction ratios E_M = S/(W + 1) (extraction section) and E′_M = S/W (scrub section). */
  readonly extractionRatio: { readonly extraction: number; readonly scrub: number };
  /** S: rare earths in the organic through the extraction section. */
  readonly organicLoad: number;
  /** W: rare earths in the scrub aqueous (internal reflux). */
  readonly scrubLoad: number;
  /** Minimum flows in the pure-product limit (ree-data §3.6): S_min = f_A + 1/(β − 1), W_min = 1/(β′ − 1). */
  readonly minimum: { readonly S: number; readonly W: number };
  /** Minimum flows at the specified purities (pinch at the feed stage): below them, infinite stages. */
  readonly pinch: { readonly S: number; readonly W: number };
  /** Reflux ratios: extraction J_S = S/f′_B, scrub J_W = W/f′_A. */
  readonly refluxRatio: { readonly extraction: number; readonly scrub: number };
  /** Closed-form stage numbers (see {@link xuDesign} on counting the feed stage). */
  readonly shortcut: {
    /** n = log b / log(β·E_M): extraction section, feed stage included. */
    readonly extraction: number;
    /** m + 1 = log a / log(β′/E′_M): the textbook's scrub formula. */
    readonly mPlusOne: number;
    /** n + (m + 1): the whole cascade (it tends to Fenske, the exact total-reflux count). */
    readonly total: number;
    /** Fenske's minimum, log b/log β + log a/log β′ (= ln(a·b)/ln β when β′ = β). */
    readonly fenske: number;
  };
  /** Where the equations come from. */
  readonly provenance: readonly Provenance[];
  /** How the design was made, in words. */
  readonly notes: readonly string[];
}

const PROVENANCE: readonly Provenance[] = [
  cite(
    'XU85',
    'recalled',
    'medium',
    'theory of counter-current extraction: balances, purification factors, stages',
  ),
  cite(
    'XU95',
    'recalled',
    'medium',
    'cascade theory chapters: the same equations in the standard Chinese text',
  ),
  cite('ZZS16', 'secondary', 'medium', 'optimum extraction ratios, control criterion, k reflux rule'),
  cite(
    'REESIM',
    'derived',
    'high',
    'balances, minimum flows and criterion re-derived and checked in ree-data §3',
  ),
];

/** A purity in the open interval (0.5, 1). */
function purityValue(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 0.5 && x < 1)) fail('OUT_OF_RANGE', path, x, 'a number in (0.5, 1)');
  return x;
}

/** √β − 1, accurate for β near 1. */
function sqrtMinusOne(beta: number): number {
  return (beta - 1) / (Math.sqrt(beta) + 1);
}

/** Four significant figures, for messages. */
function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/**
 * Xu's control-section criterion for an aqueous feed with β′ = β: the extraction section controls when
 * f′_B > √β/(1 + √β), the scrub section when f′_B < √β/(1 + √β). At the switch point the optimum flows
 * sit on the minimum flows. Source: ZZS16 via ree-data §3.4 [2nd, M]; orientation confirmed there [D, H].
 *
 * @param beta separation factor β, in (1, 1e6]
 * @returns the switch value of f′_B
 * @example
 * ```ts
 * controlCriterion(2); // 0.586
 * controlCriterion(1.5); // 0.551
 * ```
 */
export function controlCriterion(beta: number): number {
  const s = Math.sqrt(checkSeparationFactor('controlCriterion.beta', beta));
  return s / (1 + s);
}

/**
 * Reflux ratio of the controlling section at Xu's optimum, 1/(√β − 1): J_W = W/f′_A under scrub control
 * (E′_M = √β′), J_S = S/f′_B under extraction control (E_M = 1/√β). The controlling section then enriches
 * by exactly √β per stage. Source: ZZS16 via ree-data §3.4.
 *
 * @param beta separation factor of the controlling section, in (1, 1e6]
 * @example
 * ```ts
 * optimumReflux(2); // 2.414
 * optimumReflux(1.2); // 10.5
 * ```
 */
export function optimumReflux(beta: number): number {
  return 1 / sqrtMinusOne(checkSeparationFactor('optimumReflux.beta', beta));
}

/**
 * Practitioners' reflux rule W = 1/(β^k − 1) mol per mol feed, k ≈ 0.7 (0.5–0.9 used); k = 1 gives the
 * minimum W = 1/(β − 1) (infinite stages). Source: ZZS16 via ree-data §3.6 [2nd, M: stated without a
 * dataset].
 *
 * @param beta separation factor of the scrub section, in (1, 1e6]
 * @param k exponent, in (0, 1]
 * @returns W, mol per mol feed
 * @example
 * ```ts
 * refluxRule(1.5, 0.7); // 3.05
 * refluxRule(2, 0.7); // 1.60
 * ```
 */
export function refluxRule(beta: number, k: number): number {
  const b = checkSeparationFactor('refluxRule.beta', beta);
  const e = finite('refluxRule.k', k);
  if (!(e > 0 && e <= 1)) fail('OUT_OF_RANGE', 'refluxRule.k', e, 'a number in (0, 1]');
  const W = ruleFlow(b, e);
  if (!Number.isFinite(W))
    fail('OUT_OF_RANGE', 'refluxRule.k', e, 'a number in (0, 1] large enough for a finite W');
  return W;
}

/** 1/(β^k − 1), accurate for β^k near 1. */
function ruleFlow(beta: number, k: number): number {
  return 1 / Math.expm1(k * Math.log1p(beta - 1));
}

/** Options of {@link minimumFlows}. */
export interface MinimumFlowsOptions {
  /** Separation factor β′ of the scrub section (default β). */
  readonly betaScrub?: number;
  /** Product purities in (0.5, 1): when given, the minimum at these purities instead of pure products. */
  readonly purity?: { readonly organic: number; readonly aqueous: number };
}

/** Pinch (minimum) flows at finite purities; xR = 1 − P_B. */
function pinchFlows(
  fA: number,
  fB: number,
  fPrimeA: number,
  PA: number,
  beta: number,
  betaScrub: number,
): { S: number; W: number } {
  // Operating lines meet at x = f_A; at the minimum that point lies on the equilibrium curve,
  // y* = βf_A/(1 + (β−1)f_A), so y* − f_A = f_A·f_B·(β−1)/(1 + (β−1)f_A).
  const S = (fPrimeA * (PA - fA) * (1 + (beta - 1) * fA)) / (fA * fB * (beta - 1));
  const W = (fPrimeA * (PA * (1 + (betaScrub - 1) * fA) - betaScrub * fA)) / (fA * fB * (betaScrub - 1));
  return { S, W: Math.max(0, W) };
}

/**
 * Minimum flows of a two-component cascade with aqueous feed, mol per mol feed: below them the operating
 * lines cross the equilibrium curve at the feed (a pinch) and the cascade needs infinitely many stages.
 *
 * Pure products (ree-data §3.6 [D, H]): **W_min = 1/(β′ − 1)** (independent of the feed) and
 * **S_min = f_A + 1/(β − 1) = (β·f_A + f_B)/(β − 1)**. At finite purities (`options.purity`), with
 * y* = βf_A/(1 + (β − 1)f_A) the organic in equilibrium with the feed:
 * S_min = f′_A(P_A − f_A)/(y* − f_A) and W_min = f′_A(P_A − y*′)/(y*′ − f_A) (y*′ with β′; 0 when
 * negative): the McCabe–Thiele minimum reflux, a little below the pure-product values.
 *
 * @param fA mole fraction of A in the feed, in (0, 1)
 * @param beta separation factor β of the extraction section, in (1, 1e6]
 * @returns `{ S, W }` per mol of feed
 * @example
 * ```ts
 * minimumFlows(0.5, 2).S; // 1.5 (ree-data §3.8a)
 * minimumFlows(0.75, 1.5).W; // 2
 * minimumFlows(0.75, 1.5, { purity: { organic: 0.999, aqueous: 0.999 } }).S; // 2.741
 * ```
 */
export function minimumFlows(
  fA: number,
  beta: number,
  options: MinimumFlowsOptions = {},
): { S: number; W: number } {
  const f = finite('minimumFlows.fA', fA);
  if (!(f > 0 && f < 1)) fail('OUT_OF_RANGE', 'minimumFlows.fA', f, 'a number in (0, 1)');
  const b = checkSeparationFactor('minimumFlows.beta', beta);
  const o = record('minimumFlows.options', options);
  knownKeys('minimumFlows.options', o, ['betaScrub', 'purity']);
  const bs = optional(o.betaScrub, b, (v) => checkSeparationFactor('minimumFlows.options.betaScrub', v));
  if (o.purity === undefined) return { S: f + 1 / (b - 1), W: 1 / (bs - 1) };
  const p = record('minimumFlows.options.purity', o.purity);
  knownKeys('minimumFlows.options.purity', p, ['organic', 'aqueous']);
  const PA = purityValue('minimumFlows.options.purity.organic', p.organic);
  const PB = purityValue('minimumFlows.options.purity.aqueous', p.aqueous);
  const xR = 1 - PB;
  if (!(f > xR && f < PA)) {
    fail('INFEASIBLE', 'minimumFlows.fA', f, `a feed between the products, in (${xR}, ${PA})`);
  }
  return pinchFlows(f, 1 - f, (f - xR) / (PA - xR), PA, b, bs);
}

/**
 * Xu's design of a two-component counter-current cascade with aqueous feed, per 1 mol of rare earths fed:
 * product split, purification factors, the controlling section, the optimum extraction ratios and flows,
 * minimum flows and closed-form stage numbers (ree-data §3.2–3.6).
 *
 * - **Balance:** f′_A = (f_A − (1 − P_B))/(P_A − (1 − P_B)), f′_B = 1 − f′_A; S − W = f′_A.
 * - **Optimum** (maximum output per unit mixer volume): extraction control E_M = 1/√β, so S = f′_B/(√β − 1);
 *   scrub control E′_M = √β′, so W = f′_A/(√β′ − 1). `'auto'` takes the section needing the larger S, which
 *   is the criterion f′_B ≷ √β/(1 + √β) when β′ = β. With `k`, W = 1/(β′^k − 1) instead.
 * - **Stages** (textbook closed forms, trace-impurity approximations): n = log b / log(β·E_M),
 *   m + 1 = log a / log(β′/E′_M). Xu numbers the aqueous feed stage n, the last of the extraction section.
 *   At total reflux the two add up to Fenske, which a McCabe–Thiele staircase shows to be the exact total
 *   n + m; so read `total` = n + (m + 1) as the whole cascade, and treat the split between sections as
 *   uncertain by the feed stage (textbooks differ on it, ree-data §3.5). A stage-by-stage calculation needs
 *   10–20 % more extraction stages (ree-data §3.5; see `stageSteps` in mccabeThiele.ts).
 *
 * Sources: XU85, XU95 (recalled), ZZS16 (secondary) via ree-data §3; worked example §3.8a below.
 *
 * @throws ReesimError OUT_OF_RANGE / INVALID_TYPE / UNKNOWN_KEY for bad inputs (purities must lie in (0.5, 1),
 *   β and β′ in (1, 1e6], k in (0, 1)); INFEASIBLE when the purities do not bracket the feed (f′_A outside
 *   (0, 1)), when k >= 1, or when the chosen flows fall below the minimum (S < S_min or W < W_min at these
 *   purities: infinite stages), e.g. forcing the wrong control section; NOT_SUPPORTED when the closed forms
 *   cannot size a feasible design (β·E_M <= 1 or β′/E′_M <= 1, only at low purities).
 * @example
 * ```ts
 * const d = xuDesign({ feed: { A: 1, B: 1 }, beta: 2, purity: { organic: 0.999, aqueous: 0.9999 } });
 * d.controllingSection; // 'scrub'
 * d.scrubLoad; // 1.208 mol per mol feed
 * d.organicLoad; // 1.709
 * d.extractionRatio.extraction; // 0.7738
 * d.shortcut.extraction; // 21.1 stages
 * d.shortcut.mPlusOne; // 19.9
 * d.shortcut.fenske; // 23.3
 * ```
 */
export function xuDesign(spec: XuDesignSpec): XuDesign {
  const s = record('xuDesign', spec);
  knownKeys('xuDesign', s, ['feed', 'beta', 'betaScrub', 'purity', 'control', 'k']);
  const feed = record('xuDesign.feed', s.feed, 'an object { A, B }');
  knownKeys('xuDesign.feed', feed, ['A', 'B']);
  const A = nonNegative('xuDesign.feed.A', feed.A);
  const B = nonNegative('xuDesign.feed.B', feed.B);
  const t = A + B;
  if (!(t > 0 && Number.isFinite(t)))
    fail('OUT_OF_RANGE', 'xuDesign.feed', feed, 'A + B positive and finite');
  const fA = A / t;
  const fB = B / t;
  const beta = checkSeparationFactor('xuDesign.beta', s.beta);
  const betaScrub = optional(s.betaScrub, beta, (v) => checkSeparationFactor('xuDesign.betaScrub', v));
  const purity = record('xuDesign.purity', s.purity, 'an object { organic, aqueous }');
  knownKeys('xuDesign.purity', purity, ['organic', 'aqueous']);
  const PA = purityValue('xuDesign.purity.organic', purity.organic);
  const PB = purityValue('xuDesign.purity.aqueous', purity.aqueous);
  const control = optional<'auto' | ControlSection>(s.control, 'auto', (v) =>
    oneOf('xuDesign.control', v, ['auto', 'extraction', 'scrub'] as const),
  );
  const k = s.k === undefined ? undefined : finite('xuDesign.k', s.k);
  if (k !== undefined) {
    if (!(k > 0)) fail('OUT_OF_RANGE', 'xuDesign.k', k, 'a number in (0, 1)');
    if (k >= 1) {
      fail(
        'INFEASIBLE',
        'xuDesign.k',
        k,
        `a number in (0, 1): k = 1 is the minimum-flow limit W_min = 1/(β′ − 1) = ${fmt(1 / (betaScrub - 1))} ` +
          'mol per mol feed (infinite stages) and k > 1 puts W below it',
      );
    }
    if (control !== 'auto') {
      fail('INFEASIBLE', 'xuDesign.control', control, "'auto' (or absent) when k sets the reflux");
    }
  }

  // Material balance (ree-data §3.2): x_R = 1 − P_B is the A-fraction of the raffinate.
  const xR = 1 - PB;
  // Each product must be more than a billionth of the feed (PRODUCT_FLOOR): at f_A = 1 − P_B the raffinate
  // meets its purity with the whole feed and the organic product is empty (S = W to round-off, a reflux
  // no cascade can carry); likewise at f_A = P_A.
  const room = PA - xR;
  if (!(fA - xR > PRODUCT_FLOOR * room && PA - fA > PRODUCT_FLOOR * room)) {
    fail(
      'INFEASIBLE',
      'xuDesign.feed',
      feed,
      `a feed whose A-fraction lies between the products' (f_A in (1 − P_B, P_A) = (${fmt(xR)}, ${PA}), ` +
        `so that f′_A is in (0, 1), each product more than ${PRODUCT_FLOOR} of the feed); f_A is ${fmt(fA)}`,
    );
  }
  const fPrimeA = (fA - xR) / (PA - xR);
  const fPrimeB = (PA - fA) / (PA - xR);
  const a = (PA / (1 - PA)) * (fB / fA);
  const b = (PB / xR) * (fA / fB);

  // Optimum flows of each section and the criterion (ree-data §3.4).
  const sqrtBeta = Math.sqrt(beta);
  const sqrtScrub = Math.sqrt(betaScrub);
  const sExtraction = fPrimeB / sqrtMinusOne(beta);
  const sScrub = (fPrimeA * sqrtScrub) / sqrtMinusOne(betaScrub);
  const auto: ControlSection = sExtraction > sScrub ? 'extraction' : 'scrub';
  const scrubShare = sqrtScrub / sqrtMinusOne(betaScrub);
  const criterion = scrubShare / (1 / sqrtMinusOne(beta) + scrubShare);
  const section: ControlSection = control === 'auto' ? auto : control;
  let W: number;
  if (k !== undefined) {
    W = ruleFlow(betaScrub, k);
    if (!Number.isFinite(W))
      fail('OUT_OF_RANGE', 'xuDesign.k', k, 'a number in (0, 1) large enough for a finite W');
  } else if (section === 'extraction') W = sExtraction - fPrimeA;
  else W = fPrimeA / sqrtMinusOne(betaScrub);
  const S = W + fPrimeA;

  // Feasibility: above the minimum flows at these purities (ree-data §3.6 and its finite-purity form).
  const minimum = { S: fA + 1 / (beta - 1), W: 1 / (betaScrub - 1) };
  const pinch = pinchFlows(fA, fB, fPrimeA, PA, beta, betaScrub);
  const causePath = k !== undefined ? 'xuDesign.k' : 'xuDesign.control';
  const causeValue = k !== undefined ? k : control;
  const how = k !== undefined ? 'a reflux rule' : 'a control section';
  if (!(S > pinch.S)) {
    fail(
      'INFEASIBLE',
      causePath,
      causeValue,
      `${how} whose flows clear the minimum: it gives S = ${fmt(S)} < S_min = ${fmt(pinch.S)} mol per mol ` +
        `feed at these purities (${fmt(minimum.S)} for pure products), which needs infinite stages`,
    );
  }
  if (!(W > pinch.W)) {
    fail(
      'INFEASIBLE',
      causePath,
      causeValue,
      `${how} whose flows clear the minimum: it gives W = ${fmt(W)} < W_min = ${fmt(pinch.W)} mol per mol ` +
        `feed at these purities (${fmt(minimum.W)} for pure products), which needs infinite stages`,
    );
  }
  const EM = S / (W + 1);
  const EMScrub = S / W;
  if (!(W > 0 && beta * EM > 1 && betaScrub / EMScrub > 1)) {
    fail(
      'NOT_SUPPORTED',
      causePath,
      causeValue,
      `a design the closed forms can size (they need W > 0, β·E_M > 1 and β′/E′_M > 1; here W = ${fmt(W)}, ` +
        `β·E_M = ${fmt(beta * EM)}, β′/E′_M = ${fmt(betaScrub / EMScrub)}): use a stage-by-stage calculation`,
    );
  }

  // Closed-form stage numbers (ree-data §3.5) and Fenske (§3.9).
  const n = Math.log(b) / Math.log(beta * EM);
  const mPlusOne = Math.log(a) / Math.log(betaScrub / EMScrub);
  const fenske = Math.log(b) / Math.log1p(beta - 1) + Math.log(a) / Math.log1p(betaScrub - 1);

  const notes = [
    k !== undefined
      ? `flows from the reflux rule W = 1/(β′^k − 1), k = ${k} (ZZS16); the criterion picks ${auto} control`
      : section === 'scrub'
        ? `scrub-section control: E′_M = √β′ = ${fmt(sqrtScrub)} (Xu's optimum, most output per mixer volume)`
        : `extraction-section control: E_M = 1/√β = ${fmt(1 / sqrtBeta)} (Xu's optimum, most output per mixer volume)`,
    ...(control !== 'auto' && control !== auto
      ? [`control forced to ${control}; the criterion picks ${auto}`]
      : []),
    'stage numbers are the textbook closed forms; a stage-by-stage calculation gives 10-20 % more ' +
      'extraction stages (ree-data §3.5)',
    'feed stage counted in n (Xu numbers it n); n + (m + 1) estimates the whole cascade n + m',
  ];

  const result: XuDesign = {
    beta,
    betaScrub,
    purity: { organic: PA, aqueous: PB },
    fA,
    fB,
    fPrimeA,
    fPrimeB,
    recovery: { A: (fPrimeA * PA) / fA, B: (fPrimeB * PB) / fB },
    a,
    b,
    controllingSection: k !== undefined ? auto : section,
    criterion,
    extractionRatio: { extraction: EM, scrub: EMScrub },
    organicLoad: S,
    scrubLoad: W,
    minimum,
    pinch,
    refluxRatio: { extraction: S / fPrimeB, scrub: W / fPrimeA },
    shortcut: { extraction: n, mPlusOne, total: n + mPlusOne, fenske },
    provenance: PROVENANCE,
    notes,
  };
  assertFinite(result, beta);
  return result;
}

/** No NaN or Infinity may leave: only a β a few ulps above 1 could produce one after the checks above. */
function assertFinite(d: XuDesign, beta: number): void {
  const numbers = [
    d.fPrimeA,
    d.fPrimeB,
    d.a,
    d.b,
    d.criterion,
    d.organicLoad,
    d.scrubLoad,
    d.minimum.S,
    d.minimum.W,
    d.pinch.S,
    d.pinch.W,
    d.extractionRatio.extraction,
    d.extractionRatio.scrub,
    d.refluxRatio.extraction,
    d.refluxRatio.scrub,
    d.shortcut.extraction,
    d.shortcut.mPlusOne,
    d.shortcut.fenske,
    d.recovery.A,
    d.recovery.B,
  ];
  if (!numbers.every(Number.isFinite)) {
    fail('OUT_OF_RANGE', 'xuDesign.beta', beta, 'a separation factor far enough above 1 for finite flows');
  }
}
