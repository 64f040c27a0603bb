/**
 * What every chart spec shares: the Vega-Lite top level (schema, size, title, config), the check that no
 * NaN or Infinity reaches a chart's data, and small helpers for series and scales. Pure (no Node APIs).
 */
import { fail } from '../../core/errors.js';

/**
 * A Vega-Lite top-level spec as plain JSON (schema v6), with its data inline: render it with `renderSvg`,
 * or paste it into the Vega editor.
 */
export type ChartSpec = Record<string, unknown>;

/** A chart ready to be written: `name` is a kebab-case file stem (`cascade-profile`), `title` its title. */
export interface NamedChart {
  readonly name: string;
  readonly title: string;
  readonly spec: ChartSpec;
}

/** The Vega-Lite schema the specs follow. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Plot area of an ordinary chart, px (axes and legend add 150-250 px to the width). A y-axis title longer than
 * the plot is tall (about 45 characters at 320 px) pushes the plot down: keep them short.
 */
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 320;

/** Shared look: titles left-aligned, long legend and axis labels kept whole, a white background. */
const CONFIG = {
  background: 'white',
  title: { anchor: 'start', fontSize: 14 },
  axis: { labelLimit: 320, titleLimit: 0 },
  legend: { titleLimit: 0, labelLimit: 420 },
};

/**
 * Assembles a top-level spec: `$schema`, the title (and a subtitle), the plot size and the shared config around `body`
 * (mark, encoding or layers, with inline data). Throws NOT_FINITE when any number in the spec is NaN or
 * ±Infinity, naming where.
 */
export function chartSpec(
  title: string,
  body: Record<string, unknown>,
  size: { readonly width?: number; readonly height?: number; readonly subtitle?: string } = {},
): ChartSpec {
  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: size.subtitle ? { text: title, subtitle: size.subtitle } : { text: title },
    width: size.width ?? CHART_WIDTH,
    height: size.height ?? CHART_HEIGHT,
    config: CONFIG,
    ...body,
  };
  checkFinite(spec, 'spec');
  return spec;
}

/** Throws NOT_FINITE at the first number that is NaN or ±Infinity in `value` (depth first). */
function checkFinite(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('NOT_FINITE', path, value, 'a finite number in the chart data');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkFinite(v, `${path}[${i}]`);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) checkFinite(v, `${path}.${k}`);
  }
}

/** The text of a spec's title (a string, or `{ text }`). */
export function titleOf(spec: ChartSpec): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (typeof t === 'object' && t !== null && typeof (t as { text?: unknown }).text === 'string')
    return (t as { text: string }).text;
  return '';
}

/** Twenty distinguishable colours (Tableau 20). */
const PALETTE = [
  '#4e79a7',
  '#a0cbe8',
  '#f28e2b',
  '#ffbe7d',
  '#59a14f',
  '#8cd17d',
  '#b6992d',
  '#f1ce63',
  '#499894',
  '#86bcb6',
  '#e15759',
  '#ff9d9a',
  '#79706e',
  '#bab0ac',
  '#d37295',
  '#fabfd2',
  '#b07aa1',
  '#d4a6c8',
  '#9d7660',
  '#d7b5a6',
] as const;

/** The palette's ten strong colours, then its ten light ones: neighbours in a list get different hues. */
const BY_PLACE = [...PALETTE.filter((_, i) => i % 2 === 0), ...PALETTE.filter((_, i) => i % 2 === 1)];

/**
 * One colour per element, the same in every chart: strong colours for the elements charts show most
 * (Nd blue, Pr green, La orange, Ce red, ...), lighter ones for the rest.
 */
const ELEMENT_COLOUR: Readonly<Record<string, string>> = {
  Nd: '#4e79a7',
  Pr: '#59a14f',
  La: '#f28e2b',
  Ce: '#e15759',
  Sm: '#b07aa1',
  Eu: '#edc948',
  Gd: '#76b7b2',
  Tb: '#ff9da7',
  Dy: '#9c755f',
  Y: '#bab0ac',
  Ho: '#a0cbe8',
  Er: '#ffbe7d',
  Tm: '#8cd17d',
  Yb: '#f1ce63',
  Lu: '#86bcb6',
  Sc: '#d4a6c8',
  Pm: '#d7b5a6',
  Th: '#79706e',
  U: '#499894',
};

/**
 * The colour of a series key, the same wherever the key appears: an element's own colour, else the
 * palette colour at `order`'s position of the key (a scenario's country list), else one picked by the
 * key's characters (consecutive one-letter names such as `A`, `B` get neighbouring colours).
 */
export function colourOf(key: string, order?: readonly string[]): string {
  const own = ELEMENT_COLOUR[key];
  if (own !== undefined) return own;
  const at = order?.indexOf(key) ?? -1;
  if (at >= 0) return BY_PLACE[at % BY_PLACE.length] as string;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 1_000_003;
  return BY_PLACE[h % BY_PLACE.length] as string;
}

/**
 * A colour scale whose every series keeps its colour across charts: `labels` (the legend's entries, in
 * legend order) coloured by their `keys` (an element, a country code; default the labels themselves). Two
 * series of one chart never share a colour: a key whose colour is taken gets the next free one.
 */
export function seriesColours(
  labels: readonly string[],
  keys: readonly string[] = labels,
  order?: readonly string[],
): Record<string, unknown> {
  // Elements first: each keeps its own colour whatever comes before it in the legend.
  const used = new Set<string>();
  const range: string[] = new Array(keys.length);
  keys.forEach((k, i) => {
    const own = ELEMENT_COLOUR[k];
    if (own !== undefined && !used.has(own)) {
      range[i] = own;
      used.add(own);
    }
  });
  keys.forEach((k, i) => {
    if (range[i] !== undefined) return;
    let c = colourOf(k, order);
    for (let j = 0; used.has(c) && j < PALETTE.length; j++) c = BY_PLACE[j] as string;
    used.add(c);
    range[i] = c;
  });
  return { domain: [...labels], range };
}

/**
 * Whether a log scale suits positive values spanning `max / min`: more than three decades.
 * Returns false for an empty or non-positive range.
 */
export function wantsLog(values: readonly number[]): boolean {
  const { min, max } = positiveRange(values);
  return max > 0 && max / min > 1e3;
}

/**
 * Smallest and largest positive value of a list, by a loop (a spread into `Math.max` overflows the call
 * stack on a few hundred thousand values); `{ min: 0, max: 0 }` when none is positive.
 */
export function positiveRange(values: readonly number[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const v of values) {
    if (v > 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return max > 0 ? { min, max } : { min: 0, max: 0 };
}

/**
 * Most points a chart draws per series (a line or a set of points): the plot is about 560 px wide, so more
 * would not show and would only swell the SVG.
 */
export const MAX_POINTS_PER_SERIES = 2000;

/**
 * Indices of at most `max` (at least 2) evenly spaced items out of `n`, the first and the last always
 * among them: `0, 1, ..., n − 1` when `n <= max`. Charts of long results (many stages, samples or points)
 * draw only these items.
 */
export function thinIndices(n: number, max: number = MAX_POINTS_PER_SERIES): number[] {
  const count = Math.floor(n);
  if (!(count > 0)) return [];
  const keep = Math.max(2, Math.floor(max));
  const out: number[] = [];
  if (count <= keep) {
    for (let i = 0; i < count; i++) out.push(i);
    return out;
  }
  const step = (count - 1) / (keep - 1);
  let last = -1;
  for (let k = 0; k < keep; k++) {
    const i = k === keep - 1 ? count - 1 : Math.round(k * step);
    if (i > last) out.push(i);
    last = i;
  }
  return out;
}

/** The items at {@link thinIndices}: at most `max` of them, evenly spaced, first and last kept. */
export function thin<T>(items: readonly T[], max: number = MAX_POINTS_PER_SERIES): T[] {
  return thinIndices(items.length, max).map((i) => items[i] as T);
}

/**
 * Whether a spec has anything to draw: rows in its inline data or, for a layered spec, in its first
 * layer (the one that carries the series; later layers are rules and labels). Charts without data would
 * render empty axes (and vega writes NaN into them), so `chartsFor` leaves them out.
 */
export function hasData(spec: ChartSpec): boolean {
  const rows = (x: unknown): number => {
    const values = (x as { data?: { values?: unknown } } | undefined)?.data?.values;
    return Array.isArray(values) ? values.length : 0;
  };
  if (rows(spec) > 0) return true;
  const layer = spec.layer;
  return Array.isArray(layer) && rows(layer[0]) > 0;
}

/** A fraction as a percentage, rounded to 1e-9 % so that round-off does not show in the data. */
export function percent(x: number): number {
  return Math.round(x * 1e11) / 1e9;
}

/** Checks that `value` is an object with the listed keys, else INVALID_TYPE at `path` naming `what`. */
export function shaped<T>(path: string, value: unknown, keys: readonly string[], what: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !keys.every((k) => k in value))
    fail('INVALID_TYPE', path, value, `${what} (with ${keys.join(', ')})`);
  return value as T;
}
