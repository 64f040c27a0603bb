/**
 * McCabe–Thiele diagram of a two-component counter-current extraction cascade (Xu's theory, aqueous feed),
 * as plain arrays for plotting: the constant-β equilibrium curve, the two operating lines of ree-data §3.3
 * and the stage staircase between them, stepped from either end.
 *
 * x is the A-fraction among the rare earths of the aqueous, y that of the organic. The extraction section
 * runs from the raffinate (x_R = 1 − P_B) to the feed line x = f_A, the scrub section from there to the
 * organic product (P_A). Flows are per mol of rare earths fed, as in `xuDesign` (src/sx/xu.ts), whose
 * result can be passed directly as the design. Source: ree-data §3.3 and §3.9 [D, H], after XU85/ZZS16.
 */
import { fail } from '../../core/errors.js';
import { finite, integer, oneOf, optional, positive, record } from '../../core/validate.js';
import { checkSeparationFactor } from './closedForms.js';

/** The design a diagram is drawn for; any other keys (as on an `xuDesign` result) are ignored. */
export interface McCabeThieleDesign {
  /** Separation factor β of the extraction section, in (1, 1e6]. */
  readonly beta: number;
  /** Separation factor β′ of the scrub section (default β). */
  readonly betaScrub?: number;
  /** A mole fraction of the feed f_A, between the products' (1 − P_B < f_A < P_A). */
  readonly fA: number;
  /** Product purities in (0.5, 1): A in the organic product, B in the aqueous. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /**
   * Scrub flow W, mol per mol feed (> 0), which with S = W + f′_A fixes both sections; `'total'` for total
   * reflux (E_M = E′_M = 1: both operating lines on the diagonal).
   */
  readonly scrubLoad: number | 'total';
}

/** Points of a curve for plotting. */
export interface Curve {
  readonly x: number[];
  readonly y: number[];
}

/** One operating line, y = slope·x + intercept, drawn between its two end points. */
export interface OperatingLine {
  /** Slope 1/E_M (extraction) or 1/E′_M (scrub). */
  readonly slope: number;
  readonly intercept: number;
  /** End points (x from low to high). */
  readonly x: [number, number];
  readonly y: [number, number];
}

/** Both operating lines and the point where they meet. */
export interface OperatingLines {
  /** From the raffinate (x_R, x_R) on the diagonal to the feed line. */
  readonly extraction: OperatingLine;
  /** From the feed line to the organic product (P_A, P_A) on the diagonal. */
  readonly scrub: OperatingLine;
  /** Intersection of the two lines; it lies on the feed line x = f_A (aqueous feed). */
  readonly feed: { readonly x: number; readonly y: number };
}

/** Options of {@link stageSteps}. */
export interface StageStepsOptions {
  /** End to step from: `'raffinate'` (stage 1 up, default) or `'product'` (the organic outlet down). */
  readonly from?: 'raffinate' | 'product';
  /** Most stages to step before giving up (default 10 000). */
  readonly maxStages?: number;
}

/** Result of {@link stageSteps}. Stage arrays run from stage 1 (raffinate end) whichever end was stepped. */
export interface StageSteps {
  readonly from: 'raffinate' | 'product';
  /** Total equilibrium stages N = n + m. */
  readonly stages: number;
  /** The feed stage, n: the last stage of the extraction section (Xu's numbering). */
  readonly feedStage: number;
  /** Stages of the extraction section, n (feed stage included). */
  readonly extraction: number;
  /** Stages of the scrub section, m. */
  readonly scrub: number;
  /** A-fraction of the aqueous leaving each stage, x_1 … x_N. */
  readonly aqueous: number[];
  /** A-fraction of the organic leaving each stage, y_1 … y_N. */
  readonly organic: number[];
  /** The staircase, vertex by vertex, in stepping order. */
  readonly path: Curve;
}

/** Everything the lines need, checked. */
interface Lines {
  beta: number;
  betaScrub: number;
  fA: number;
  PA: number;
  xR: number;
  /** Extraction line x_{i+1} = EM·(y_i + ce); scrub line x_{i+1} = EMs·(y_i − cs). */
  EM: number;
  EMs: number;
  ce: number;
  cs: number;
  /** Height of the intersection on the feed line. */
  yFeed: number;
}

function purityValue(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 0.5 && x < 1)) fail('OUT_OF_RANGE', path, x, 'a number in (0.5, 1)');
  return x;
}

function lines(fn: string, design: McCabeThieleDesign): Lines {
  const d = record(fn, design, 'a design { beta, fA, purity, scrubLoad }');
  const beta = checkSeparationFactor(`${fn}.beta`, d.beta);
  const betaScrub = optional(d.betaScrub, beta, (v) => checkSeparationFactor(`${fn}.betaScrub`, v));
  const purity = record(`${fn}.purity`, d.purity, 'an object { organic, aqueous }');
  const PA = purityValue(`${fn}.purity.organic`, purity.organic);
  const xR = 1 - purityValue(`${fn}.purity.aqueous`, purity.aqueous);
  const fA = finite(`${fn}.fA`, d.fA);
  if (!(fA > xR && fA < PA)) {
    fail('INFEASIBLE', `${fn}.fA`, fA, `a feed between the products, in (1 − P_B, P_A) = (${xR}, ${PA})`);
  }
  if (d.scrubLoad === 'total') {
    return { beta, betaScrub, fA, PA, xR, EM: 1, EMs: 1, ce: 0, cs: 0, yFeed: fA };
  }
  const W = positive(`${fn}.scrubLoad`, d.scrubLoad);
  const fPrimeA = (fA - xR) / (PA - xR);
  const fPrimeB = (PA - fA) / (PA - xR);
  const S = W + fPrimeA;
  const EMs = S / W;
  const cs = (fPrimeA * PA) / S;
  return {
    beta,
    betaScrub,
    fA,
    PA,
    xR,
    EM: S / (W + 1),
    EMs,
    ce: (fPrimeB * xR) / S,
    cs,
    yFeed: fA / EMs + cs,
  };
}

/** y = βx/(1 + (β − 1)x). */
function equilibrium(beta: number, x: number): number {
  return (beta * x) / (1 + (beta - 1) * x);
}

/** x = y/(β − (β − 1)y), the inverse of {@link equilibrium}. */
function aqueousFor(beta: number, y: number): number {
  return y / (beta - (beta - 1) * y);
}

/**
 * The constant-separation-factor equilibrium curve y = βx/(1 + (β − 1)x), sampled at `points` evenly spaced
 * x from 0 to 1 (the same form as constant relative volatility in distillation; ree-data §3.3).
 *
 * @param beta separation factor β, in (1, 1e6]
 * @param points number of samples, an integer in [2, 100 000] (default 101)
 * @example
 * ```ts
 * const c = equilibriumCurve(2, 5);
 * c.x[1]; // 0.25
 * c.y[1]; // 0.4
 * c.y.length; // 5
 * ```
 */
export function equilibriumCurve(beta: number, points = 101): Curve {
  const b = checkSeparationFactor('equilibriumCurve.beta', beta);
  const n = integer('equilibriumCurve.points', points, 2);
  if (n > 100_000) fail('OUT_OF_RANGE', 'equilibriumCurve.points', n, 'an integer in [2, 100000]');
  const x = Array.from({ length: n }, (_, i) => i / (n - 1));
  return { x, y: x.map((v) => equilibrium(b, v)) };
}

/**
 * The two operating lines of ree-data §3.3 for a design:
 *
 *   extraction section  y_i = x_{i+1}/E_M − f′_B(1 − P_B)/S,   E_M = S/(W + 1)
 *   scrub section       y_i = x_{i+1}/E′_M + f′_A·P_A/S,       E′_M = S/W
 *
 * (y_i the organic leaving stage i, x_{i+1} the aqueous arriving from the stage above). The extraction line
 * runs from (x_R, x_R) on the diagonal, the scrub line to (P_A, P_A), and they meet on the feed line x = f_A,
 * because 1/E_M − 1/E′_M = 1/S and the balance f′_A·P_A + f′_B·x_R = f_A. When that point lies on or above
 * the equilibrium curve the flows are below the minimum (see {@link stageSteps}). At total reflux both lines
 * are the diagonal.
 *
 * @example
 * ```ts
 * const d = { beta: 2, fA: 0.5, purity: { organic: 0.999, aqueous: 0.9999 }, scrubLoad: 1.2082 };
 * const l = operatingLines(d); // ree-data §3.8a
 * l.feed.x; // 0.5
 * l.scrub.slope; // 0.7071 (1/√2)
 * l.extraction.slope; // 1.2924 (1/E_M)
 * ```
 */
export function operatingLines(design: McCabeThieleDesign): OperatingLines {
  const l = lines('operatingLines', design);
  const eSlope = 1 / l.EM;
  const sSlope = 1 / l.EMs;
  return {
    extraction: { slope: eSlope, intercept: -l.ce, x: [l.xR, l.fA], y: [l.xR, l.yFeed] },
    scrub: { slope: sSlope, intercept: l.cs, x: [l.fA, l.PA], y: [l.yFeed, l.PA] },
    feed: { x: l.fA, y: l.yFeed },
  };
}

/**
 * Steps off equilibrium stages between the equilibrium curve and the operating lines (McCabe–Thiele), from
 * the raffinate end (stage 1: x_1 = x_R, then up) or from the organic product (y = P_A, then down), until
 * the other product's purity is reached. The feed stage is placed optimally: the stage whose organic first
 * reaches the height of the lines' intersection (from the raffinate), or whose aqueous first falls to f_A
 * (from the product); it belongs to the extraction section and uses β, the scrub stages use β′.
 *
 * This is the stage-by-stage calculation of ree-data §3.5 under Xu's assumptions (constant β and extraction
 * ratios); at total reflux it gives Fenske's count rounded up. The last stage may overshoot the purity.
 *
 * @throws ReesimError INFEASIBLE when the flows are at or below the minimum (the lines meet on or above the
 *   equilibrium curve: infinite stages); NOT_CONVERGED when more than `maxStages` stages would be needed
 * @example
 * ```ts
 * const d = { beta: 2, fA: 0.5, purity: { organic: 0.999, aqueous: 0.9999 }, scrubLoad: 1.2082 };
 * const s = stageSteps(d); // ree-data §3.8a: stage-wise n ≈ 25, m = 21
 * s.extraction; // 25
 * s.scrub; // 21
 * stageSteps({ ...d, scrubLoad: 'total' }).stages; // 24 (Fenske 23.3, rounded up)
 * ```
 */
export function stageSteps(design: McCabeThieleDesign, options: StageStepsOptions = {}): StageSteps {
  const l = lines('stageSteps', design);
  const o = record('stageSteps.options', options);
  const from = optional(o.from, 'raffinate' as 'raffinate' | 'product', (v) =>
    oneOf('stageSteps.options.from', v, ['raffinate', 'product'] as const),
  );
  const maxStages = optional(o.maxStages, 10_000, (v) => integer('stageSteps.options.maxStages', v, 1));
  const pinch = Math.min(equilibrium(l.beta, l.fA), equilibrium(l.betaScrub, l.fA));
  if (!(l.yFeed < pinch)) {
    fail(
      'INFEASIBLE',
      'stageSteps.scrubLoad',
      design.scrubLoad,
      `a scrub flow above the minimum: the operating lines meet at y = ${l.yFeed} on the feed line, not ` +
        `below the equilibrium curve (y* = ${pinch}), so the cascade would need infinite stages`,
    );
  }
  const result = from === 'raffinate' ? fromRaffinate(l, maxStages) : fromProduct(l, maxStages);
  if (!result) {
    fail('NOT_CONVERGED', 'stageSteps.options.maxStages', maxStages, 'enough stages to reach both purities');
  }
  return result;
}

function fromRaffinate(l: Lines, maxStages: number): StageSteps | undefined {
  const aqueous: number[] = [];
  const organic: number[] = [];
  const px = [l.xR];
  const py = [l.xR];
  let x = l.xR;
  let feed = 0;
  for (let i = 1; i <= maxStages; i++) {
    const y = equilibrium(feed > 0 ? l.betaScrub : l.beta, x);
    aqueous.push(x);
    organic.push(y);
    px.push(x);
    py.push(y);
    if (feed === 0 && y >= l.yFeed) feed = i;
    if (y >= l.PA) {
      const n = feed === 0 ? i : feed;
      return finish('raffinate', i, n, aqueous, organic, px, py);
    }
    x = feed > 0 ? l.EMs * (y - l.cs) : l.EM * (y + l.ce);
    px.push(x);
    py.push(y);
  }
  return undefined;
}

function fromProduct(l: Lines, maxStages: number): StageSteps | undefined {
  const aqueous: number[] = [];
  const organic: number[] = [];
  const px = [l.PA];
  const py = [l.PA];
  let y = l.PA;
  let feedFromTop = 0;
  for (let j = 1; j <= maxStages; j++) {
    let x = aqueousFor(feedFromTop > 0 ? l.beta : l.betaScrub, y);
    if (feedFromTop === 0 && x <= l.fA) {
      feedFromTop = j;
      x = aqueousFor(l.beta, y);
    }
    aqueous.push(x);
    organic.push(y);
    px.push(x);
    py.push(y);
    if (x <= l.xR) {
      const n = j - (feedFromTop === 0 ? j : feedFromTop) + 1;
      return finish('product', j, n, aqueous.reverse(), organic.reverse(), px, py);
    }
    y = feedFromTop > 0 ? x / l.EM - l.ce : x / l.EMs + l.cs;
    px.push(x);
    py.push(y);
  }
  return undefined;
}

function finish(
  from: 'raffinate' | 'product',
  stages: number,
  feedStage: number,
  aqueous: number[],
  organic: number[],
  x: number[],
  y: number[],
): StageSteps {
  return {
    from,
    stages,
    feedStage,
    extraction: feedStage,
    scrub: stages - feedStage,
    aqueous,
    organic,
    path: { x, y },
  };
}
