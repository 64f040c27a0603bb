/**
 * zod's validation issues turned into reesim's {@link Issue}s: a stable code, the parameter's dotted path
 * (`input.stages.extraction`, `input.blocks[2].params`), the value found and what was expected, in the
 * words the rest of reesim uses. A union that fails reports the problems of its closest option.
 */

import type { z } from 'zod';
import type { ErrorCode, Issue } from '../core/errors.js';
import { isRecord } from '../core/validate.js';

type ZodIssue = z.core.$ZodIssue;

/** Most issues converted from one validation (a list of 300,000 bad values gives the first ones). */
const MAX_ISSUES = 1000;
type Key = PropertyKey;

/**
 * Renders a path as reesim does everywhere: keys joined by dots, array indices in brackets.
 *
 * @example
 * ```ts
 * formatPath(['input', 'blocks', 2, 'params']); // 'input.blocks[2].params'
 * ```
 */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
  }
  return out;
}

/** The value at `path` in `root` (undefined where the path leaves the data). */
function valueAt(root: unknown, path: readonly Key[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

const ARTICLE: Record<string, string> = {
  number: 'a finite number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  literal: 'a fixed value',
};

function bound(issue: {
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  exact?: boolean;
  origin?: string;
}): string {
  const small = 'minimum' in issue;
  const limit = String(small ? issue.minimum : issue.maximum);
  if (issue.exact && (issue.origin === 'array' || issue.origin === 'set')) return `exactly ${limit} items`;
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  switch (issue.origin) {
    case 'array':
    case 'set':
      return small ? `at least ${limit} items` : `at most ${limit} items`;
    case 'string':
      return small ? `a string of at least ${limit} characters` : `a string of at most ${limit} characters`;
    case 'object':
    case 'record':
      return small ? `at least ${limit} entries` : `at most ${limit} entries`;
    default:
      return `a number ${op} ${limit}`;
  }
}

/** How deep into the data an issue reaches (through nested unions: their furthest option). */
function depth(z: ZodIssue): number {
  let deepest = 0;
  if (z.code === 'invalid_union') {
    for (const option of z.errors) for (const e of option) deepest = Math.max(deepest, depth(e));
  }
  return z.path.length + deepest;
}

/** Keys whose value picks a union's option: an option that rejects its own tag is the wrong option. */
const TAGS = new Set(['kind', 'layer', 'unit', 'model']);

/**
 * Whether an option refused the data's tag: a different tag value, or a tag key the option does not have.
 * Data without a tag key has not chosen by tag, but data without `extraction` is not a per-section model
 * (the option that requires it is the wrong one, as the models decide: src/sx/cascadeSpec.ts).
 */
function rejectsTag(errors: readonly ZodIssue[], value: unknown): boolean {
  const has = (key: PropertyKey) => isRecord(value) && Object.hasOwn(value, key);
  return errors.some(
    (e) =>
      (e.code === 'invalid_value' &&
        e.path.length === 1 &&
        TAGS.has(String(e.path[0])) &&
        has(e.path[0] as PropertyKey)) ||
      (e.code === 'unrecognized_keys' && e.path.length === 0 && e.keys.some((k) => TAGS.has(k))) ||
      (e.path.length === 1 && e.path[0] === 'extraction' && !has('extraction') && !has('scrub')),
  );
}

/**
 * Errors of the union option that got furthest: an option whose tag (`kind`, `unit`, ...) matched beats
 * one whose tag did not; then the deepest paths; then the fewest problems.
 */
function closestOption(options: readonly (readonly ZodIssue[])[], value: unknown): readonly ZodIssue[] {
  let best: readonly ZodIssue[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const errors of options) {
    let deepest = 0;
    for (const e of errors) deepest = Math.max(deepest, depth(e));
    const score = (rejectsTag(errors, value) ? 0 : 1e9) + deepest * 1e6 - errors.length;
    if (score > bestScore) {
      best = errors;
      bestScore = score;
    }
  }
  return best;
}

function issue(code: ErrorCode, path: readonly Key[], value: unknown, expected: string): Issue {
  return { code, path: formatPath(path) || '(file)', value, expected };
}

/**
 * Converts zod's issues for `data` into reesim issues (one per unknown key, unions resolved to the closest
 * option's problems).
 *
 * @param prefix path of the validated value inside the file (issues' paths are relative to it)
 * @param schema the schema that gave the issues: names the keys allowed where an unknown key was found
 */
export function fromZodIssues(
  issues: readonly ZodIssue[],
  data: unknown,
  prefix: readonly Key[] = [],
  schema?: z.ZodType,
): Issue[] {
  const out: Issue[] = [];
  const visit = (list: readonly ZodIssue[], base: readonly Key[]) => {
    for (const z of list) {
      if (out.length >= MAX_ISSUES) return; // beyond this, more lines help no one (the caller counts them)
      const path = [...base, ...z.path];
      const value = valueAt(data, path.slice(prefix.length));
      switch (z.code) {
        case 'invalid_type': {
          const expected = ARTICLE[z.expected] ?? `a value of type ${z.expected}`;
          const code: ErrorCode =
            value === undefined
              ? 'MISSING'
              : typeof value === 'number' && !Number.isFinite(value)
                ? 'NOT_FINITE'
                : typeof value === 'number' && z.expected === 'int'
                  ? 'OUT_OF_RANGE'
                  : 'INVALID_TYPE';
          out.push(issue(code, path, value, expected));
          break;
        }
        case 'too_small':
        case 'too_big':
          out.push(issue('OUT_OF_RANGE', path, value, bound(z)));
          break;
        case 'not_multiple_of':
          out.push(issue('OUT_OF_RANGE', path, value, `a multiple of ${String(z.divisor)}`));
          break;
        case 'invalid_value': {
          const allowed = z.values.map((v) => (typeof v === 'string' ? v : String(v)));
          const code: ErrorCode =
            value === undefined ? 'MISSING' : typeof value === 'string' ? 'UNKNOWN_KEY' : 'INVALID_TYPE';
          out.push(
            issue(code, path, value, allowed.length === 1 ? `${allowed[0]}` : `one of ${allowed.join(', ')}`),
          );
          break;
        }
        case 'unrecognized_keys': {
          const allowed = schema ? keysAt(schema, data, path.slice(prefix.length)) : undefined;
          const expected = allowed ? `one of ${allowed.join(', ')}` : 'a key this object accepts';
          for (const key of z.keys.slice(0, MAX_ISSUES))
            out.push(issue('UNKNOWN_KEY', [...path, key], key, expected));
          break;
        }
        case 'invalid_union':
          if (z.errors.length === 0) {
            const options = (z as { options?: readonly unknown[] }).options ?? [];
            const code =
              value === undefined ? 'MISSING' : typeof value === 'string' ? 'UNKNOWN_KEY' : 'INVALID_TYPE';
            out.push(issue(code, path, value, `one of ${options.map(String).join(', ')}`));
          } else {
            visit(closestOption(z.errors, value), path);
          }
          break;
        case 'invalid_format':
          out.push(issue('INVALID_TYPE', path, value, formatText(z)));
          break;
        case 'invalid_key':
          visit(z.issues, path);
          break;
        case 'invalid_element':
          visit(z.issues, [...path, z.key as Key]);
          break;
        default: {
          const params = (z as { params?: { code?: ErrorCode; expected?: string } }).params ?? {};
          out.push(issue(params.code ?? 'INVALID_TYPE', path, value, params.expected ?? z.message));
        }
      }
    }
  };
  visit(issues, prefix);
  return out;
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, { _zod: { def: Def } }>;
  readonly innerType?: { _zod: { def: Def } };
  readonly element?: { _zod: { def: Def } };
  readonly valueType?: { _zod: { def: Def } };
  readonly options?: readonly { _zod: { def: Def } }[];
  readonly discriminator?: string;
  readonly in?: { _zod: { def: Def } };
  readonly getter?: () => { _zod: { def: Def } };
}

/** The object definitions `def` may stand for at `value` (wrappers unwrapped, unions narrowed by the data). */
function objectDefs(def: Def, value: unknown): Def[] {
  switch (def.type) {
    case 'object':
      return [def];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return def.innerType ? objectDefs(def.innerType._zod.def, value) : [];
    case 'pipe':
      return def.in ? objectDefs(def.in._zod.def, value) : [];
    case 'lazy':
      return def.getter ? objectDefs(def.getter()._zod.def, value) : [];
    case 'union': {
      const options = (def.options ?? []).flatMap((o) => objectDefs(o._zod.def, value));
      const tag = def.discriminator;
      if (tag && value !== null && typeof value === 'object') {
        const wanted = (value as Record<string, unknown>)[tag];
        const hit = options.filter((o) => literalOf(o.shape?.[tag]?._zod.def) === wanted);
        if (hit.length > 0) return hit;
      }
      return options;
    }
    default:
      return [];
  }
}

function literalOf(def: Def | undefined): unknown {
  const values = (def as { values?: readonly unknown[] } | undefined)?.values;
  return def?.type === 'literal' ? values?.[0] : undefined;
}

/** The child definition of `def` at one path step (for the value found there). */
function childDef(def: Def, value: unknown, key: Key): Def | undefined {
  if (typeof key === 'number') {
    const inner = unwrap(def);
    return inner?.type === 'array' ? inner.element?._zod.def : undefined;
  }
  const inner = unwrap(def);
  if (inner?.type === 'record') return inner.valueType?._zod.def;
  for (const o of objectDefs(def, value)) {
    const child = o.shape?.[String(key)];
    if (child) return child._zod.def;
  }
  return undefined;
}

function unwrap(def: Def): Def | undefined {
  if (def.innerType) return unwrap(def.innerType._zod.def);
  if (def.type === 'pipe' && def.in) return unwrap(def.in._zod.def);
  if (def.type === 'lazy' && def.getter) return unwrap(def.getter()._zod.def);
  return def;
}

/** The keys the schema allows for the object at `path` of `data` (undefined if it cannot tell). */
function keysAt(schema: z.ZodType, data: unknown, path: readonly Key[]): string[] | undefined {
  let def: Def | undefined = (schema as unknown as { _zod: { def: Def } })._zod.def;
  let value: unknown = data;
  for (const k of path) {
    if (!def) return undefined;
    def = childDef(def, value, k);
    value = value !== null && typeof value === 'object' ? (value as Record<Key, unknown>)[k] : undefined;
  }
  if (!def) return undefined;
  const keys = [...new Set(objectDefs(def, value).flatMap((o) => Object.keys(o.shape ?? {})))];
  return keys.length > 0 ? keys : undefined;
}

function formatText(z: { format: string; pattern?: string; message?: string }): string {
  if (z.format === 'regex' && String(z.pattern).includes('\\d{4}-(0[1-9]|1[0-2])'))
    return "a month 'YYYY-MM'";
  // A schema that words its own expectation (`.regex(re, 'a pair such as Nd/Pr')`) is quoted as written.
  if (z.message && !z.message.startsWith('Invalid')) return z.message;
  return z.pattern ? `a string matching ${z.pattern}` : `a string in ${z.format} format`;
}
