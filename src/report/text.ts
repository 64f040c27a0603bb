/**
 * Plain-text rendering of results for terminals and logs. Pure string functions (no Node APIs).
 */

/**
 * Formats a number for a table: fixed decimals for ordinary magnitudes, exponent for very small/large ones.
 *
 * @example
 * ```ts
 * formatNumber(3.14159, 2); // '3.14'
 * formatNumber(1.5e-7); // '1.500e-7'
 * ```
 */
export function formatNumber(x: number, digits = 4): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e7 || a < 10 ** -digits) return x.toExponential(Math.max(1, digits - 1));
  return x.toFixed(a >= 1000 ? Math.min(1, digits) : digits);
}

/**
 * Formats a fraction as a percentage with `digits` decimals.
 *
 * @example
 * ```ts
 * formatPercent(0.675); // '67.50 %'
 * ```
 */
export function formatPercent(x: number, digits = 2): string {
  return `${(100 * x).toFixed(digits)} %`;
}

/**
 * Renders rows as an aligned text table: first column left-aligned, others right-aligned.
 *
 * @example
 * ```ts
 * textTable(['stream', 'kg/h'], [['ore', '100'], ['conc', '7.5']]);
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
