/** What `--out DIR` holds after a run: report.md, one CSV per result table, result.json and SVG charts. */
import { chartsFor } from '../report/charts.js';
import { toCsv } from '../report/csv.js';
import { markdownReport } from '../report/markdown.js';
import type { ScenarioReport } from '../report/scenarioReport.js';
import { renderSvg } from '../report/svg.js';
import type { Scenario } from '../scenario/load.js';
import type { ScenarioFormat } from '../scenario/parse.js';
import { toJson, writeFiles } from './files.js';

/** A finished run, ready to write. */
export interface FinishedRun {
  readonly scenario: Scenario;
  readonly result: unknown;
  readonly report: ScenarioReport;
  /** The scenario as the user wrote it, echoed in the report. */
  readonly input: { readonly text: string; readonly format: ScenarioFormat };
}

/** Writes a run's report, tables, result and charts under `dir`; returns the file names written. */
export async function writeRunOutputs(dir: string, run: FinishedRun): Promise<string[]> {
  const { scenario, result, report } = run;
  const files: Record<string, string> = {};
  const charts: { file: string; title: string }[] = [];
  for (const chart of chartsFor(scenario.kind, scenario.input, result)) {
    const file = `charts/${chart.name}.svg`;
    files[file] = await renderSvg(chart.spec);
    charts.push({ file, title: chart.title });
  }
  const tableFiles: Record<string, string> = {};
  for (const table of report.tables) {
    const file = `${table.name}.csv`;
    files[file] = toCsv(table);
    tableFiles[table.name] = file;
  }
  files['result.json'] = toJson(result);
  files['report.md'] = markdownReport({
    title: scenario.title ?? `reesim ${scenario.kind}`,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    kind: scenario.kind,
    report,
    charts,
    tableFiles,
    input: run.input,
  });
  writeFiles(dir, files);
  return Object.keys(files).sort();
}
