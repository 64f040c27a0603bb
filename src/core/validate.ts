/**
 * Input checks shared by every unit operation. Each returns the checked value (narrowed) or throws a
 * {@link ReesimError} whose message reads `path must be expected, got value`.
 */
import { fail } from './errors.js';

/** Upper bound on specific energy parameters, kWh per tonne (far above any real process: catches typos and overflow). */
export const MAX_ENERGY_PER_TONNE = 1e5;

/** Upper bound on a reagent excess over stoichiometry (10 = eleven times the stoichiometric amount). */
export const MAX_EXCESS = 10;

/** Is `value` a plain object (not an array, not null)? */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number. */
export function finite(path: string, value: unknown): number {
  if (typeof value !== 'number') fail('INVALID_TYPE', path, value, 'a finite number');
  if (!Number.isFinite(value)) fail('NOT_FINITE', path, value, 'a finite number');
  return value;
}

/** A finite number in the closed interval [min, max]. */
export function inRange(path: string, value: unknown, min: number, max: number): number {
  const x = finite(path, value);
  if (x < min || x > max) fail('OUT_OF_RANGE', path, x, `a number in [${min}, ${max}]`);
  return x;
}

/** A fraction in [0, 1]: recoveries, efficiencies, splits. */
export function fraction(path: string, value: unknown): number {
  return inRange(path, value, 0, 1);
}

/** A finite number >= 0. */
export function nonNegative(path: string, value: unknown): number {
  const x = finite(path, value);
  if (x < 0) fail('OUT_OF_RANGE', path, x, 'a finite number >= 0');
  return x;
}

/** A finite number > 0. */
export function positive(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 0)) fail('OUT_OF_RANGE', path, x, 'a finite number > 0');
  return x;
}

/** An integer >= min. */
export function integer(path: string, value: unknown, min = 0): number {
  const x = finite(path, value);
  // Safe integers only (|x| < 2^53, as files are checked): 1e300 is an integer no count can be.
  if (!Number.isSafeInteger(x) || x < min) fail('OUT_OF_RANGE', path, x, `an integer >= ${min}`);
  return x;
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(
      typeof value === 'string' ? 'UNKNOWN_KEY' : 'INVALID_TYPE',
      path,
      value,
      `one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

/** A plain object; `what` describes it for the message. */
export function record(path: string, value: unknown, what = 'an object'): Record<string, unknown> {
  if (!isRecord(value)) fail('INVALID_TYPE', path, value, what);
  return value;
}

/** Rejects keys of `value` that are not in `allowed` (catches typos in option names). */
export function knownKeys(path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      fail('UNKNOWN_KEY', path ? `${path}.${key}` : key, key, `one of ${allowed.join(', ')}`);
  }
}

/**
 * True for a name that, as a key of a plain object, would reach what every JavaScript object inherits
 * (`toString`, `valueOf`, `hasOwnProperty`, `constructor`, `__proto__`, ...) or is `prototype`: a species,
 * country or id with such a name would read a function where data is expected.
 */
export function inheritedName(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}

/**
 * A name the models use as a key of a plain object (a species, country code or id): a non-empty string
 * other than an {@link inheritedName}; `what` describes it for the message (the scenario loader's wording).
 */
export function safeKey(path: string, value: unknown, what = 'a name'): string {
  if (typeof value !== 'string' || value.length === 0) fail('INVALID_TYPE', path, value, what);
  if (inheritedName(value))
    fail(
      'UNKNOWN_KEY',
      path,
      value,
      `${what} other than '${value}' (a built-in name of every JavaScript object)`,
    );
  return value;
}

/** A string that is not empty. */
export function nonEmptyString(path: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0)
    fail('INVALID_TYPE', path, value, 'a non-empty string');
  return value;
}

/** A boolean. */
export function boolean(path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail('INVALID_TYPE', path, value, 'true or false');
  return value;
}

/** `value` if it is defined, else `fallback`: for optional parameters with defaults. */
export function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/**
 * An optional parameter: `fallback` when `value` is undefined, else `value` checked by `check`.
 * `null` is not "absent": it goes to `check`, which rejects it.
 */
export function optional<T>(value: unknown, fallback: T, check: (v: unknown) => T): T {
  return value === undefined ? fallback : check(value);
}

/** a / b, or 0 when b is not positive or the quotient is not finite (for ratios of flows that may vanish). */
export function ratio(a: number, b: number): number {
  const q = a / b;
  return b > 0 && Number.isFinite(q) ? q : 0;
}
