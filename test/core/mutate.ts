// Mutating valid inputs field by field, shared by the hostile-input tests: the paths into a value, a copy
// with one field replaced (or left out), and whether a result holds a number that is not finite.

/** A path into a plain value: object keys and array positions. */
export type Path = (string | number)[];

/** Every path into `value` (the root included), depth first. */
export function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

/**
 * `value` with the field at `path` replaced by `x` (copies along the path; the input is not mutated; a
 * path through a field that is no longer a container changes nothing). With
 * `omit`, an `undefined` x removes an object's key instead of setting it to undefined.
 */
export function replaced(value: unknown, path: Path, x: unknown, omit = false): unknown {
  if (path.length === 0) return x;
  // A field under one already replaced by a non-container is gone: nothing to replace.
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced((value as Record<string | number, unknown>)[head], rest, x, omit);
  if (omit && rest.length === 0 && x === undefined && !Array.isArray(copy)) delete copy[head];
  return copy;
}

/** A number in `value` (typed arrays and nested records included) that is not finite. */
export function nonFinite(value: unknown, depth = 0): boolean {
  if (depth > 10) return false;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array).some((x) => !Number.isFinite(x));
  if (value && typeof value === 'object') return Object.values(value).some((v) => nonFinite(v, depth + 1));
  return false;
}

/** Values no valid input holds everywhere: non-finite numbers, null, empty and wrong containers, text, an inherited name. */
export const HOSTILE: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  null,
  undefined,
  [],
  {},
  'abc',
  -1,
  1e300,
  true,
  'toString',
  [1, 2],
  { toString: 1 },
];
