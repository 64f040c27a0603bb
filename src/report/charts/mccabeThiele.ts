/**
 * The McCabe–Thiele diagram of a cascade design: equilibrium curve(s), the diagonal, both operating lines
 * and the stage staircase.
 */
import { fail } from '../../core/errors.js';
import type { KeyPair } from '../../sx/design/keyPair.js';
import type { Curve, OperatingLines, StageSteps } from '../../sx/design/mccabeThiele.js';
import { type ChartSpec, chartSpec, thinIndices } from './spec.js';

/** What the diagram draws: the `mcCabeThiele` field of a {@link reesim!CascadeDesign | CascadeDesign}. */
export interface McCabeThieleData {
  /** Equilibrium curves of the extraction and the scrub section (the same curve when β′ = β). */
  readonly curve: { readonly extraction: Curve; readonly scrub: Curve };
  readonly lines: OperatingLines;
  readonly steps: StageSteps;
}

/** Options of {@link mccabeThieleChart}. */
export interface McCabeThieleOptions {
  /**
   * The stage counts the design verified by stage-wise simulation of all species (`design.stages`); shown
   * in the subtitle beside the staircase's estimate, which may differ by a stage or two.
   */
  readonly verified?: { readonly extraction: number; readonly scrub: number };
}

/** Plot side, px: a square plot, the legend below it. */
const SIDE = 560;

function sameCurve(a: Curve, b: Curve): boolean {
  return a.x.length === b.x.length && a.y.every((v, i) => v === b.y[i]) && a.x.every((v, i) => v === b.x[i]);
}

/**
 * McCabe–Thiele diagram: x, the A fraction of the rare earths in the aqueous, against y, that in the
 * organic (both mol/mol), with the equilibrium curve of each section, the diagonal y = x, the extraction
 * and scrub operating lines and the stages stepped between them. Give the design's key pair to name A and B
 * in the title (other species are lumped with the key on their side). The staircase is the two-component
 * estimate of the stage counts (its legend says so, `McCabe–Thiele staircase (n + m extraction + scrub, estimate)`); give the
 * design's verified counts (`design.stages`, from simulating every species stage by stage) to show them in
 * the subtitle. A staircase or curve of more than 2,000 points is drawn at 2,000 evenly spaced points.
 *
 * @param data `design.mcCabeThiele` of {@link reesim!designCascade | designCascade}, or the same built from
 *   {@link "reesim/sx"!equilibriumCurve | equilibriumCurve},
 *   {@link "reesim/sx"!operatingLines | operatingLines} and {@link "reesim/sx"!stageSteps | stageSteps}
 * @param keys the key pair, for the title
 * @param options the design's verified stage counts, for the subtitle
 * @throws ReesimError INVALID_TYPE when `data` lacks curves, lines or steps
 * @example
 * ```ts
 * const d = { beta: 2, fA: 0.5, purity: { organic: 0.99, aqueous: 0.99 }, scrubLoad: 1.5 };
 * const c = equilibriumCurve(2);
 * const data = { curve: { extraction: c, scrub: c }, lines: operatingLines(d), steps: stageSteps(d) };
 * const spec = mccabeThieleChart(data, { A: 'Nd', B: 'Pr' }, { verified: { extraction: 9, scrub: 8 } });
 * spec.width; // 560
 * (spec.title as { subtitle: string }).subtitle; // 'Verified by simulating every species: 9 + 8 stages (extraction + scrub)'
 * ```
 */
export function mccabeThieleChart(
  data: McCabeThieleData,
  keys?: KeyPair,
  options: McCabeThieleOptions = {},
): ChartSpec {
  const ok =
    data &&
    typeof data === 'object' &&
    Array.isArray(data.curve?.extraction?.x) &&
    Array.isArray(data.curve?.scrub?.x) &&
    typeof data.lines?.extraction?.slope === 'number' &&
    Array.isArray(data.steps?.path?.x);
  if (!ok) fail('INVALID_TYPE', 'mccabeThieleChart', data, 'McCabe–Thiele data { curve, lines, steps }');
  const rows: { x: number; y: number; line: string; i: number }[] = [];
  const add = (line: string, xs: readonly number[], ys: readonly number[]) => {
    for (const i of thinIndices(xs.length)) rows.push({ x: xs[i] as number, y: ys[i] as number, line, i });
  };
  const { curve, lines, steps } = data;
  const split = !sameCurve(curve.extraction, curve.scrub);
  const names = {
    eqE: split ? 'Equilibrium, extraction section' : 'Equilibrium curve',
    eqS: 'Equilibrium, scrub section',
    diag: 'Diagonal y = x',
    opE: 'Operating line, extraction',
    opS: 'Operating line, scrub',
    steps: `McCabe–Thiele staircase (${steps.extraction} + ${steps.scrub} extraction + scrub, estimate)`,
  };
  add(names.eqE, curve.extraction.x, curve.extraction.y);
  if (split) add(names.eqS, curve.scrub.x, curve.scrub.y);
  add(names.diag, [0, 1], [0, 1]);
  add(names.opE, lines.extraction.x, lines.extraction.y);
  add(names.opS, lines.scrub.x, lines.scrub.y);
  add(names.steps, steps.path.x, steps.path.y);
  const order = [names.eqE, ...(split ? [names.eqS] : []), names.diag, names.opE, names.opS, names.steps];
  const axis = (phase: string, v: string) => ({
    field: v,
    type: 'quantitative',
    title: `${v}: A fraction of the rare earths in the ${phase} (mol/mol)`,
    scale: { domain: [0, 1] },
  });
  const title = keys
    ? `McCabe–Thiele diagram: A = ${keys.A} side, B = ${keys.B} side`
    : 'McCabe–Thiele diagram of the key pair';
  const v = options.verified;
  const subtitle =
    v && Number.isInteger(v.extraction) && Number.isInteger(v.scrub)
      ? `Verified by simulating every species: ${v.extraction} + ${v.scrub} stages (extraction + scrub)`
      : undefined;
  return chartSpec(
    title,
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.5, clip: true },
      encoding: {
        x: axis('aqueous', 'x'),
        y: axis('organic', 'y'),
        order: { field: 'i', type: 'quantitative' },
        color: {
          field: 'line',
          type: 'nominal',
          title: 'Line',
          sort: order,
          legend: { orient: 'bottom', columns: 2, labelLimit: 400 },
        },
        strokeDash: {
          field: 'line',
          type: 'nominal',
          title: 'Line',
          sort: order,
          legend: { orient: 'bottom', columns: 2, labelLimit: 400 },
          scale: {
            domain: order,
            range: order.map((n) =>
              n === names.diag ? [4, 3] : n.startsWith('Operating') ? [6, 2] : [1, 0],
            ),
          },
        },
      },
    },
    subtitle ? { width: SIDE, height: SIDE, subtitle } : { width: SIDE, height: SIDE },
  );
}

/** A : B mole ratio of a phase whose A fraction is `f` (undefined at 0 or 1, where the ratio leaves the log axis). */
function ratioOf(f: number): number | undefined {
  const r = f / (1 - f);
  return f > 0 && f < 1 && Number.isFinite(r) ? r : undefined;
}

/** `n` ratios spaced evenly on a log scale from `lo` to `hi` (both > 0). */
function logSpaced(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, k) => Math.exp(a + ((b - a) * k) / (n - 1)));
}

/**
 * The McCabe–Thiele diagram in ratios: the A : B mole ratio in the organic against that in the aqueous,
 * both on log scales, where a high-purity design's stages crowd into the corners of the ordinary diagram.
 * With a constant separation factor the equilibrium curve is the straight line y = β·x and every stage
 * of a pinch-free section is the same step (log β wide), so all of them can be counted; the operating lines
 * bend. Draws the same lines as {@link mccabeThieleChart} over the staircase's range of ratios.
 *
 * @param data `design.mcCabeThiele` of {@link reesim!designCascade | designCascade}
 * @param keys the key pair, for the title
 * @param options the design's verified stage counts, for the subtitle
 * @throws ReesimError INVALID_TYPE when `data` lacks curves, lines or steps
 * @example
 * ```ts
 * const d = { beta: 2, fA: 0.5, purity: { organic: 0.999, aqueous: 0.999 }, scrubLoad: 1.5 };
 * const c = equilibriumCurve(2);
 * const data = { curve: { extraction: c, scrub: c }, lines: operatingLines(d), steps: stageSteps(d) };
 * const spec = mccabeThieleRatioChart(data, { A: 'Nd', B: 'Pr' });
 * (spec.title as { text: string }).text; // 'McCabe–Thiele diagram in A : B ratios (log scales): A = Nd side, B = Pr side'
 * ```
 */
export function mccabeThieleRatioChart(
  data: McCabeThieleData,
  keys?: KeyPair,
  options: McCabeThieleOptions = {},
): ChartSpec {
  const base = mccabeThieleChart(data, keys, options);
  const { curve, lines, steps } = data;
  const path = steps.path.x.flatMap((x, i) => {
    const rx = ratioOf(x);
    const ry = ratioOf(steps.path.y[i] as number);
    return rx === undefined || ry === undefined ? [] : [{ rx, ry }];
  });
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const p of path) {
    lo = Math.min(lo, p.rx, p.ry);
    hi = Math.max(hi, p.rx, p.ry);
  }
  if (!(hi > lo)) return base;
  lo /= 2;
  hi *= 2;
  const rows: { x: number; y: number; line: string; i: number }[] = [];
  const push = (line: string, pts: readonly { x: number; y: number }[]) => {
    pts.forEach((p, i) => {
      const x = ratioOf(p.x);
      const y = ratioOf(p.y);
      if (x !== undefined && y !== undefined) rows.push({ x, y, line, i });
    });
  };
  const split = !sameCurve(curve.extraction, curve.scrub);
  const order = ((base.encoding as Record<string, { sort: string[] }> | undefined)?.color?.sort ??
    []) as string[];
  const [eqE, eqS, diag, opE, opS, stairs] = split
    ? order
    : [order[0], undefined, order[1], order[2], order[3], order[4]];
  // Curves: resampled on log-spaced aqueous ratios. Between the curve's points the local separation factor
  // ln(r_y / r_x) is interpolated (exact for a constant β, where it is the same at every point), not y
  // itself: a straight chord in fractions bends away from y = βx near 0 and 1, where this chart looks.
  const logBeta = (c: Curve, k: number) => {
    const rx = ratioOf(c.x[k] as number);
    const ry = ratioOf(c.y[k] as number);
    return rx === undefined || ry === undefined ? undefined : Math.log(ry / rx);
  };
  const along = (c: Curve) =>
    logSpaced(lo, hi, 200).flatMap((r) => {
      const x = r / (1 + r);
      let k = 1;
      while (k < c.x.length - 1 && (c.x[k] as number) < x) k++;
      // The ends (x = 0 or 1) have no ratio: their neighbour's factor stands in.
      const b0 = logBeta(c, k - 1) ?? logBeta(c, k);
      const b1 = logBeta(c, k) ?? b0;
      if (b0 === undefined || b1 === undefined) return [];
      const x0 = c.x[k - 1] as number;
      const x1 = c.x[k] as number;
      const t = x1 > x0 ? Math.min(1, Math.max(0, (x - x0) / (x1 - x0))) : 0;
      const ry = r * Math.exp(b0 + t * (b1 - b0));
      return [{ x, y: ry / (1 + ry) }];
    });
  push(eqE as string, along(curve.extraction));
  if (split) push(eqS as string, along(curve.scrub));
  push(
    diag as string,
    [lo, hi].map((r) => ({ x: r / (1 + r), y: r / (1 + r) })),
  );
  // Operating lines: straight in fractions, so sampled densely on log-spaced ratios between their ends.
  for (const [name, l] of [
    [opE, lines.extraction],
    [opS, lines.scrub],
  ] as const) {
    const a = ratioOf(l.x[0]);
    const b = ratioOf(l.x[1]);
    if (a === undefined || b === undefined) continue;
    push(
      name as string,
      logSpaced(a, b, 200).map((r) => {
        const x = r / (1 + r);
        return { x, y: l.slope * x + l.intercept };
      }),
    );
  }
  push(
    stairs as string,
    steps.path.x.map((x, i) => ({ x, y: steps.path.y[i] as number })),
  );
  const axis = (phase: string, v: string) => ({
    field: v,
    type: 'quantitative',
    title: `${v}: A : B mole ratio in the ${phase} (mol/mol, log scale)`,
    scale: { type: 'log', domain: [lo, hi] },
    axis: { format: ',.3~r' },
  });
  const title = keys
    ? `McCabe–Thiele diagram in A : B ratios (log scales): A = ${keys.A} side, B = ${keys.B} side`
    : 'McCabe–Thiele diagram in A : B ratios (log scales)';
  const enc = base.encoding as Record<string, unknown>;
  return chartSpec(
    title,
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.5, clip: true },
      encoding: { ...enc, x: axis('aqueous', 'x'), y: axis('organic', 'y') },
    },
    {
      width: SIDE,
      height: SIDE,
      ...((base.title as { subtitle?: string }).subtitle
        ? { subtitle: (base.title as { subtitle: string }).subtitle }
        : {}),
    },
  );
}
