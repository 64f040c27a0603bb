// The supply-chain scenario schema: baseline2024 written as JSON parses as a scenario; a reference (base,
// layers, added entries) resolves to exactly what the scenario functions build; bad files fail with the path
// of the bad field; and, at compile time, every SupplyScenario, run options and layer params type is a valid
// file input and the resolver returns the model's input type.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  resolveSupplyInput,
  type SupplyInput,
  supplyInputSchema,
  supplyScenarioSchema,
} from '../../src/scenario/supplySchema.js';
import type { SupplyChainRun } from '../../src/study/models.js';
import { baseline2024 } from '../../src/supply/baseline/baseline2024.js';
import {
  type DiversificationParams,
  withDiversification,
} from '../../src/supply/scenarios/diversification.js';
import {
  type LicensingParams,
  withExportLicensing2025,
} from '../../src/supply/scenarios/exportControls2025.js';
import { type LynasHeavyParams, withLynasHeavyRareEarths } from '../../src/supply/scenarios/lynasHeavy.js';
import { type MpDomesticParams, withMpDomesticProcessing } from '../../src/supply/scenarios/mpDomestic.js';
import {
  type MyanmarDisruptionParams,
  withMyanmarDisruption,
} from '../../src/supply/scenarios/myanmarDisruption.js';
import { type PakistanUsParams, withPakistanUsDeal } from '../../src/supply/scenarios/pakistanUs.js';
import { type SerraVerdeParams, withSerraVerde } from '../../src/supply/scenarios/serraVerde.js';
import {
  type TurkeyBeylikovaParams,
  withTurkeyBeylikova,
} from '../../src/supply/scenarios/turkeyBeylikova.js';
import { type SupplyRunOptions, simulateSupplyChain } from '../../src/supply/simulate.js';
import type { Facility, Policy, SupplyEvent, SupplyScenario } from '../../src/supply/types.js';

/** What a file holds: plain JSON. */
const json = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));
const options = { start: '2025-01', months: 3 };
const reference = (scenario: Record<string, unknown>) => ({
  scenario: { base: 'baseline2024', ...scenario },
  options,
});
const resolved = (input: unknown) => resolveSupplyInput(supplyInputSchema.parse(input));

/** The issues of a failed parse as `path: code` lines (paths dotted as zod gives them). */
function problems(input: unknown): string[] {
  const r = supplyInputSchema.safeParse(input);
  expect(r.success).toBe(false);
  return (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.code}`);
}

const facility: Facility = {
  id: 'au-new-mine',
  country: 'AU',
  kind: 'mine',
  capacity: 1000,
  mix: { deposit: 'mount-weld' },
  start: '2025-02',
};

describe('supplyInputSchema: scenarios written out', () => {
  it('parses baseline2024 as JSON, and resolves it unchanged', () => {
    const input = { scenario: json(baseline2024), options };
    expect(supplyScenarioSchema.safeParse(json(baseline2024)).success).toBe(true);
    const run = resolved(input);
    expect(run.scenario).toEqual(baseline2024);
    expect(run.options).toEqual(options);
  });

  it('accepts every policy and event kind and sourced capacities', () => {
    const scenario = {
      ...baseline2024,
      policies: [
        { kind: 'domesticProcessing', id: 'dp', country: 'US', stages: ['concentrate'], from: '2025-04' },
        {
          kind: 'stockpile',
          id: 'sp',
          country: 'US',
          stage: 'oxide',
          elements: { Nd: 100 },
          from: '2025-01',
        },
      ],
      events: [
        { kind: 'disruption', id: 'd', target: 'country:MM', from: '2025-02', months: 2, severity: 0.5 },
        { kind: 'newFacility', id: 'n', facility: { ...facility, id: 'au-other' } },
        { kind: 'demandGrowth', id: 'g', demand: baseline2024.demand[0]?.id, growth: 0.1, from: '2025-06' },
        {
          kind: 'facilityChange',
          id: 'my-lamp-2026',
          facility: 'my-lynas-lamp',
          from: '2026-01',
          rampMonths: 3,
          capacity: { value: 25_000 },
          elements: ['La', 'Ce', 'Pr', 'Nd', 'Dy', 'Tb'],
        },
      ],
      facilities: [
        ...baseline2024.facilities,
        { ...facility, capacity: { value: 1000 } },
        { id: 'r', country: 'CN', kind: 'recycling', capacity: 100, mix: { Nd: 3, Pr: 1 } },
      ],
    };
    expect(supplyInputSchema.safeParse({ scenario: json(scenario), options }).success).toBe(true);
    // A change with a fractional ramp is refused where it stands.
    const bad = {
      ...scenario,
      events: [{ ...(scenario.events[3] as object), rampMonths: 1.5 }],
    };
    expect(problems({ scenario: json(bad), options }).join('\n')).toContain('scenario.events.0.rampMonths');
  });
});

describe('supplyInputSchema: references', () => {
  it('{ base: baseline2024, layers: [exportLicensing2025] } is exactly withExportLicensing2025(baseline2024)', () => {
    const run = resolved(reference({ layers: [{ layer: 'exportLicensing2025' }] }));
    expect(run.scenario).toEqual(withExportLicensing2025(baseline2024));
    expect(run.options).toEqual(options);
  });

  it('applies each built-in layer with its params', () => {
    const cases: [unknown, SupplyScenario][] = [
      [
        { layer: 'exportLicensing2025', params: { approvalRate: 0.2, licenceDelayMonths: 4 } },
        withExportLicensing2025(baseline2024, { approvalRate: 0.2, licenceDelayMonths: 4 }),
      ],
      [
        { layer: 'mpDomesticProcessing', params: { magnets: false } },
        withMpDomesticProcessing(baseline2024, { magnets: false }),
      ],
      [
        { layer: 'pakistanUsDeal', params: { concentrate: 800 } },
        withPakistanUsDeal(baseline2024, { concentrate: 800 }),
      ],
      [
        { layer: 'turkeyBeylikova', params: { start: '2027-01' } },
        withTurkeyBeylikova(baseline2024, { start: '2027-01' }),
      ],
      [
        { layer: 'serraVerde', params: { reoPerYear: 4000 } },
        withSerraVerde(baseline2024, { reoPerYear: 4000 }),
      ],
      [
        { layer: 'myanmarDisruption', params: { outage: { ratePerMonth: 0.05, months: 3 } } },
        withMyanmarDisruption(baseline2024, { outage: { ratePerMonth: 0.05, months: 3 } }),
      ],
      [
        { layer: 'lynasHeavyRareEarths', params: { rampMonths: 3 } },
        withLynasHeavyRareEarths(baseline2024, { rampMonths: 3 }),
      ],
      [
        { layer: 'diversification', params: { pakistan: { concentrate: 800 } } },
        withDiversification(baseline2024, { pakistan: { concentrate: 800 } }),
      ],
    ];
    for (const [layer, expected] of cases)
      expect(resolved(reference({ layers: [layer] })).scenario).toEqual(expected);
  });

  it('applies layers in order, then appends the added entries (countries merged), then sets name and description', () => {
    const policy: Policy = {
      kind: 'domesticProcessing',
      id: 'au-dp',
      country: 'AU',
      stages: ['concentrate'],
      from: '2026-01',
    };
    const event: SupplyEvent = {
      kind: 'disruption',
      id: 'au-cut',
      target: 'au-new-mine',
      from: '2025-03',
      months: 1,
    };
    const run = resolved(
      reference({
        layers: [{ layer: 'myanmarDisruption' }, { layer: 'exportLicensing2025' }],
        add: { countries: { XX: 'Testland' }, facilities: [facility], policies: [policy], events: [event] },
        name: 'test',
        description: 'layers and additions',
      }),
    );
    const layered = withExportLicensing2025(withMyanmarDisruption(baseline2024));
    expect(run.scenario).toEqual({
      ...layered,
      name: 'test',
      description: 'layers and additions',
      countries: { ...baseline2024.countries, XX: 'Testland' },
      facilities: [...baseline2024.facilities, facility],
      policies: [...(layered.policies ?? []), policy],
      events: [...(layered.events ?? []), event],
    });
  });

  it('takes a scenario written out as the base', () => {
    const base = { ...baseline2024, name: 'mine' };
    const run = resolved({
      scenario: { base: json(base), layers: [{ layer: 'exportLicensing2025' }] },
      options,
    });
    expect(run.scenario).toEqual(withExportLicensing2025(base));
  });

  it('runs: the resolved input simulates like the scenario built in TypeScript (3 months)', async () => {
    const run = resolved(reference({ layers: [{ layer: 'exportLicensing2025' }] }));
    const [fromFile, direct] = await Promise.all([
      simulateSupplyChain(run.scenario, run.options),
      simulateSupplyChain(withExportLicensing2025(baseline2024), options),
    ]);
    expect(fromFile).toEqual(direct);
    expect(fromFile.months).toEqual(['2025-01', '2025-02', '2025-03']);
  });
});

describe('supplyInputSchema: bad input names its place', () => {
  it('unknown keys', () => {
    expect(problems({ ...reference({}), seed: 1 })).toEqual([': unrecognized_keys']);
    expect(problems({ scenario: { base: 'baseline2024' }, options: { ...options, colour: 1 } })).toEqual([
      'options: unrecognized_keys',
    ]);
    expect(problems(reference({ layer: [] }))).toEqual(['scenario: unrecognized_keys']);
    const extra = { ...baseline2024, facilities: [{ ...facility, owner: 'x' }] };
    expect(problems({ scenario: json(extra), options })).toEqual([
      'scenario.facilities.0: unrecognized_keys',
    ]);
    expect(
      problems({ scenario: { base: { ...(json(baseline2024) as object), colour: 1 } }, options }),
    ).toEqual(['scenario.base: unrecognized_keys']);
    expect(
      problems(reference({ layers: [{ layer: 'exportLicensing2025', params: { rate: 0.5 } }] })),
    ).toEqual(['scenario.layers.0.params: unrecognized_keys']);
  });

  it('an unknown layer, policy or event kind', () => {
    expect(problems(reference({ layers: [{ layer: 'exportLicensing2026' }] }))).toEqual([
      'scenario.layers.0.layer: invalid_union',
    ]);
    const policy = { kind: 'tariff', id: 't', from: '2025-01' };
    expect(
      problems({ scenario: { ...(json(baseline2024) as object), policies: [policy] }, options }),
    ).toEqual(['scenario.policies.0.kind: invalid_union']);
    expect(problems(reference({ add: { events: [{ kind: 'strike', id: 's' }] } }))).toEqual([
      'scenario.add.events.0.kind: invalid_union',
    ]);
  });

  it("a month that is not 'YYYY-MM'", () => {
    expect(problems({ ...reference({}), options: { start: '2025-13', months: 3 } })).toEqual([
      'options.start: invalid_format',
    ]);
    expect(problems(reference({ add: { facilities: [{ ...facility, start: '2025-1' }] } }))).toEqual([
      'scenario.add.facilities.0.start: invalid_format',
    ]);
    expect(
      problems(reference({ layers: [{ layer: 'myanmarDisruption', params: { from: 'Oct 2024' } }] })),
    ).toEqual(['scenario.layers.0.params.from: invalid_format']);
  });

  it('a string, Infinity or a fraction where a number or an integer belongs', () => {
    expect(problems({ ...reference({}), options: { start: '2025-01', months: '3' } })).toEqual([
      'options.months: invalid_type',
    ]);
    expect(problems({ ...reference({}), options: { start: '2025-01', months: 2.5 } })).toEqual([
      'options.months: invalid_type',
    ]);
    expect(problems({ ...reference({}), options: { start: '2025-01', months: 601 } })).toEqual([
      'options.months: too_big',
    ]);
    const link = {
      from: 'au-new-mine',
      to: 'country:CN',
      stage: 'concentrate',
      capacity: Number.POSITIVE_INFINITY,
    };
    expect(problems(reference({ add: { links: [link] } }))).toEqual([
      'scenario.add.links.0.capacity: invalid_type',
    ]);
    const params = { approvalRate: '0.5' };
    expect(problems(reference({ layers: [{ layer: 'exportLicensing2025', params }] }))).toEqual([
      'scenario.layers.0.params.approvalRate: invalid_type',
    ]);
  });

  it('more than 10,000 entries of a list, with the limit in the message', () => {
    const facilities = Array.from({ length: 10_001 }, (_, i) => ({ ...facility, id: `f${i}` }));
    const r = supplyInputSchema.safeParse(reference({ add: { facilities } }));
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['scenario.add.facilities', 'at most 10,000 facilities'],
    ]);
    const events = Array.from({ length: 10_001 }, (_, i) => ({
      kind: 'disruption',
      id: `e${i}`,
      target: 'x',
      from: '2025-01',
      months: 1,
    }));
    expect(supplyInputSchema.safeParse(reference({ add: { events } })).error?.issues[0]?.message).toBe(
      'at most 10,000 events',
    );
  });

  it('gives editors a JSON Schema with descriptions and without readOnly', () => {
    const text = JSON.stringify(z.toJSONSchema(supplyInputSchema, { io: 'input' }));
    expect(text).toContain('Nameplate capacity of its output, t REO per year');
    expect(text).toContain('exportLicensing2025');
    expect(text).not.toContain('readOnly');
  });
});

/**
 * `path: code` of each issue that carries reesim's code (`params`), with a record key's own issues lifted to
 * the key's place, sorted.
 */
function coded(input: unknown): string[] {
  const lines = (issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[]): string[] =>
    issues.flatMap((i) => {
      const path = [...base, ...i.path];
      if (i.code === 'invalid_union') return i.errors.flatMap((option) => lines(option, path));
      if (i.code === 'invalid_key') return lines(i.issues, path);
      const params = (i as { params?: { code?: string } }).params;
      return params ? [`${path.join('.')}: ${params.code}`] : [];
    });
  const r = supplyInputSchema.safeParse(input);
  expect(r.success).toBe(false);
  return [...new Set(lines(r.error?.issues ?? [], []))].sort();
}

/** The `expected` of the first issue at `path` that carries one. */
function expectedAt(input: unknown, path: string): string | undefined {
  const all = (issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[]): [string, string][] =>
    issues.flatMap((i): [string, string][] => {
      const at = [...base, ...i.path];
      if (i.code === 'invalid_key') return all(i.issues, at);
      if (i.code === 'invalid_union') return i.errors.flatMap((o) => all(o, at));
      const expected = (i as { params?: { expected?: string } }).params?.expected;
      return expected === undefined ? [] : [[at.join('.'), expected]];
    });
  return all(supplyInputSchema.safeParse(input).error?.issues ?? [], []).find(([p]) => p === path)?.[1];
}

describe('supplyInputSchema: names and elements the model knows, years it can compound', () => {
  // The reviewer's tostr3.yaml and tostr4.yaml: ids, country codes and keys that are names of
  // Object.prototype, and an element Xx (the report then showed NaN for it).
  const tostr = (element: string) =>
    reference({
      add: {
        countries: { toString: 'Foo', hasOwnProperty: 'Bar' },
        facilities: [
          { id: 'toString', country: 'hasOwnProperty', kind: 'mine', capacity: 100, mix: { Nd: 1 } },
        ],
        demand: [
          {
            id: 'valueOf',
            country: 'hasOwnProperty',
            sector: 'magnets',
            stage: 'concentrate',
            elements: { Nd: 10, [element]: 5 },
          },
        ],
        links: [{ from: 'toString', to: 'country:hasOwnProperty', stage: 'concentrate' }],
      },
    });
  const tostrIssues = (element: string) =>
    [
      'scenario.add.countries.hasOwnProperty',
      'scenario.add.countries.toString',
      'scenario.add.demand.0.country',
      `scenario.add.demand.0.elements.${element}`,
      'scenario.add.demand.0.id',
      'scenario.add.facilities.0.country',
      'scenario.add.facilities.0.id',
      'scenario.add.links.0.from',
      'scenario.add.links.0.to',
    ].map((p) => `${p}: UNKNOWN_KEY`);

  it('tostr3 and tostr4: every id, country code and key of that kind fails, each in its place', () => {
    expect(coded(tostr('toString'))).toEqual(tostrIssues('toString'));
    expect(coded(tostr('Xx'))).toEqual(tostrIssues('Xx'));
    expect(expectedAt(tostr('Xx'), 'scenario.add.facilities.0.id')).toBe(
      "a facility id other than 'toString' (a built-in name of every JavaScript object)",
    );
    expect(expectedAt(tostr('Xx'), 'scenario.add.links.0.to')).toBe(
      "country:XX with a country code other than 'hasOwnProperty' (a built-in name of every JavaScript object)",
    );
    // The same scenario with ordinary names parses.
    const fine = reference({
      add: {
        countries: { XA: 'Foo' },
        facilities: [{ id: 'xa-mine', country: 'XA', kind: 'mine', capacity: 100, mix: { Nd: 1 } }],
        demand: [{ id: 'xa', country: 'XA', sector: 'magnets', stage: 'concentrate', elements: { Nd: 10 } }],
        links: [{ from: 'xa-mine', to: 'country:XA', stage: 'concentrate' }],
      },
    });
    expect(supplyInputSchema.safeParse(fine).success).toBe(true);
  });

  it('every record of elements takes the 16 symbols the model tracks and nothing else (not Pm, not nd)', () => {
    // The supply model tracks the 17 rare earths but promethium (no ore carries it).
    const all = [
      'Sc',
      'Y',
      'La',
      'Ce',
      'Pr',
      'Nd',
      'Sm',
      'Eu',
      'Gd',
      'Tb',
      'Dy',
      'Ho',
      'Er',
      'Tm',
      'Yb',
      'Lu',
    ];
    const one = Object.fromEntries(all.map((e) => [e, 1 / 16]));
    const mine = { id: 'xa-mine', country: 'AU', kind: 'mine', capacity: 100 };
    const sx = { id: 'xa-sx', country: 'AU', kind: 'separation', capacity: 100 };
    const demand = { id: 'xa', country: 'US', sector: 'magnets', stage: 'oxide' };
    const stockpile = { kind: 'stockpile', id: 'sp', country: 'US', stage: 'oxide', from: '2025-01' };
    const control = {
      kind: 'exportControl',
      id: 'ec',
      exporter: 'CN',
      stages: ['oxide'],
      approvalRate: 0,
      from: '2025-01',
    };
    /** Each place an element goes, as [path of the element `e` in the input, added entries]. */
    const places = (e: string): [string, object][] => {
      const els = { Nd: 0.5, [e]: 0.5 };
      const list = ['Nd', e];
      return [
        [`facilities.0.mix.${e}`, { facilities: [{ ...mine, mix: els }] }],
        [`facilities.0.recovery.${e}`, { facilities: [{ ...sx, recovery: els }] }],
        ['facilities.0.elements.1', { facilities: [{ ...sx, elements: list }] }],
        [`demand.0.elements.${e}`, { demand: [{ ...demand, elements: els }] }],
        [
          `policies.0.elements.${e}`,
          { demand: [{ ...demand, elements: one }], policies: [{ ...stockpile, elements: els }] },
        ],
        [
          `policies.0.initial.${e}`,
          {
            demand: [{ ...demand, elements: one }],
            policies: [{ ...stockpile, elements: one, initial: els }],
          },
        ],
        ['policies.0.elements.1', { policies: [{ ...control, elements: list }] }],
      ];
    };
    for (const [at, add] of places('Dy')) {
      expect([at, supplyInputSchema.safeParse(reference({ add })).error?.issues]).toEqual([at, undefined]);
    }
    const allOf = (add: object) => ({ ...add, demand: [{ ...demand, elements: one }] });
    expect(
      supplyInputSchema.safeParse(reference({ add: allOf({ facilities: [{ ...sx, elements: all }] }) }))
        .success,
    ).toBe(true);
    for (const bad of ['Xx', 'Pm', 'nd', 'toString']) {
      for (const [at, add] of places(bad)) {
        const where = `scenario.add.${at}`;
        expect(coded(reference({ add }))).toEqual([`${where}: UNKNOWN_KEY`]);
        expect(expectedAt(reference({ add }), where)).toBe(
          'a rare-earth element symbol the supply model tracks (Sc, Y, La, Ce, Pr, Nd, Sm, Eu, Gd, Tb, Dy, Ho, Er, ' +
            'Tm, Yb, Lu; not Pm)',
        );
      }
    }
    // An own __proto__ key (JSON.parse makes one) is not silently dropped.
    const proto = JSON.parse('{ "Nd": 1, "__proto__": 1 }');
    expect(coded(reference({ add: { demand: [{ ...demand, elements: proto }] } }))).toEqual([
      'scenario.add.demand.0.elements.__proto__: UNKNOWN_KEY',
    ]);
    // A list of elements or stages holds at most one of each.
    expect(problems(reference({ add: { facilities: [{ ...sx, elements: [...all, 'Nd'] }] } }))).toEqual([
      'scenario.add.facilities.0.elements: too_big',
    ]);
    const stages = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet', 'oxide'];
    expect(problems(reference({ add: { policies: [{ ...control, stages }] } }))).toEqual([
      'scenario.add.policies.0.stages: too_big',
    ]);
  });

  it('a demand year from 1900 to 2200 (sc-year: year -100000 at 100 %/yr made the LP NaN)', () => {
    const demand = (year: unknown) =>
      reference({
        add: {
          demand: [
            {
              id: 'big',
              country: 'US',
              sector: 'magnets',
              stage: 'magnet',
              elements: { Nd: 10 },
              year,
              growth: 1,
            },
          ],
        },
      });
    for (const year of [1900, 2024, 2200])
      expect(supplyInputSchema.safeParse(demand(year)).success).toBe(true);
    expect(problems(demand(-100_000))).toEqual(['scenario.add.demand.0.year: too_small']);
    expect(problems(demand(1899))).toEqual(['scenario.add.demand.0.year: too_small']);
    expect(problems(demand(2201))).toEqual(['scenario.add.demand.0.year: too_big']);
    expect(problems(demand(2024.5))).toEqual(['scenario.add.demand.0.year: invalid_type']);
  });

  it('months from 1900-01 to 2200-12, wherever a month is given', () => {
    const start = (s: string) => ({ ...reference({}), options: { start: s, months: 3 } });
    for (const s of ['1900-01', '2200-12']) expect(supplyInputSchema.safeParse(start(s)).success).toBe(true);
    for (const s of ['0001-01', '1899-12', '2201-01', '9999-12']) {
      expect(coded(start(s))).toEqual(['options.start: OUT_OF_RANGE']);
      expect(expectedAt(start(s), 'options.start')).toBe("a month 'YYYY-MM' from 1900-01 to 2200-12");
    }
    // A malformed month gets the format issue alone.
    expect(problems(start('2025-13'))).toEqual(['options.start: invalid_format']);
    expect(coded(reference({ add: { facilities: [{ ...facility, start: '3025-02' }] } }))).toEqual([
      'scenario.add.facilities.0.start: OUT_OF_RANGE',
    ]);
    const layer = { layer: 'myanmarDisruption', params: { from: '1024-10' } };
    expect(coded(reference({ layers: [layer] }))).toEqual(['scenario.layers.0.params.from: OUT_OF_RANGE']);
  });
});

describe('supply input types (compile time)', () => {
  type FileInput = z.input<typeof supplyInputSchema>;
  type Reference = Extract<FileInput['scenario'], { base: unknown }>;
  type LayerParams<L> = NonNullable<
    Extract<NonNullable<Reference['layers']>[number], { layer: L }>['params']
  >;

  it('resolves to the supply-chain model input', () => {
    expectTypeOf(resolveSupplyInput).parameter(0).toEqualTypeOf<SupplyInput>();
    expectTypeOf(resolveSupplyInput).returns.toEqualTypeOf<SupplyChainRun>();
  });

  it('accepts every SupplyScenario, run options and layer params typed in TypeScript', () => {
    expectTypeOf<SupplyScenario>().toExtend<z.input<typeof supplyScenarioSchema>>();
    expectTypeOf<SupplyScenario>().toExtend<FileInput['scenario']>();
    expectTypeOf<SupplyChainRun>().toExtend<FileInput>();
    expectTypeOf<SupplyRunOptions>().toExtend<FileInput['options']>();
    expectTypeOf<{ base: SupplyScenario }>().toExtend<Reference>();
    expectTypeOf<LicensingParams>().toExtend<LayerParams<'exportLicensing2025'>>();
    expectTypeOf<MpDomesticParams>().toExtend<LayerParams<'mpDomesticProcessing'>>();
    expectTypeOf<PakistanUsParams>().toExtend<LayerParams<'pakistanUsDeal'>>();
    expectTypeOf<TurkeyBeylikovaParams>().toExtend<LayerParams<'turkeyBeylikova'>>();
    expectTypeOf<SerraVerdeParams>().toExtend<LayerParams<'serraVerde'>>();
    expectTypeOf<MyanmarDisruptionParams>().toExtend<LayerParams<'myanmarDisruption'>>();
    expectTypeOf<LynasHeavyParams>().toExtend<LayerParams<'lynasHeavyRareEarths'>>();
    expectTypeOf<DiversificationParams>().toExtend<LayerParams<'diversification'>>();
  });

  it('parses to what the model and the scenario functions take', () => {
    type Out = z.output<typeof supplyScenarioSchema>;
    expectTypeOf<Out>().toExtend<SupplyScenario>();
    expectTypeOf<Out['facilities'][number]['kind']>().toEqualTypeOf<Facility['kind']>();
    expectTypeOf<NonNullable<Out['policies']>[number]['kind']>().toEqualTypeOf<Policy['kind']>();
    expectTypeOf<NonNullable<Out['events']>[number]['kind']>().toEqualTypeOf<SupplyEvent['kind']>();
    expectTypeOf<SupplyInput['options']>().toExtend<SupplyRunOptions>();
  });
});
