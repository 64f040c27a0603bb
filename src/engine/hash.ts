/**
 * A SHA-256 of a structured-cloneable value that depends only on the value: V8's serialiser writes a
 * number as an integer or a double depending on how V8 happens to store that field (a hidden class's
 * field becomes "double" for every object sharing it once any of them holds a fraction), so the same
 * inputs serialised before and after a study ran in the same process gave different bytes. Here every
 * number is its 8 IEEE-754 bytes (-0 and NaN kept apart from 0 and null), and every container is tagged.
 */
import { createHash, type Hash } from 'node:crypto';

const TAG = {
  undefined: 'u',
  null: 'n',
  true: 't',
  false: 'f',
  number: 'd',
  bigint: 'b',
  string: 's',
  array: 'a',
  object: 'o',
  map: 'm',
  set: 'e',
  date: 'D',
  regexp: 'r',
  view: 'v',
  buffer: 'B',
  ref: 'R',
  error: 'E',
} as const;

/** SHA-256 (hex) of `value`, equal for values that structured cloning would copy into equal values. */
export function hashValue(value: unknown): string {
  const hash = createHash('sha256');
  feed(hash, value, new Map());
  return hash.digest('hex');
}

const number = Buffer.alloc(8);

function text(hash: Hash, tag: string, s: string): void {
  hash.update(`${tag}${Buffer.byteLength(s)}:`);
  hash.update(s);
}

function feed(hash: Hash, v: unknown, seen: Map<object, number>): void {
  switch (typeof v) {
    case 'undefined':
      hash.update(TAG.undefined);
      return;
    case 'boolean':
      hash.update(v ? TAG.true : TAG.false);
      return;
    case 'number':
      number.writeDoubleBE(v);
      hash.update(TAG.number);
      hash.update(number);
      return;
    case 'bigint':
      text(hash, TAG.bigint, v.toString());
      return;
    case 'string':
      text(hash, TAG.string, v);
      return;
    case 'object':
      break;
    default:
      // Functions and symbols cannot be cloned: hash their kind, so the caller's clone step reports them.
      text(hash, 'x', typeof v);
      return;
  }
  if (v === null) {
    hash.update(TAG.null);
    return;
  }
  const ref = seen.get(v);
  if (ref !== undefined) {
    text(hash, TAG.ref, String(ref));
    return;
  }
  seen.set(v, seen.size);
  if (Array.isArray(v)) {
    hash.update(`${TAG.array}${v.length}:`);
    for (let i = 0; i < v.length; i++) feed(hash, i in v ? v[i] : undefined, seen);
    // Extra named properties of an array are cloned too.
    const extra = Object.keys(v).filter((k) => !/^\d+$/.test(k));
    feedEntries(hash, v as unknown as Record<string, unknown>, extra, seen);
  } else if (ArrayBuffer.isView(v)) {
    text(hash, TAG.view, v.constructor.name);
    hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } else if (v instanceof ArrayBuffer) {
    hash.update(`${TAG.buffer}${v.byteLength}:`);
    hash.update(new Uint8Array(v));
  } else if (v instanceof Map) {
    hash.update(`${TAG.map}${v.size}:`);
    for (const [k, x] of v) {
      feed(hash, k, seen);
      feed(hash, x, seen);
    }
  } else if (v instanceof Set) {
    hash.update(`${TAG.set}${v.size}:`);
    for (const x of v) feed(hash, x, seen);
  } else if (v instanceof Date) {
    feed(hash, v.getTime(), seen);
    hash.update(TAG.date);
  } else if (v instanceof RegExp) {
    text(hash, TAG.regexp, `${v.source}/${v.flags}`);
  } else if (v instanceof Error) {
    text(hash, TAG.error, `${v.name}:${v.message}`);
  } else {
    const o = v as Record<string, unknown>;
    feedEntries(hash, o, Object.keys(o), seen);
  }
}

function feedEntries(
  hash: Hash,
  o: Record<string, unknown>,
  keys: readonly string[],
  seen: Map<object, number>,
) {
  hash.update(`${TAG.object}${keys.length}:`);
  for (const k of keys) {
    text(hash, TAG.string, k);
    feed(hash, o[k], seen);
  }
}
