// Double-double arithmetic for the reference solver's residuals: a value is the unevaluated sum hi + lo of
// two doubles (|lo| <= ulp(hi)/2), about 32 significant digits. Built from the error-free transformations
// of Knuth (TwoSum) and Dekker/Veltkamp (TwoProduct by splitting each double into two 26-bit halves).

/** hi + lo. */
export type DD = readonly [hi: number, lo: number];

/** s + e = a + b exactly (Knuth's TwoSum, any magnitudes). */
function twoSum(a: number, b: number): DD {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
}

/** s + e = a + b exactly, provided |a| >= |b| (or a = 0). */
function fastTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** Veltkamp's split: a = hi + lo with each half fitting in 26 bits. */
function split(a: number): [number, number] {
  const t = 134217729 * a; // 2^27 + 1
  const hi = t - (t - a);
  return [hi, a - hi];
}

/** p + e = a·b exactly (Dekker's TwoProduct). */
function twoProduct(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** A double as a double-double. */
export const dd = (a: number): DD => [a, 0];

/** The nearest double. */
export const toNumber = (a: DD): number => a[0] + a[1];

export function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = fastTwoSum(s, e + t);
  return fastTwoSum(s2, e2 + f);
}

export function sub(a: DD, b: DD): DD {
  return add(a, [-b[0], -b[1]]);
}

export function mul(a: DD, b: DD): DD {
  const [p, e] = twoProduct(a[0], b[0]);
  return fastTwoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}

/** a / b by long division: three double quotient digits, each from the remainder in double-double. */
export function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r1 = sub(a, mul(dd(q1), b));
  const q2 = r1[0] / b[0];
  const r2 = sub(r1, mul(dd(q2), b));
  const q3 = r2[0] / b[0];
  return add(fastTwoSum(q1, q2), dd(q3));
}

/** The exact product of two doubles. */
export const product = (a: number, b: number): DD => twoProduct(a, b);
