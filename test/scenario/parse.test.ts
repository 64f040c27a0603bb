import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_SCENARIO_CHARS, parseScenarioText } from '../../src/scenario/parse.js';

describe('parseScenarioText', () => {
  it('parseScenarioText(YAML) gives plain objects with the 1.2 core schema (yes stays a string)', () => {
    const r = parseScenarioText(
      'kind: cascade\nlist: [1, 2.5, yes, null]\nnested: { a: { b: 3 } }\n',
      'yaml',
    );
    expect(r.value).toEqual({ kind: 'cascade', list: [1, 2.5, 'yes', null], nested: { a: { b: 3 } } });
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it('parseScenarioText(JSON) parses JSON', () => {
    expect(parseScenarioText('{"kind": "design", "x": [1, 2]}', 'json').value).toEqual({
      kind: 'design',
      x: [1, 2],
    });
  });

  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`parseScenarioText rejects a ${key} key anywhere, in YAML and JSON, with its path`, () => {
      const yaml = parseScenarioText(`kind: cascade\ninput:\n  feed:\n    ${key}: { polluted: 1 }\n`, 'yaml');
      expect(yaml.issues?.map((i) => [i.code, i.path])).toEqual([['UNKNOWN_KEY', `input.feed.${key}`]]);
      const json = parseScenarioText(`{"input": {"list": [{"${key}": {"polluted": 1}}]}}`, 'json');
      expect(json.issues?.map((i) => [i.code, i.path])).toEqual([['UNKNOWN_KEY', `input.list[0].${key}`]]);
      // Nothing reached Object.prototype.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('parseScenarioText reports every forbidden key, not just the first', () => {
    const r = parseScenarioText('a: { __proto__: 1 }\nb: { constructor: 2 }\n', 'yaml');
    expect(r.issues?.map((i) => i.path)).toEqual(['a.__proto__', 'b.constructor']);
  });

  it('parseScenarioText(YAML syntax error) gives INVALID_SYNTAX at its line and column', () => {
    const r = parseScenarioText('kind: cascade\ninput: [1, 2\n', 'yaml');
    expect(r.issues?.[0]?.code).toBe('INVALID_SYNTAX');
    expect(r.issues?.[0]?.path).toMatch(/^line \d+, column \d+$/);
  });

  it('parseScenarioText(JSON syntax error) gives the line of the error where the runtime tells it', () => {
    // The 1 is at line 3, column 11 (`  "input" 1`: two spaces, 7 characters, a space).
    const r = parseScenarioText('{\n  "kind": "cascade",\n  "input" 1\n}', 'json');
    expect(r.issues?.[0]?.code).toBe('INVALID_SYNTAX');
    expect(r.issues?.[0]?.path).toMatch(/^line 3, column 11$/);
    // Some errors come without a position (Node 20: unexpected token): the file as a whole, with the message.
    const bare = parseScenarioText('{"input": oops}', 'json');
    expect(bare.issues?.[0]).toMatchObject({ code: 'INVALID_SYNTAX' });
    expect(String(bare.issues?.[0]?.value)).toMatch(/JSON/);
  });

  it('parseScenarioText rejects duplicate keys and unknown tags', () => {
    expect(parseScenarioText('a: 1\na: 2\n', 'yaml').issues?.[0]?.code).toBe('INVALID_SYNTAX');
    expect(parseScenarioText('a: !!js/function x\n', 'yaml').issues?.[0]?.code).toBe('INVALID_SYNTAX');
  });

  it('parseScenarioText rejects alias bombs (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    expect(parseScenarioText(`${lines.join('\n')}\n`, 'yaml').issues?.[0]?.code).toBe('INVALID_SYNTAX');
  });

  it('parseScenarioText rejects text over the size limit and nesting over the depth limit', () => {
    const big = parseScenarioText(`a: "${'x'.repeat(MAX_SCENARIO_CHARS)}"\n`, 'yaml');
    expect(big.issues?.[0]).toMatchObject({ code: 'OUT_OF_RANGE', path: '(file)' });
    const deep = `${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}`;
    expect(parseScenarioText(deep, 'json').issues?.[0]?.code).toBe('OUT_OF_RANGE');
  });

  it('parseScenarioText keeps .inf as Infinity for the schema to reject (no silent change)', () => {
    expect(parseScenarioText('x: .inf\n', 'yaml').value).toEqual({ x: Number.POSITIVE_INFINITY });
  });
});
