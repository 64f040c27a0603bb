/**
 * Addressing one number inside a plain scenario (or a model's result) by a path string, for Monte Carlo
 * studies and sweeps.
 *
 * **Syntax.** Keys separated by dots, array positions in brackets or as a numeric key:
 * `feed.flows.Nd`, `equilibrium.beta.Nd`, `blocks[3].params.recovery`, `blocks.3.params.recovery`.
 * A negative position counts from the end (`samples[-1].product.flows.A`). In an array of objects with an
 * `id` (a flowsheet's blocks) a non-numeric key selects the element with that id:
 * `blocks.rougher.params.recovery` is the block whose `id` is `'rougher'`. `length` reads an array's
 * length (`cascades.length`; read-only).
 * Only own keys are followed; `__proto__`, `constructor` and `prototype` are rejected.
 */
import { fail } from '../core/errors.js';
import { isRecord } from '../core/validate.js';

/** One step of a parsed path: an object key or an array position. */
export type PathSegment = string | number;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const SEGMENT = /^([^.[\]]*)((?:\[-?\d+\])*)$/;

/**
 * Splits a path into its keys and array positions.
 *
 * @param where name of the path in error messages (e.g. `study.parameters[0].path`)
 * @throws ReesimError INVALID_TYPE for a malformed path, UNKNOWN_KEY for `__proto__`, `constructor`,
 *   `prototype`
 * @example
 * ```ts
 * parsePath('blocks[3].params.recovery'); // ['blocks', 3, 'params', 'recovery']
 * parsePath('samples[-1].product.flows.Nd'); // ['samples', -1, 'product', 'flows', 'Nd']
 * ```
 */
export function parsePath(path: string, where = 'path'): PathSegment[] {
  if (typeof path !== 'string' || path.length === 0 || path.length > 1000)
    fail('INVALID_TYPE', where, path, 'a path like feed.flows.Nd or blocks[3].params.recovery');
  const out: PathSegment[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    const key = m?.[1];
    if (!m || key === undefined || (key === '' && m[2] === ''))
      fail('INVALID_TYPE', where, path, `a path like feed.flows.Nd (bad part "${part}")`);
    if (FORBIDDEN.has(key)) fail('UNKNOWN_KEY', where, path, `a path without "${key}"`);
    if (key !== '') out.push(/^-?\d+$/.test(key) ? Number(key) : key);
    for (const index of (m[2] ?? '').matchAll(/\[(-?\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** The key of `container` that `segment` designates, or undefined when there is none. */
function resolveKey(container: unknown, segment: PathSegment): string | number | undefined {
  if (Array.isArray(container)) {
    if (typeof segment === 'number') {
      const i = segment < 0 ? container.length + segment : segment;
      return Number.isInteger(i) && i >= 0 && i < container.length ? i : undefined;
    }
    const i = container.findIndex((e) => isRecord(e) && e.id === segment);
    return i >= 0 ? i : segment === 'length' ? 'length' : undefined;
  }
  if (isRecord(container)) {
    const key = String(segment);
    return Object.hasOwn(container, key) ? key : undefined;
  }
  return undefined;
}

function describeSegments(segments: readonly PathSegment[]): string {
  return segments.length === 0 ? 'the top level' : `"${segments.join('.')}"`;
}

/**
 * Parsed paths by path string. A study sets and reads the same few paths in every run (a Monte Carlo batch:
 * parameters × runs), and parsing was ~5 % of a 26 + 26-stage cascade run; only well-formed paths are kept,
 * and the cache is emptied when it reaches {@link PARSED_LIMIT} entries.
 */
const parsed = new Map<string, readonly PathSegment[]>();
const PARSED_LIMIT = 10_000;

function segmentsOf(path: string, where: string): readonly PathSegment[] {
  let segments = typeof path === 'string' ? parsed.get(path) : undefined;
  if (segments === undefined) {
    segments = parsePath(path, where);
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(path, segments);
  }
  return segments;
}

/** The container holding the path's last segment, and that segment's key in it. */
function locate(
  root: unknown,
  path: string,
  where: string,
): { container: Record<string | number, unknown>; key: string | number } {
  const segments = segmentsOf(path, where);
  let container = root;
  for (let i = 0; i < segments.length; i++) {
    const key = resolveKey(container, segments[i] as PathSegment);
    if (key === undefined)
      fail(
        'UNKNOWN_KEY',
        where,
        path,
        `a path that exists (${describeSegments(segments.slice(0, i))} has no "${segments[i]}")`,
      );
    if (i === segments.length - 1) return { container: container as Record<string | number, unknown>, key };
    container = (container as Record<string | number, unknown>)[key];
  }
  return fail('INVALID_TYPE', where, path, 'a non-empty path');
}

/**
 * The value at `path` in `value` (see the module doc for the syntax).
 *
 * @param where name of the path in error messages
 * @throws ReesimError UNKNOWN_KEY naming the first key that does not exist; INVALID_TYPE for a malformed path
 * @example
 * ```ts
 * const plant = { blocks: [{ id: 'rougher', params: { recovery: 0.9 } }] };
 * getPath(plant, 'blocks.rougher.params.recovery'); // 0.9
 * getPath(plant, 'blocks[0].params.recovery'); // 0.9
 * getPath({ samples: [1, 2, 3] }, 'samples[-1]'); // 3
 * getPath({ samples: [1, 2, 3] }, 'samples.length'); // 3
 * ```
 */
export function getPath(value: unknown, path: string, where = 'path'): unknown {
  const { container, key } = locate(value, path, where);
  return container[key];
}

/**
 * The number at `path` in a model's result: a finite number, or a boolean as 1 (true) or 0 (false).
 *
 * @throws ReesimError UNKNOWN_KEY for a path that does not exist, INVALID_TYPE when the value is not a
 *   number or boolean, NOT_FINITE for NaN or ±Infinity
 * @example
 * ```ts
 * getNumber({ converged: true, product: { purity: { Nd: 0.999 } } }, 'converged'); // 1
 * getNumber({ converged: true, product: { purity: { Nd: 0.999 } } }, 'product.purity.Nd'); // 0.999
 * ```
 */
export function getNumber(value: unknown, path: string, where = 'path'): number {
  const x = getPath(value, path, where);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x !== 'number')
    fail('INVALID_TYPE', where, path, `a path to a number or boolean (found ${typeof x})`);
  if (!Number.isFinite(x)) fail('NOT_FINITE', where, path, `a path to a finite number (found ${x})`);
  return x;
}

/**
 * A deep copy of `value` with the numbers at the given paths replaced; `value` is never mutated. Each path
 * must already hold a number (so a mistyped path fails instead of adding an unused key): write optional
 * parameters into the base scenario before varying them.
 *
 * @param assignments `[path, number]` pairs, applied in order
 * @param where name of the assignments in error messages; the i-th path is reported as `where[i]`
 * @throws ReesimError UNKNOWN_KEY for a path that does not exist, INVALID_TYPE when it does not hold a
 *   number, NOT_FINITE for a non-finite new value
 * @example
 * ```ts
 * const base = { feed: { flows: { Pr: 25, Nd: 75 } } };
 * const next = setPaths(base, [['feed.flows.Nd', 80]]);
 * next.feed.flows.Nd; // 80
 * base.feed.flows.Nd; // 75
 * ```
 */
export function setPaths<T>(
  value: T,
  assignments: readonly (readonly [string, number])[],
  where = 'paths',
): T {
  const copy = deepCopy(value);
  assignments.forEach(([path, x], i) => {
    assign(copy, path, x, `${where}[${i}]`);
  });
  return copy;
}

/**
 * A deep copy equal to `structuredClone(value)`: plain objects and arrays are copied here (measured ~20×
 * faster than `structuredClone` on a cascade spec, where it was ~30 µs of a 0.4 ms Monte Carlo run), with
 * shared objects shared in the copy too (and cycles kept) as `structuredClone` does; anything else (a typed
 * array, a Date, a Map, a class instance, an array with named properties, a function, a symbol) goes to
 * `structuredClone`, which refuses what it refuses; so does a value nested deeper than
 * {@link PLAIN_DEPTH}.
 */
function deepCopy<T>(value: T): T {
  try {
    return plainCopy(value, 0, new Map());
  } catch (e) {
    if (e === TOO_DEEP) return structuredClone(value);
    throw e;
  }
}

/** Nesting beyond which {@link deepCopy} leaves the copy to `structuredClone`. */
const PLAIN_DEPTH = 100;
const TOO_DEEP = Symbol('too deep');

function plainCopy<T>(value: T, depth: number, copies: Map<object, unknown>): T {
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done as T;
  if (depth > PLAIN_DEPTH) throw TOO_DEEP;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || !indexKeysOnly(value))
      return structuredClone(value);
    const out = new Array(value.length);
    copies.set(value, out);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = plainCopy(value[i], depth + 1, copies);
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  copies.set(value, out);
  for (const key of Object.keys(value)) {
    const v = plainCopy((value as Record<string, unknown>)[key], depth + 1, copies);
    // An own "__proto__" (JSON.parse makes one) stays a property, as structuredClone keeps it.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/** Whether an array's own enumerable keys are all positions (no named properties). */
function indexKeysOnly(a: readonly unknown[]): boolean {
  let n = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    n++;
    if (!/^\d+$/.test(key)) return false;
  }
  return n <= a.length;
}

function assign(root: unknown, path: string, x: number, where: string): void {
  const { container, key } = locate(root, path, where);
  if (Array.isArray(container) && key === 'length')
    fail('INVALID_TYPE', where, path, 'a path to a parameter (an array length is read-only)');
  if (typeof container[key] !== 'number')
    fail('INVALID_TYPE', where, path, `a path to a number (found ${typeof container[key]})`);
  if (typeof x !== 'number' || !Number.isFinite(x))
    fail('NOT_FINITE', `${where} value`, x, 'a finite number');
  container[key] = x;
}

/**
 * A deep copy of `value` with the number at `path` replaced (see {@link setPaths}).
 *
 * @example
 * ```ts
 * setPath({ equilibrium: { beta: { Nd: 1.5, Pr: 1 } } }, 'equilibrium.beta.Nd', 1.65).equilibrium.beta.Nd; // 1.65
 * ```
 */
export function setPath<T>(value: T, path: string, x: number, where = 'path'): T {
  const copy = deepCopy(value);
  assign(copy, path, x, where);
  return copy;
}

/** Most paths in one list (parameters or outputs of a study). */
const MAX_PATHS = 1000;

/**
 * Checks a list of paths (a study's outputs, a sweep's parameters): 1 to 1,000 well-formed paths, none
 * listed twice.
 *
 * @param where name of the list in error messages; the i-th path is `where[i]`
 * @throws ReesimError INVALID_TYPE (not a list, a malformed path), INFEASIBLE (a path listed twice)
 * @example
 * ```ts
 * checkPathList('outputs', ['product.purity.Nd', 'converged']).length; // 2
 * ```
 */
export function checkPathList(where: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PATHS)
    fail('INVALID_TYPE', where, value, `an array of 1 to ${MAX_PATHS} paths`);
  return value.map((p, i) => {
    const at = `${where}[${i}]`;
    if (typeof p !== 'string') fail('INVALID_TYPE', at, p, 'a path (a string)');
    parsePath(p, at);
    if (value.indexOf(p) !== i) fail('INFEASIBLE', at, p, 'a path not listed before');
    return p;
  });
}

/**
 * Checks that `path` holds a number in `base` (a parameter to vary must exist: see {@link setPaths}).
 *
 * @throws ReesimError UNKNOWN_KEY (no such path), INVALID_TYPE (it holds something else)
 * @example
 * ```ts
 * checkNumericPath('parameters[0]', { feed: { flows: { Nd: 75 } } }, 'feed.flows.Nd'); // undefined: fine
 * ```
 */
export function checkNumericPath(where: string, base: unknown, path: string): void {
  const x = getPath(base, path, where);
  if (typeof x !== 'number')
    fail('INVALID_TYPE', where, path, `a path to a number in the base scenario (found ${typeof x})`);
}
