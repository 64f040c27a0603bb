/**
 * Reading a scenario file's text into plain data, safely: a size limit, YAML (1.2 core schema, unique
 * keys, no custom tags, few aliases) or JSON, a depth limit, and no `__proto__`, `constructor` or
 * `prototype` keys anywhere. Every problem found is reported at once with its place (line and column for
 * syntax, the key's path for forbidden keys).
 */
import { type Document, isMap, isNode, isScalar, parseDocument, visit } from 'yaml';
import type { Issue } from '../core/errors.js';
import { formatPath } from './zodIssues.js';

/** Largest scenario file accepted, characters (4 MiB): far above any hand-written scenario. */
export const MAX_SCENARIO_CHARS = 4 * 1024 * 1024;
/** Deepest nesting of objects and arrays accepted. */
export const MAX_DEPTH = 64;
/** Most YAML alias expansions accepted (guards against "billion laughs" documents). */
const MAX_ALIASES = 100;
/** Most values (objects, lists and scalars, aliases expanded) in one scenario. */
export const MAX_VALUES = 2_000_000;
/** The YAML tags a scenario may carry: the core schema's plain data (no binary, sets, timestamps, ...). */
const PLAIN_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);
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
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // a byte-order mark is not content
  const raw = format === 'json' ? parseJson(body) : parseYaml(body);
  if ('issues' in raw) return raw;
  const issues: Issue[] = [];
  const value = plain(raw.value, [], issues, { left: MAX_VALUES });
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

/** A syntax problem at a character offset of the text (line and column counted from 1). */
function syntaxAt(text: string, offset: number, message: string): Issue {
  const before = text.slice(0, offset).split('\n');
  return syntax(before.length, (before.at(-1)?.length ?? 0) + 1, message);
}

function parseJson(text: string): { value: unknown } | { issues: Issue[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Node reports where as "(line L column C)" or "at position N", depending on version and error.
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol) return { issues: [syntax(Number(lineCol[1]), Number(lineCol[2]), message)] };
    const at = /position (\d+)/.exec(message);
    if (!at)
      return { issues: [{ code: 'INVALID_SYNTAX', path: '(file)', value: message, expected: 'valid JSON' }] };
    return { issues: [syntaxAt(text, Number(at[1]), message)] };
  }
  // JSON.parse keeps the last of duplicate keys without a word; a scenario must not (YAML rejects them too).
  const duplicates = duplicateKeys(parseDocument(text, { uniqueKeys: false }), text);
  if (duplicates.length > 0) return { issues: duplicates };
  return { value };
}

/**
 * Keys that appear twice in one mapping, found with a set per mapping (the yaml library's own check
 * compares every pair of keys: minutes for a file with 300,000 keys).
 */
function duplicateKeys(doc: Document, text: string): Issue[] {
  const issues: Issue[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const start = isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
        issues.push(syntaxAt(text, start, `duplicate key ${String(key)}`));
      }
    },
  });
  return issues;
}

function yamlIssue(p: {
  linePos?: [{ line: number; col: number }, ...unknown[]];
  message: string;
  code: string;
}): Issue {
  const start = p.linePos?.[0];
  const message = (p.message.split('\n')[0] ?? p.code).replace(/ at line \d+, column \d+:?$/, '');
  return syntax(start?.line ?? 1, start?.col ?? 1, message);
}

/** Explicit tags outside the core schema's plain data (`!!binary`, `!!set`, `!!timestamp`, custom tags). */
function otherTags(doc: Document, text: string): Issue[] {
  const issues: Issue[] = [];
  visit(doc, (_key, node) => {
    if (!isNode(node) || node.tag === undefined || PLAIN_TAGS.has(node.tag)) return;
    issues.push({
      ...syntaxAt(text, node.range?.[0] ?? 0, `tag ${node.tag}`),
      expected: 'plain data (no !!binary, !!set, !!timestamp or custom tags)',
    });
  });
  return issues;
}

function parseYaml(text: string): { value: unknown } | { issues: Issue[] } {
  const doc = parseDocument(text, { uniqueKeys: false, strict: true, prettyErrors: true, schema: 'core' });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) return { issues: problems.map(yamlIssue) };
  const duplicates = duplicateKeys(doc, text);
  if (duplicates.length > 0) return { issues: duplicates };
  const tags = otherTags(doc, text);
  if (tags.length > 0) return { issues: tags };
  try {
    return { value: doc.toJS({ mapAsMap: true, maxAliasCount: MAX_ALIASES }) as unknown };
  } catch (e) {
    return { issues: [syntax(1, 1, e instanceof Error ? e.message : String(e))] };
  }
}

/**
 * Copies parsed data into plain objects and arrays, recording forbidden or non-string keys, values that are
 * not plain data, deep nesting and more than {@link MAX_VALUES} values in all (aliases expanded).
 */
function plain(value: unknown, path: PropertyKey[], issues: Issue[], budget: { left: number }): unknown {
  if (budget.left-- <= 0) {
    if (budget.left === -1) {
      const expected = `at most ${MAX_VALUES} values in all (YAML aliases expanded)`;
      issues.push({ code: 'OUT_OF_RANGE', path: formatPath(path) || '(file)', value: 'more', expected });
    }
    return undefined;
  }
  if (path.length > MAX_DEPTH) {
    const expected = `at most ${MAX_DEPTH} levels of nesting`;
    issues.push({ code: 'OUT_OF_RANGE', path: formatPath(path), value: 'deeper', expected });
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v, i) => plain(v, [...path, i], issues, budget));
  if (value instanceof Map || isPlainObject(value)) {
    const entries: [unknown, unknown][] = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [key, v] of entries) {
      if (typeof key !== 'string') {
        const at = formatPath(path) || '(file)';
        issues.push({ code: 'INVALID_TYPE', path: at, value: key, expected: 'text keys only' });
      } else if (FORBIDDEN.has(key)) {
        issues.push({
          code: 'UNKNOWN_KEY',
          path: formatPath([...path, key]),
          value: key,
          expected: 'a key other than __proto__, constructor or prototype',
        });
      } else {
        const copy = plain(v, [...path, key], issues, budget);
        Object.defineProperty(out, key, {
          value: copy,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const expected = 'plain data: objects, lists, text, numbers, true, false or null';
    issues.push({ code: 'INVALID_TYPE', path: formatPath(path) || '(file)', value: typeof value, expected });
    return undefined;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
