/**
 * The Markdown report of a scenario run (`report.md` of `reesim run --out DIR`). Pure string functions
 * (no Node APIs).
 */
import type { ScenarioKind } from '../scenario/kinds.js';
import {
  balanceText,
  formatValue,
  type ReportTable,
  runCountsText,
  type ScenarioReport,
} from './kinds/common.js';

/** Rows of a table shown in the Markdown report; the rest are only in its CSV file. */
export const MAX_MARKDOWN_ROWS = 60;

/** What {@link markdownReport} renders. */
export interface MarkdownReportArgs {
  /** Report title (the scenario's name). */
  readonly title: string;
  /** A paragraph under the title (the scenario's description). */
  readonly description?: string;
  readonly kind: ScenarioKind;
  readonly report: ScenarioReport;
  /** Charts to show, in order: image file (relative to the report) and title. */
  readonly charts: readonly { readonly file: string; readonly title: string }[];
  /** CSV file of each table by table name (relative to the report), for links. */
  readonly tableFiles?: Readonly<Record<string, string>>;
  /** The scenario file as given, echoed at the end. */
  readonly input: { readonly text: string; readonly format: 'yaml' | 'json' };
}

/** A table cell: pipes escaped, line breaks as `<br>`. */
function cell(value: string | number): string {
  return formatValue(value).replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

/** One line of text: line breaks as spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** A link target, in angle brackets when it holds spaces or parentheses. */
function target(file: string): string {
  return /[\s()<>]/.test(file) ? `<${file.replace(/[<>]/g, encodeURIComponent)}>` : file;
}

/** Link text or image alt text: brackets escaped. */
function label(text: string): string {
  return oneLine(text).replace(/[[\]]/g, (c) => `\\${c}`);
}

function markdownTable(
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  numeric: readonly boolean[],
): string[] {
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map((_, j) => (numeric[j] ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((_, j) => cell(r[j] ?? '')).join(' | ')} |`),
  ];
}

function tableSection(t: ReportTable, file: string | undefined): string[] {
  const out = [`### ${oneLine(t.title)}`, ''];
  if (file) out.push(`CSV: [${label(file)}](${target(file)})`, '');
  if (t.rows.length === 0) return [...out, '_No rows._', ''];
  const shown = t.rows.slice(0, MAX_MARKDOWN_ROWS);
  const numeric = t.columns.map((_, j) => shown.every((r) => typeof r[j] === 'number'));
  out.push(...markdownTable(t.columns, shown, numeric), '');
  const more = t.rows.length - shown.length;
  if (more > 0) {
    const where = file ? `in [${label(file)}](${target(file)})` : 'not shown';
    out.push(`_${more} more ${more === 1 ? 'row' : 'rows'} ${where}._`, '');
  }
  return out;
}

/** A code fence longer than any run of backticks in `text`. */
function fence(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Renders the Markdown report of a run: title, description, key figures, evidence (converged and what it
 * covers, or for a study how many runs succeeded, failed and failed to converge; balance residual or "not
 * recorded", iterations, notes), charts as images, every table (at most {@link MAX_MARKDOWN_ROWS} rows,
 * then a line saying how many more are in its CSV file), and the scenario file echoed in a fenced block.
 * Cells escape `|` and turn line breaks into `<br>`; numbers are shown to 6 significant digits (the CSV
 * files hold them in full).
 *
 * @example
 * ```ts
 * const md = markdownReport({
 *   title: 'Pr/Nd cut',
 *   kind: 'cascade',
 *   report: {
 *     kind: 'cascade',
 *     kpis: [{ label: 'Nd purity', value: 99.95, unit: '%' }],
 *     tables: [{ name: 'outlets', title: 'Outlets', columns: ['Outlet', 'Nd (mol/h)'], rows: [['a|b', 1.5]] }],
 *     evidence: { converged: true, balanceResidual: 0, notes: [] },
 *   },
 *   charts: [{ file: 'charts/profile.svg', title: 'Profile' }],
 *   input: { text: 'kind: cascade', format: 'yaml' },
 * });
 * md.split('\n')[0]; // '# Pr/Nd cut'
 * md.includes('| a\\|b | 1.5 |'); // true
 * md.includes('![Profile](charts/profile.svg)'); // true
 * ```
 */
export function markdownReport(args: MarkdownReportArgs): string {
  const { report } = args;
  const e = report.evidence;
  const out = [`# ${oneLine(args.title)}`, ''];
  if (args.description?.trim()) out.push(args.description.trim(), '');
  out.push(`Scenario kind: \`${args.kind}\`.`, '');

  out.push('## Key figures', '');
  if (report.kpis.length === 0) out.push('_None._', '');
  else {
    const rows = report.kpis.map((k) => [k.label, k.value, k.unit ?? '']);
    out.push(...markdownTable(['Figure', 'Value', 'Unit'], rows, [false, true, false]), '');
  }

  out.push('## Evidence', '');
  if (e.runs) {
    // A study: the counts, so that "yes" is not read as "every run converged".
    const noun = `${e.runs.noun.charAt(0).toUpperCase()}${e.runs.noun.slice(1)}`;
    out.push(`- ${noun} converged: ${e.converged ? '' : '**no**: '}${runCountsText(e.runs)}`);
  } else {
    const scope = e.scope ? ` (${oneLine(e.scope)})` : '';
    out.push(`- Converged${scope}: ${e.converged ? 'yes' : '**no**'}`);
  }
  out.push(`- Balance residual (relative): ${balanceText(e)}`);
  if (e.iterations !== undefined) out.push(`- Iterations: ${formatValue(e.iterations)}`);
  for (const w of e.warnings ?? []) out.push(`- **Warning:** ${oneLine(w)}`);
  for (const n of e.notes) out.push(`- ${oneLine(n)}`);
  out.push('');

  if (args.charts.length > 0) {
    out.push('## Charts', '');
    for (const c of args.charts) out.push(`![${label(c.title)}](${target(c.file)})`, '');
  }

  if (report.tables.length > 0) {
    out.push('## Tables', '');
    for (const t of report.tables) out.push(...tableSection(t, args.tableFiles?.[t.name]));
  }

  const f = fence(args.input.text);
  out.push('## Inputs', '', `${f}${args.input.format}`, args.input.text.replace(/\s+$/, ''), f, '');
  return out.join('\n');
}
