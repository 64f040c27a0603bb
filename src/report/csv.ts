/**
 * CSV files of report tables (RFC 4180). Pure string functions (no Node APIs).
 */
import { fail } from '../core/errors.js';
import type { ReportTable } from './kinds/common.js';

function field(cell: string | number, path: string): string {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) fail('NOT_FINITE', path, cell, 'a finite number');
    return String(cell);
  }
  if (typeof cell !== 'string') fail('INVALID_TYPE', path, cell, 'a string or a number');
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Writes a report table as CSV (RFC 4180): a header row of the column names, then one record per row;
 * fields holding a comma, a double quote or a line break are quoted, with quotes doubled; numbers are
 * written in full precision (`String(n)`, which reads back to the same number); every record ends in
 * `'\n'`.
 *
 * @throws ReesimError `INVALID_TYPE` for a row whose length differs from the columns' or a cell that is
 *   neither string nor number; `NOT_FINITE` for NaN or ±Infinity
 * @example
 * ```ts
 * const csv = toCsv({ name: 'streams', title: 'Streams', columns: ['Stream', 'Nd (kg/h)'],
 *   rows: [['ore, crushed', 0.1], ['say "hi"', 1 / 3]] });
 * csv.split('\n'); // ['Stream,Nd (kg/h)', '"ore, crushed",0.1', '"say ""hi""",0.3333333333333333', '']
 * ```
 */
export function toCsv(table: ReportTable): string {
  const path = `table(${table.name})`;
  const lines = [table.columns.map((c, j) => field(c, `${path}.columns[${j}]`)).join(',')];
  table.rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== table.columns.length)
      fail('INVALID_TYPE', `${path}.rows[${r}]`, row, `a row of ${table.columns.length} cells`);
    lines.push(row.map((cell, c) => field(cell, `${path}.rows[${r}][${c}]`)).join(','));
  });
  return `${lines.join('\n')}\n`;
}
