import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCENARIO_KINDS } from '../../src/scenario/kinds.js';
import { filePath, loadScenario, MAX_LISTED_ISSUES } from '../../src/scenario/load.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { miswiredFlowsheetYaml } from '../helpers.js';

const scenarios = resolve(import.meta.dirname, '../../examples/scenarios');
const files = readdirSync(scenarios).filter((f) => f.endsWith('.yaml') || f.endsWith('.json'));

function paths(text: string): string[] {
  return (loadScenario(text, 'yaml').issues ?? []).map((i) => i.path);
}

describe('loadScenario', () => {
  it('every example scenario loads, and together they cover the questions the issue names', () => {
    const kinds = files.map((f) => {
      const loaded = loadScenario(readFileSync(join(scenarios, f), 'utf8'), 'yaml');
      expect(loaded.issues, f).toBeUndefined();
      return loaded.scenario?.kind;
    });
    for (const k of ['design', 'flowsheet', 'supply-chain', 'monte-carlo', 'sweep', 'cascade-dynamics'])
      expect(kinds).toContain(k);
  });

  it('loadScenario(pr-nd-line.yaml) resolves the P507 reference to separationFactorModel(P507, [Pr, Nd])', () => {
    const { scenario } = loadScenario(readFileSync(join(scenarios, 'pr-nd-line.yaml'), 'utf8'), 'yaml');
    expect(scenario?.kind).toBe('design');
    expect(scenario?.input).toEqual({
      feed: { Pr: 1.3247, Nd: 3.7062 },
      equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
      purity: { organic: 0.999, aqueous: 0.999 },
      feedVolume: 5.0309,
      flowUnits: 'kmol/h',
    });
  });

  it('loadScenario(unknown kind) names kind and lists every kind', () => {
    const [issue] = loadScenario('kind: distillation\ninput: {}\n', 'yaml').issues ?? [];
    expect(issue?.path).toBe('kind');
    expect(issue?.expected).toBe(`one of ${SCENARIO_KINDS.join(', ')}`);
  });

  it('loadScenario reports every schema problem at once, each with its path', () => {
    const text = [
      'kind: cascade',
      'titel: typo',
      'input:',
      '  stages: { extraction: 2.5 }',
      '  feed: { flows: { A: .inf }, volume: -1 }',
      '  organic: { volume: "1" }',
      '  equilibrium: { kind: distribution, D: { A: 2 } }',
    ].join('\n');
    expect(loadScenario(text, 'yaml').issues?.map((i) => [i.path, i.code])).toEqual([
      ['input.stages.extraction', 'OUT_OF_RANGE'],
      ['input.feed.flows.A', 'NOT_FINITE'],
      ['input.feed.volume', 'OUT_OF_RANGE'],
      ['input.organic.volume', 'INVALID_TYPE'],
      ['titel', 'UNKNOWN_KEY'],
    ]);
  });

  it('a dynamics scenario is checked whole before it runs: options the model rejects are reported with their file path', () => {
    const text = [
      'kind: cascade-dynamics',
      'input:',
      '  spec:',
      '    stages: { extraction: 2 }',
      '    feed: { flows: { A: 1 }, volume: 1 }',
      '    organic: { volume: 1 }',
      '    equilibrium: { kind: distribution, D: { A: 1 } }',
      '  options:',
      '    holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }',
      '    duration: 10',
      '    spec: { product: { Xx: 0.999 } }',
    ].join('\n');
    const loaded = loadScenario(text, 'yaml');
    expect(loaded.scenario).toBeUndefined();
    expect(loaded.issues?.[0]).toMatchObject({ code: 'UNKNOWN_KEY', path: 'input.options.spec.product.Xx' });
    const tooFine = text.replace('Xx', 'A').replace('    duration: 10', '    duration: 10\n    dt: 1');
    expect(loadScenario(tooFine, 'yaml').issues?.[0]).toMatchObject({ path: 'input.options.dt' });
  });

  it('an unknown key lists the keys allowed there', () => {
    const [issue] =
      loadScenario(
        'kind: design\ninput: { feed: { A: 1, B: 1 }, purity: { organic: 0.9, aqueous: 0.9 }, equilibrium: { system: P507, elements: [Pr, Nd] }, stages: 3 }\n',
        'yaml',
      ).issues ?? [];
    expect(issue?.path).toBe('input.stages');
    expect(issue?.code).toBe('UNKNOWN_KEY');
    expect(issue?.expected).toMatch(/^one of feed, equilibrium, purity, /);
  });

  it('a nested union reports the deepest problem (a missing loading inside equilibrium.extraction)', () => {
    const text = [
      'kind: cascade',
      'input:',
      '  stages: { extraction: 2 }',
      '  feed: { flows: { A: 1, B: 1 }, volume: 1 }',
      '  organic: { volume: 1 }',
      '  equilibrium: { extraction: { kind: separationFactors, beta: { A: 2, B: 1 } } }',
    ].join('\n');
    expect(paths(text)).toEqual(['input.equilibrium.extraction.loading']);
  });

  it("a study's model problems come back with file paths (input.parameters[0].path), nothing run", () => {
    const text = [
      'kind: monte-carlo',
      'input:',
      '  model: cascade',
      '  base: { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: { kind: distribution, D: { A: 1 } } }',
      '  runs: 10',
      '  parameters: [{ path: organic.colour, distribution: { kind: uniform, min: 1, max: 2 } }]',
      '  outputs: [raffinate.flows.A]',
    ].join('\n');
    const [issue] = loadScenario(text, 'yaml').issues ?? [];
    expect(issue?.path).toBe('input.parameters[0].path');
  });

  it('a sweep grid multiplies its axes; a list pairs them', () => {
    const sweep = (combine: string) =>
      [
        'kind: sweep',
        'input:',
        '  model: cascade',
        '  base: { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: { kind: distribution, D: { A: 1 } } }',
        `  combine: ${combine}`,
        '  axes: [{ path: organic.volume, values: [1, 2] }, { path: equilibrium.D.A, values: [1, 3] }]',
        '  outputs: [raffinate.flows.A]',
      ].join('\n');
    const grid = loadScenario(sweep('grid'), 'yaml').scenario;
    const list = loadScenario(sweep('list'), 'yaml').scenario;
    expect(grid?.kind === 'sweep' && grid.input.points).toEqual([
      [1, 1],
      [1, 3],
      [2, 1],
      [2, 3],
    ]);
    expect(list?.kind === 'sweep' && list.input.points).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  it('the JSON Schema has an option for every kind', () => {
    const schema = scenarioJsonSchema() as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((schema.oneOf ?? schema.anyOf)?.length).toBe(SCENARIO_KINDS.length);
  });

  it('the exported JSON Schema accepts every example scenario and rejects a broken one (what editors see)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(scenarioJsonSchema());
    for (const f of files) {
      const ok = validate(parse(readFileSync(join(scenarios, f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    expect(validate({ kind: 'design', input: { feed: { Pr: 1 }, purity: 2 } })).toBe(false);
    expect(validate({ kind: 'cascade', input: {}, extra: 1 })).toBe(false);
  });
});

describe('loadScenario paths for problems found after the schema', () => {
  const cascade =
    '{ stages: { extraction: 2 }, feed: { flows: { A: 1 }, volume: 1, stage: 5 }, organic: { volume: 1 }, equilibrium: { kind: distribution, D: { A: 2 } } }';

  it('an extractant reference the tables reject is named where it is written (input, input.base, input.spec)', () => {
    const ref = '{ system: P507, elements: [Pr, Pr] }';
    const design = `kind: design\ninput: { feed: { Pr: 1, Nd: 1 }, purity: { organic: 0.9, aqueous: 0.9 }, equilibrium: ${ref} }\n`;
    expect(paths(design)).toEqual(['input.equilibrium.elements[1]']);
    const mc = [
      'kind: monte-carlo',
      'input:',
      '  model: design',
      `  base: { feed: { Pr: 1, Nd: 1 }, purity: { organic: 0.9, aqueous: 0.9 }, equilibrium: ${ref} }`,
      '  runs: 2',
      '  parameters: [{ path: feed.Pr, distribution: { kind: uniform, min: 1, max: 2 } }]',
      '  outputs: [stages.total]',
    ].join('\n');
    expect(paths(mc)).toEqual(['input.base.equilibrium.elements[1]']);
  });

  it("a cascade's feed stage beyond its stages: input.feed.stage, and input.spec.feed.stage in dynamics", () => {
    expect(paths(`kind: cascade\ninput: ${cascade}\n`)).toEqual(['input.feed.stage']);
    const dyn = `kind: cascade-dynamics\ninput:\n  spec: ${cascade}\n  options: { holdup: { mixer: { residenceTime: 1 }, settler: { residenceTime: 1 } }, duration: 10 }\n`;
    expect(paths(dyn)).toEqual(['input.spec.feed.stage']);
  });

  it('a flowsheet whose inlet names a stream nothing produces: input.blocks[1].inlets.feed (was "ok", then exit 2 at run)', () => {
    const plant = miswiredFlowsheetYaml();
    const issues = loadScenario(plant, 'yaml').issues ?? [];
    expect(issues.map((i) => [i.code, i.path, i.value])).toEqual([
      ['INVALID_FLOWSHEET', 'input.blocks[1].inlets.feed', 'oer'],
    ]);
    // Spelled right, it loads.
    expect(loadScenario(miswiredFlowsheetYaml('ore'), 'yaml').issues).toBeUndefined();
  });

  it('a design whose key pair is not in the feed, and a train product nothing in the feed makes: found at load, not at run', () => {
    const design = [
      'kind: design',
      'input:',
      '  feed: { Pr: 1, Nd: 3 }',
      '  equilibrium: { system: P507, elements: [Pr, Nd] }',
      '  purity: { organic: 0.999, aqueous: 0.999 }',
      '  keys: { A: La, B: Nd }',
    ].join('\n');
    expect(paths(design)).toEqual(['input.keys.A']);
    const train = [
      'kind: train',
      'input:',
      '  feed: { La: 30, Ce: 50 }',
      '  products: [Nd]',
      '  purity: 0.99',
    ].join('\n');
    expect(loadScenario(train, 'yaml').issues?.map((i) => i.code)).toEqual(['MISSING']);
  });

  it('filePath moves model paths under the input and leaves file paths alone', () => {
    expect(filePath('supply-chain', 'supplyChain.links[3].from')).toBe('input.scenario.links[3].from');
    expect(filePath('supply-chain', 'supplyChain.demand.jp.year')).toBe('input.scenario.demand.jp.year');
    expect(filePath('train', 'designSeparationTrain.products')).toBe('input.products');
    expect(filePath('flowsheet', 'flowsheet.blocks[0].inlets.feed')).toBe('input.blocks[0].inlets.feed');
    expect(filePath('monte-carlo', 'study.parameters[0].path')).toBe('input.parameters[0].path');
    expect(filePath('design', 'input.feed.Pr')).toBe('input.feed.Pr');
  });

  it('a union reports the option its tag picked: a phDependent model missing its fields names them', () => {
    const text = `kind: cascade\ninput: { stages: { extraction: 1 }, feed: { flows: { La: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: { kind: phDependent } }\n`;
    const issues = loadScenario(text, 'yaml').issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.code).toBe('MISSING');
      expect(i.path).toMatch(/^input\.equilibrium\.[a-z]+$/);
    }
  });

  it("a month in the wrong form says a month 'YYYY-MM'", () => {
    const text =
      'kind: supply-chain\ninput: { scenario: { base: baseline2024 }, options: { start: 2024-13, months: 2 } }\n';
    expect(loadScenario(text, 'yaml').issues?.map((i) => [i.path, i.expected])).toEqual([
      ['input.options.start', "a month 'YYYY-MM'"],
    ]);
  });

  it('a file with thousands of problems lists the first 100 and counts the rest', () => {
    const bad = Array.from({ length: 500 }, () => '"x"').join(', ');
    const text = `{"kind": "sweep", "input": {"model": "cascade", "base": {}, "axes": [{"path": "a", "values": [${bad}]}], "outputs": ["b"]}}`;
    const issues = loadScenario(text, 'json').issues ?? [];
    expect(issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(issues.at(-1)?.value).toMatch(/^\d+ more problems$/);
  });

  it('a sweep file takes no seed (it draws no random numbers)', () => {
    const text = `kind: sweep\ninput: { model: cascade, base: ${cascade.replace(', stage: 5', '')}, axes: [{ path: organic.volume, values: [1] }], outputs: [raffinate.flows.A] }\noptions: { seed: x }\n`;
    expect(paths(text)).toEqual(['options.seed']);
  });

  it("a supply chain's network and policies are checked on loading (a link from nowhere), nothing solved", () => {
    const text = [
      'kind: supply-chain',
      'input:',
      '  scenario:',
      '    base: baseline2024',
      '    add: { links: [{ from: nowhere, to: "country:US", stage: oxide }] }',
      '  options: { start: 2024-01, months: 1 }',
    ].join('\n');
    const [issue] = loadScenario(text, 'yaml').issues ?? [];
    expect(issue?.code).toBe('UNKNOWN_KEY');
    expect(issue?.path).toMatch(/^input\.scenario\.links\[\d+\]\.from$/);
  });

  it('a layer that does not fit its base is named as that layer', () => {
    const text = [
      'kind: supply-chain',
      'input:',
      '  scenario:',
      '    base: baseline2024',
      '    layers: [{ layer: exportLicensing2025 }, { layer: myanmarDisruption, params: { targets: [nowhere] } }]',
      '  options: { start: 2024-01, months: 1 }',
    ].join('\n');
    expect(paths(text)).toEqual(['input.scenario.layers[1].params.targets[0]']);
  });
});
