/** Reading scenario files and writing a run's outputs. */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Issue } from '../core/errors.js';
import { MAX_SCENARIO_CHARS, type ScenarioFormat } from '../scenario/parse.js';
import { CliFailure, EXIT_BAD_INPUT, EXIT_RUN_FAILED, formatIssues } from './exit.js';

/** A scenario file's text and format (by extension: .json is JSON, anything else YAML). */
export function readScenarioFile(file: string): { text: string; format: ScenarioFormat } {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    if (st.size > MAX_SCENARIO_CHARS * 4) {
      const expected = `a file of at most ${MAX_SCENARIO_CHARS} characters`;
      const issue: Issue = { code: 'OUT_OF_RANGE', path: '(file)', value: st.size, expected };
      throw new CliFailure(formatIssues(file, [issue]), EXIT_BAD_INPUT);
    }
    const text = readFileSync(file, 'utf8');
    return { text, format: extname(file).toLowerCase() === '.json' ? 'json' : 'yaml' };
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new CliFailure(`${file}: cannot read the scenario file (${why})`, EXIT_BAD_INPUT);
  }
}

/** JSON of a result: typed arrays as arrays, non-finite numbers (there should be none) as null. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number>);
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      return v;
    },
    2,
  )}\n`;
}

/** Writes `files` (relative name -> content) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CliFailure(`cannot write the outputs to ${dir}: ${why}`, EXIT_RUN_FAILED);
  }
}
