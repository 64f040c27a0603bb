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
  legend: { titleLimit: 0, labelLimit: 320 },
};

/**
 * Assembles a top-level spec: `$schema`, the title, the plot size and the shared config around `body`
 * (mark, encoding or layers, with inline data). Throws NOT_FINITE when any number in the spec is NaN or
 * ±Infinity, naming where.
 */
export function chartSpec(
  title: string,
  body: Record<string, unknown>,
  size: { readonly width?: number; readonly height?: number } = {},
): ChartSpec {
  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title },
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

/** A colour scale for `n` series: the default ten colours, or twenty when there are more. */
export function colorScale(n: number): Record<string, unknown> {
  return n > 10 ? { scheme: 'tableau20' } : {};
}

/**
 * Whether a log scale suits positive values spanning `max / min`: more than three decades.
 * Returns false for an empty or non-positive range.
 */
export function wantsLog(values: readonly number[]): boolean {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return false;
  return Math.max(...positive) / Math.min(...positive) > 1e3;
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
