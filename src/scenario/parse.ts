/**
 * Reading a scenario file's text into plain data, safely: a size limit, YAML (1.2 core schema, unique
 * keys, no custom tags, few aliases) or JSON, a depth limit, and no `__proto__`, `constructor` or
 * `prototype` keys anywhere. Every problem found is reported at once with its place (line and column for
 * syntax, the key's path for forbidden keys).
 */
import { parseDocument } from 'yaml';
import type { Issue } from '../core/errors.js';
import { formatPath } from './zodIssues.js';

/** Largest scenario file accepted, characters (4 MiB): far above any hand-written scenario. */
export const MAX_SCENARIO_CHARS = 4 * 1024 * 1024;
/** Deepest nesting of objects and arrays accepted. */
export const MAX_DEPTH = 64;
/** Most YAML alias expansions accepted (guards against "billion laughs" documents). */
const MAX_ALIASES = 100;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A scenario file's format. */
export type ScenarioFormat = 'yaml' | 'json';

/** What reading a file's text gave: the data, or every problem found. */
export type ParsedText =
  | { readonly value: unknown; readonly issues?: never }
  | { readonly value?: never; readonly issues: Issue[] };

/**
 * Parses scenario text (YAML, or JSON: JSON is YAML 1.2 too, but is parsed as JSON when the format says
 * so, for exact JSON error positions) into plain data. Maps become plain objects with only string keys.
 *
 * @example
 * ```ts
 * parseScenarioText('kind: cascade\ntitle: t\n', 'yaml').value; // { kind: 'cascade', title: 't' }
 * parseScenarioText('{"__proto__": {}}', 'json').issues?.[0]?.path; // '__proto__'
 * ```
 */
export function parseScenarioText(text: string, format: ScenarioFormat): ParsedText {
  if (typeof text !== 'string') {
    return { issues: [{ code: 'INVALID_TYPE', path: '(file)', value: text, expected: 'text' }] };
  }
  if (text.length > MAX_SCENARIO_CHARS) {
    const expected = `a file of at most ${MAX_SCENARIO_CHARS} characters`;
    return { issues: [{ code: 'OUT_OF_RANGE', path: '(file)', value: text.length, expected }] };
  }
  const raw = format === 'json' ? parseJson(text) : parseYaml(text);
  if ('issues' in raw) return raw;
  const issues: Issue[] = [];
  const value = plain(raw.value, [], issues);
  return issues.length > 0 ? { issues } : { value };
}

function syntax(line: number, column: number, message: string): Issue {
  return {
    code: 'INVALID_SYNTAX',
    path: `line ${line}, column ${column}`,
    value: message,
    expected: 'valid syntax',
  };
}

function parseJson(text: string): { value: unknown } | { issues: Issue[] } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Node reports where as "(line L column C)" or "at position N", depending on version and error.
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol) return { issues: [syntax(Number(lineCol[1]), Number(lineCol[2]), message)] };
    const at = /position (\d+)/.exec(message);
    if (!at)
      return { issues: [{ code: 'INVALID_SYNTAX', path: '(file)', value: message, expected: 'valid JSON' }] };
    const before = text.slice(0, Number(at[1])).split('\n');
    return { issues: [syntax(before.length, (before.at(-1)?.length ?? 0) + 1, message)] };
  }
}

function parseYaml(text: string): { value: unknown } | { issues: Issue[] } {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: false, schema: 'core' });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      issues: problems.map((p) => {
        const [start] = p.linePos ?? [];
        return syntax(start?.line ?? 1, start?.col ?? 1, p.message.split('\n')[0] ?? p.code);
      }),
    };
  }
  try {
    return { value: doc.toJS({ mapAsMap: true, maxAliasCount: MAX_ALIASES }) as unknown };
  } catch (e) {
    return { issues: [syntax(1, 1, e instanceof Error ? e.message : String(e))] };
  }
}

/** Copies parsed data into plain objects and arrays, recording forbidden or non-string keys and deep nesting. */
function plain(value: unknown, path: PropertyKey[], issues: Issue[]): unknown {
  if (path.length > MAX_DEPTH) {
    issues.push({
      code: 'OUT_OF_RANGE',
      path: formatPath(path),
      value: 'deeper',
      expected: `at most ${MAX_DEPTH} levels of nesting`,
    });
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v, i) => plain(v, [...path, i], issues));
  if (value instanceof Map || (value !== null && typeof value === 'object')) {
    const entries: [unknown, unknown][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries) {
      if (typeof key !== 'string') {
        issues.push({
          code: 'INVALID_TYPE',
          path: formatPath(path) || '(file)',
          value: key,
          expected: 'text keys only',
        });
      } else if (FORBIDDEN.has(key)) {
        issues.push({
          code: 'UNKNOWN_KEY',
          path: formatPath([...path, key]),
          value: key,
          expected: 'a key other than __proto__, constructor or prototype',
        });
      } else {
        Object.defineProperty(out, key, {
          value: plain(v, [...path, key], issues),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return out;
  }
  return value;
}
