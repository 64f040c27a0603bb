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
    // The nested mapping `e: f` on line 5 starts at column 4.
    const r = parseScenarioText('a: 1\nb: 2\nc: 3\nd: 4\nd2: e: f\n', 'yaml');
    expect(r.issues?.[0]?.code).toBe('INVALID_SYNTAX');
    expect(r.issues?.[0]?.path).toBe('line 5, column 5');
    // A duplicate key on line 4.
    expect(parseScenarioText('a: 1\nb: 2\nc: 3\na: 4\n', 'yaml').issues?.[0]?.path).toBe('line 4, column 1');
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

  it('parseScenarioText rejects duplicate keys in JSON too (JSON.parse would keep the last silently)', () => {
    const r = parseScenarioText('{\n  "Pr": 1,\n  "Pr": 2\n}', 'json');
    expect(r.issues?.map((i) => [i.code, i.path])).toEqual([['INVALID_SYNTAX', 'line 3, column 3']]);
  });

  it('parseScenarioText ignores a byte-order mark', () => {
    expect(parseScenarioText('\uFEFF{"kind": "design"}', 'json').value).toEqual({ kind: 'design' });
    expect(parseScenarioText('\uFEFFkind: design\n', 'yaml').value).toEqual({ kind: 'design' });
  });

  it('parseScenarioText rejects tags beyond plain data (!!binary, !!set, !!timestamp) before building them', () => {
    for (const tagged of ['x: !!binary aGVsbG8=', 'x: !!set { a: null }', 'x: !!timestamp 2001-12-14']) {
      const r = parseScenarioText(`ok: 1\n${tagged}\n`, 'yaml');
      // Reported where the tagged value starts (after the tag), and named.
      expect(r.issues?.[0]?.path, tagged).toBe(`line 2, column ${tagged.indexOf(' ', 3) + 2}`);
      expect(String(r.issues?.[0]?.value)).toMatch(/^tag tag:yaml.org,2002:(binary|set|timestamp)$/);
    }
    expect(parseScenarioText('x: !!str 12\n', 'yaml').value).toEqual({ x: '12' });
  });

  it('parseScenarioText counts values with aliases expanded (a small file cannot become a huge one)', () => {
    const r = parseScenarioText(
      `a: &a [${Array(30_000).fill(1).join(',')}]\nb: [${Array(90).fill('*a').join(', ')}]\n`,
      'yaml',
    );
    expect(r.issues?.[0]?.code).toBe('OUT_OF_RANGE');
    expect(r.issues?.[0]?.expected).toMatch(/^at most 2000000 values/);
  });
});
