// Paths into scenarios (src/study/paths.ts): parsing, reading by key, position and block id, copying
// writes that never mutate the base, and errors that name the path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPathList, getNumber, getPath, parsePath, setPath, setPaths } from '../../src/study/paths.js';
import { caught, codeOf } from '../helpers.js';

const plant = {
  feed: { flows: { Pr: 25, Nd: 75 } },
  blocks: [
    { id: 'mine', params: { oreRate: 100 } },
    { id: 'rougher', params: { recovery: 0.9 } },
  ],
  samples: [{ t: 0 }, { t: 1 }, { t: 2 }],
  converged: false,
};

describe('parsePath', () => {
  it('parsePath splits keys, bracket positions and numeric keys', () => {
    expect(parsePath('feed.flows.Nd')).toEqual(['feed', 'flows', 'Nd']);
    expect(parsePath('blocks[1].params.recovery')).toEqual(['blocks', 1, 'params', 'recovery']);
    expect(parsePath('blocks.1.params')).toEqual(['blocks', 1, 'params']);
    expect(parsePath('a[0][-2]')).toEqual(['a', 0, -2]);
  });

  it('parsePath rejects malformed paths (INVALID_TYPE) and prototype keys (UNKNOWN_KEY)', () => {
    for (const bad of ['', 'a..b', 'a.', 'a[x]', 'a[1', 'a]', 'a[1]b'])
      expect(
        codeOf(() => parsePath(bad)),
        bad,
      ).toBe('INVALID_TYPE');
    for (const bad of ['__proto__.x', 'a.constructor', 'a.prototype[0]'])
      expect(
        codeOf(() => parsePath(bad)),
        bad,
      ).toBe('UNKNOWN_KEY');
  });
});

describe('getPath and getNumber', () => {
  it('getPath reads by key, by position (negative from the end) and by block id', () => {
    expect(getPath(plant, 'feed.flows.Nd')).toBe(75);
    expect(getPath(plant, 'blocks[1].params.recovery')).toBe(0.9);
    expect(getPath(plant, 'blocks.rougher.params.recovery')).toBe(0.9);
    expect(getPath(plant, 'samples[-1].t')).toBe(2);
    expect(getPath(plant, 'samples.length')).toBe(3);
  });

  it('getPath of a missing key throws UNKNOWN_KEY naming the path and the missing step', () => {
    const e = caught(() => getPath(plant, 'feed.flows.Sm', 'outputs[0]'));
    expect(e.code).toBe('UNKNOWN_KEY');
    expect(e.path).toBe('outputs[0]');
    expect(e.value).toBe('feed.flows.Sm');
    expect(e.message).toContain('"feed.flows" has no "Sm"');
    expect(codeOf(() => getPath(plant, 'blocks.cleaner.params'))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => getPath(plant, 'samples[3]'))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => getPath(plant, 'feed.flows.Nd.x'))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => getPath(plant, 'feed.toString'))).toBe('UNKNOWN_KEY'); // inherited: not own
  });

  it('getNumber returns booleans as 0/1 and rejects other values', () => {
    expect(getNumber(plant, 'converged')).toBe(0);
    expect(getNumber({ c: true }, 'c')).toBe(1);
    expect(codeOf(() => getNumber(plant, 'feed.flows'))).toBe('INVALID_TYPE');
    expect(codeOf(() => getNumber({ x: Number.NaN }, 'x'))).toBe('NOT_FINITE');
  });
});

describe('setPath and setPaths', () => {
  it('setPath returns a deep copy with the number replaced; the base is unchanged', () => {
    const before = JSON.stringify(plant);
    const next = setPath(plant, 'blocks.rougher.params.recovery', 0.8);
    expect(next.blocks[1]?.params).toEqual({ recovery: 0.8 });
    expect(JSON.stringify(plant)).toBe(before);
    expect(next.feed).not.toBe(plant.feed); // deep: nothing shared
    expect(next.feed).toEqual(plant.feed);
  });

  it('setPaths applies several assignments on one copy', () => {
    const next = setPaths(plant, [
      ['feed.flows.Nd', 80],
      ['samples[-1].t', 5],
    ]);
    expect(next.feed.flows).toEqual({ Pr: 25, Nd: 80 });
    expect(next.samples[2]).toEqual({ t: 5 });
  });

  it('setPath refuses to add a key or overwrite a non-number, and non-finite values', () => {
    expect(codeOf(() => setPath(plant, 'feed.flows.Sm', 1))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => setPath(plant, 'feed.flows', 1))).toBe('INVALID_TYPE');
    expect(codeOf(() => setPath(plant, 'converged', 1))).toBe('INVALID_TYPE');
    expect(codeOf(() => setPath(plant, 'samples.length', 1))).toBe('INVALID_TYPE'); // read-only
    expect(codeOf(() => setPath(plant, 'feed.flows.Nd', Number.POSITIVE_INFINITY))).toBe('NOT_FINITE');
    const e = caught(() =>
      setPaths(
        plant,
        [
          ['feed.flows.Nd', 1],
          ['feed.flow.Pr', 2],
        ],
        'parameters',
      ),
    );
    expect(e.path).toBe('parameters[1]');
  });

  it('setPath then getPath gives the value back; the base never changes (any number, any leaf)', () => {
    const leaves = [
      'feed.flows.Pr',
      'feed.flows.Nd',
      'blocks.mine.params.oreRate',
      'blocks[1].params.recovery',
      'samples[0].t',
    ];
    const before = JSON.stringify(plant);
    fc.assert(
      fc.property(
        fc.constantFrom(...leaves),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (path, x) => {
          const next = setPath(plant, path, x);
          return Object.is(getPath(next, path), x) && JSON.stringify(plant) === before;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the copy setPath makes', () => {
  // setPath copies plain objects and arrays itself (structuredClone was ~30 µs of a 0.4 ms Monte Carlo
  // run) and must give what structuredClone gives for any value a scenario can hold.
  const leaf = fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), tie('value'), { maxKeys: 4 }),
      fc.float64Array({ maxLength: 3 }),
      fc.date({ noInvalidDate: true }),
    ),
  }));

  it('equals structuredClone of the base and shares nothing with it (random nested values)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const base = { x: 1, v };
        const next = setPath(base, 'x', 2);
        const expected = { ...structuredClone(base), x: 2 };
        expect(next).toStrictEqual(expected);
        if (typeof v === 'object' && v !== null) expect(next.v).not.toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an own "__proto__" key as a property, holes as holes, and copies a cycle', () => {
    const parsed = JSON.parse('{"x": 1, "__proto__": {"polluted": true}}') as { x: number };
    const next = setPath(parsed, 'x', 2);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.hasOwn(next, '__proto__')).toBe(true);
    expect((next as { polluted?: unknown }).polluted).toBeUndefined();
    const list = [1, 2, 3];
    delete list[1];
    const sparse = { x: 1, list };
    expect(1 in setPath(sparse, 'x', 2).list).toBe(false);
    const cyclic: { x: number; self?: unknown } = { x: 1 };
    cyclic.self = cyclic;
    const copy = setPath(cyclic, 'x', 2) as typeof cyclic;
    expect(copy.self).toBe(copy);
    // Shared objects stay shared in the copy (as structuredClone keeps them): a change through one path
    // shows through the other.
    const s = { beta: 2 };
    const shared = setPaths({ a: s, b: s }, [['a.beta', 5]]);
    expect(shared.b.beta).toBe(5);
    expect(shared.a).toBe(shared.b);
    const withExtra = Object.assign([1, 2], { note: 'x' });
    expect(setPath({ x: 1, list: withExtra }, 'x', 2).list).toStrictEqual(structuredClone(withExtra));
    expect(() => setPath({ x: 1, s: Symbol('s') }, 'x', 2)).toThrow(/could not be cloned/);
    // What structuredClone refuses is refused the same way.
    expect(() => setPath({ x: 1, f: () => 0 }, 'x', 2)).toThrow(/could not be cloned/);
  });
});

describe('checkPathList', () => {
  it('checkPathList rejects an empty list, non-strings and a path listed twice', () => {
    expect(codeOf(() => checkPathList('outputs', []))).toBe('INVALID_TYPE');
    expect(codeOf(() => checkPathList('outputs', ['a', 3]))).toBe('INVALID_TYPE');
    const e = caught(() => checkPathList('outputs', ['a.b', 'c', 'a.b']));
    expect([e.code, e.path]).toEqual(['INFEASIBLE', 'outputs[2]']);
  });
});
