// The flowsheet scenario schema: the demo plant of examples/01 written as JSON parses and runs to the same
// result as the TypeScript spec; every built-in unit kind has a block option; bad files fail with the path of
// the bad field; and, at compile time, every unit's params type is a valid file input.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { mountainPass } from '../../examples/01-mountain-pass-to-metal.js';
import type { Deposit } from '../../src/data/deposits.js';
import { getDeposit } from '../../src/data/deposits.js';
import { unitKinds } from '../../src/flowsheet/registry.js';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import type { FlowsheetSpec, RecycleSolver } from '../../src/flowsheet/spec.js';
import {
  type FlowsheetInput,
  flowsheetInputSchema,
  nameRecord,
  resolveFlowsheetInput,
  safeName,
  streamSchema,
  unitParamsSchemas,
} from '../../src/scenario/flowsheetSchema.js';
import { makeStream, type Stream } from '../../src/stream/stream.js';
import type { AmmoniumSulfateLeachParams } from '../../src/units/ammoniumSulfateLeach.js';
import { type BeneficiationParams, beneficiationPresets } from '../../src/units/beneficiation.js';
import type { CalcinationParams } from '../../src/units/calcination.js';
import type { CalciothermicParams } from '../../src/units/calciothermicReduction.js';
import type { CausticDigestionParams } from '../../src/units/causticDigestion.js';
import type { ElectrolysisParams } from '../../src/units/electrolysis.js';
import type { GradeSpec } from '../../src/units/grading.js';
import { type HclLeachParams, hclLeachPresets } from '../../src/units/hclLeach.js';
import type { LanthanothermicParams } from '../../src/units/lanthanothermicReduction.js';
import type { MineParams } from '../../src/units/mine.js';
import type { PrecipitationParams } from '../../src/units/precipitation.js';
import type { SolventExtractionParams } from '../../src/units/solventExtraction.js';
import type { SplitterParams } from '../../src/units/splitter.js';
import type { SulfuricAcidBakeParams } from '../../src/units/sulfuricAcidBake.js';
import type { VacuumRefiningParams } from '../../src/units/vacuumRefining.js';

/** What a file holds: plain JSON. */
const json = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

/** The issues of a failed parse as `path: code` lines (paths dotted as zod gives them). */
function problems(input: unknown): string[] {
  const r = flowsheetInputSchema.safeParse(input);
  expect(r.success).toBe(false);
  return (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.code}`);
}

/** Issues with a record key's own issues lifted to the key's place. */
const flat = (issues: readonly z.core.$ZodIssue[]) =>
  issues.flatMap((i) =>
    i.code === 'invalid_key' ? i.issues.map((k) => ({ ...k, path: [...i.path, ...k.path] })) : [i],
  );

const liquor = makeStream('solution', { Nd: 10, Pr: 3, H2O: 100 });
const splitter = (params: unknown) => ({
  feeds: { liquor },
  blocks: [{ id: 'split', unit: 'splitter', params, inlets: { feed: 'liquor' } }],
});

describe('flowsheetInputSchema', () => {
  it('parses examples/01 as JSON; resolved, it simulates to the same plant as the TypeScript spec', () => {
    const parsed = flowsheetInputSchema.parse(json(mountainPass));
    const spec = resolveFlowsheetInput(parsed);
    expect(spec).toEqual(mountainPass);
    expect(simulateFlowsheet(spec)).toEqual(simulateFlowsheet(mountainPass));
  });

  it('has one block option per built-in unit kind, with the ports of its definition', () => {
    expect(Object.keys(unitParamsSchemas).sort()).toEqual(unitKinds());
    const schema = z.toJSONSchema(flowsheetInputSchema, { io: 'input' }) as unknown as {
      properties: { blocks: { items: { oneOf?: unknown[]; anyOf?: unknown[] } } };
    };
    const options = schema.properties.blocks.items.oneOf ?? schema.properties.blocks.items.anyOf ?? [];
    expect(options).toHaveLength(unitKinds().length);
    // Ports come from the registry: the electrolysis cell has three outlets, the mine no inlet.
    const cell = { id: 'cell', unit: 'electrolysis', inlets: { feed: 'oxide' } };
    const outlets = { metal: 'm', salt: 's', unreduced: 'u' };
    expect(flowsheetInputSchema.safeParse({ blocks: [{ ...cell, outlets }] }).success).toBe(true);
    expect(problems({ blocks: [{ ...cell, outlets: { ...outlets, slag: 'x' } }] })).toEqual([
      'blocks.0.outlets: unrecognized_keys',
    ]);
    expect(problems({ blocks: [{ ...cell, inlets: { fed: 'oxide' } }] })).toEqual([
      'blocks.0.inlets.feed: invalid_type',
      'blocks.0.inlets: unrecognized_keys',
    ]);
    const mine = { id: 'm', unit: 'mine', params: { deposit: 'mount-weld', oreRate: 10 } };
    expect(problems({ blocks: [{ ...mine, inlets: { feed: 'x' } }] })).toEqual([
      'blocks.0.inlets: unrecognized_keys',
    ]);
  });

  it('accepts the published presets and a full user deposit', () => {
    for (const p of Object.values(beneficiationPresets))
      expect(unitParamsSchemas.beneficiation.safeParse(json(p.params)).success).toBe(true);
    for (const p of Object.values(hclLeachPresets))
      expect(unitParamsSchemas['hcl-leach'].safeParse(json(p.params)).success).toBe(true);
    const deposit = json(getDeposit('mount-weld'));
    expect(unitParamsSchemas.mine.safeParse({ deposit, oreRate: 100 }).success).toBe(true);
    expect(unitParamsSchemas.mine.safeParse({ deposit: 'mount-weld', oreRate: 100 }).success).toBe(true);
    expect(unitParamsSchemas.mine.safeParse({ deposit: 'mount-weird', oreRate: 100 }).success).toBe(false);
  });

  it('requires params only of units that have a required parameter', () => {
    const calciner = { id: 'c', unit: 'calcination', inlets: { feed: 'cake' } };
    expect(flowsheetInputSchema.safeParse({ blocks: [calciner] }).success).toBe(true);
    expect(problems({ blocks: [{ id: 's', unit: 'splitter', inlets: { feed: 'x' } }] })).toEqual([
      'blocks.0.params: invalid_type',
    ]);
  });

  it('fails on unknown keys, with their place', () => {
    expect(problems({ ...splitter({ fraction: 0.5 }), colour: 'red' })).toEqual([': unrecognized_keys']);
    expect(problems(splitter({ fraction: 0.5, fractoin: 0.5 }))).toEqual([
      'blocks.0.params: unrecognized_keys',
    ]);
    expect(problems({ ...splitter({ fraction: 0.5 }), solver: { method: 'wegstein', tol: 1e-9 } })).toEqual([
      'solver: unrecognized_keys',
    ]);
    expect(
      problems({ ...splitter({ fraction: 0.5 }), feeds: { liquor: { ...liquor, phase: 'aq' } } }),
    ).toEqual(['feeds.liquor: unrecognized_keys']);
  });

  it('fails on an unknown unit kind at blocks[i].unit', () => {
    const r = flowsheetInputSchema.safeParse({
      blocks: [{ id: 'x', unit: 'crusher', inlets: { feed: 'ore' } }],
    });
    expect(r.error?.issues.map((i) => i.path)).toEqual([['blocks', 0, 'unit']]);
  });

  it('fails on a string, NaN or Infinity where a number belongs, and on numbers out of range', () => {
    expect(problems(splitter({ fraction: '0.5' }))).toEqual(['blocks.0.params.fraction: invalid_type']);
    expect(problems(splitter({ fraction: Number.NaN }))).toEqual(['blocks.0.params.fraction: invalid_type']);
    expect(problems(splitter({ fraction: Number.POSITIVE_INFINITY }))).toEqual([
      'blocks.0.params.fraction: invalid_type',
    ]);
    expect(problems(splitter({ fraction: 1.5 }))).toEqual(['blocks.0.params.fraction: too_big']);
    const mine = (oreRate: unknown) => ({
      blocks: [{ id: 'm', unit: 'mine', params: { deposit: 'lahat', oreRate } }],
    });
    expect(problems(mine('130'))).toEqual(['blocks.0.params.oreRate: invalid_type']);
    expect(problems(mine(0))).toEqual(['blocks.0.params.oreRate: too_small']);
    const cut = { keys: { A: 'Nd', B: 'Pr' }, purity: { organic: 0.5, aqueous: 0.999 } };
    expect(
      problems({
        blocks: [{ id: 'sx', unit: 'solvent-extraction', params: cut, inlets: { feed: 'liquor' } }],
      }),
    ).toEqual(['blocks.0.params.purity.organic: too_small']);
  });

  it('checks feeds as streams: a form of the list and one flow per species', () => {
    expect(streamSchema.safeParse(json(liquor)).success).toBe(true);
    const short = { ...liquor, amounts: liquor.amounts.slice(1) };
    expect(problems({ ...splitter({ fraction: 0.5 }), feeds: { liquor: short } })).toEqual([
      'feeds.liquor.amounts: custom',
    ]);
    const negative = { ...liquor, amounts: liquor.amounts.map((x, i) => (i === 0 ? -1 : x)) };
    expect(problems({ ...splitter({ fraction: 0.5 }), feeds: { liquor: negative } })).toEqual([
      'feeds.liquor.amounts.0: too_small',
    ]);
    expect(
      problems({ ...splitter({ fraction: 0.5 }), feeds: { liquor: { ...liquor, form: 'slurry' } } }),
    ).toEqual(['feeds.liquor.form: invalid_value']);
  });

  it('a stream of 25 or 23 amounts is told it needs exactly 24, one per species (not "at most 24 items")', () => {
    // SPECIES: the 17 rare earths, Th, U, Fe, Al, Ca, Gangue, H2O (DESIGN.md, Streams).
    const expected =
      'exactly 24 amounts, one per species in the order Sc, Y, La, Ce, Pr, Nd, Pm, Sm, Eu, Gd, Tb, Dy, Ho, ' +
      'Er, Tm, Yb, Lu, Th, U, Fe, Al, Ca, Gangue, H2O';
    for (const amounts of [[...liquor.amounts, 0], liquor.amounts.slice(1)]) {
      const r = streamSchema.safeParse({ ...liquor, amounts });
      expect(r.error?.issues).toHaveLength(1);
      expect(r.error?.issues[0]).toMatchObject({
        path: ['amounts'],
        params: { code: 'OUT_OF_RANGE', expected },
      });
    }
    // A bad amount does not hide the wrong length, nor the other way round.
    const r = streamSchema.safeParse({ ...liquor, amounts: [-1, ...liquor.amounts] });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['amounts.0', 'amounts']);
    // Editors see the length too.
    const schema = z.toJSONSchema(streamSchema, { io: 'input' }) as unknown as {
      properties: { amounts: { minItems?: number; maxItems?: number } };
    };
    expect(schema.properties.amounts).toMatchObject({ minItems: 24, maxItems: 24 });
  });

  it('rejects every name of Object.prototype as a feed, stream, block id, reagent or key, naming it', () => {
    // Every own property of Object.prototype (ES2024 §20.1.3 and Annex B) and `prototype`.
    const names = [
      'constructor',
      'hasOwnProperty',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      'toString',
      'valueOf',
      '__proto__',
      '__defineGetter__',
      '__defineSetter__',
      '__lookupGetter__',
      '__lookupSetter__',
      'prototype',
    ];
    const own = (key: string, value: unknown) => Object.fromEntries([[key, value]]);
    for (const bad of names) {
      const issues = (input: unknown) => {
        const r = flowsheetInputSchema.safeParse(input);
        expect(r.success).toBe(false);
        return flat(r.error?.issues ?? []);
      };
      const unknown = {
        params: {
          code: 'UNKNOWN_KEY',
          expected: expect.stringContaining(`other than '${bad}'`),
        },
      };
      const feed = issues({ ...splitter({ fraction: 0.5 }), feeds: own(bad, liquor) });
      expect(feed).toContainEqual(expect.objectContaining({ path: ['feeds', bad], ...unknown }));
      const block = (b: Record<string, unknown>) => ({
        feeds: { liquor },
        blocks: [
          { id: 'split', unit: 'splitter', params: { fraction: 0.5 }, inlets: { feed: 'liquor' }, ...b },
        ],
      });
      expect(issues(block({ id: bad }))).toEqual([
        expect.objectContaining({ path: ['blocks', 0, 'id'], ...unknown }),
      ]);
      expect(issues(block({ inlets: { feed: bad } }))).toEqual([
        expect.objectContaining({ path: ['blocks', 0, 'inlets', 'feed'], ...unknown }),
      ]);
      expect(issues(block({ inlets: { feed: ['liquor', bad] } }))).toEqual([
        expect.objectContaining({ path: ['blocks', 0, 'inlets', 'feed', 1], ...unknown }),
      ]);
      expect(issues(block({ outlets: { first: bad } }))).toEqual([
        expect.objectContaining({ path: ['blocks', 0, 'outlets', 'first'], ...unknown }),
      ]);
      expect(issues({ ...block({}), products: ['split.first', bad] })).toEqual([
        expect.objectContaining({ path: ['products', 1], ...unknown }),
      ]);
      const reagents = { ...liquor, reagents: own(bad, 1) };
      expect(issues({ ...block({}), feeds: { liquor: reagents } })).toEqual([
        expect.objectContaining({ path: ['feeds', 'liquor', 'reagents', bad], ...unknown }),
      ]);
      const ben = unitParamsSchemas.beneficiation.safeParse({
        method: 'flotation',
        recovery: 0.9,
        reagentDose: own(bad, 1),
      });
      expect(flat(ben.error?.issues ?? [])).toEqual([
        expect.objectContaining({ path: ['reagentDose', bad], ...unknown }),
      ]);
      const sx = unitParamsSchemas['solvent-extraction'].safeParse({
        keys: { A: bad, B: 'Pr' },
        purity: { organic: 0.99, aqueous: 0.99 },
        overrides: { pairs: own(bad, 1.5) },
      });
      expect(sx.error?.issues.map((i) => i.path)).toEqual([
        ['keys', 'A'],
        ['overrides', 'pairs', bad],
      ]);
    }
    // Names that merely contain one are fine.
    expect(
      flowsheetInputSchema.safeParse({ ...splitter({ fraction: 0.5 }), feeds: { toStrings: liquor } })
        .success,
    ).toBe(true);
  });

  it('tells editors which names are out (a JSON Schema pattern) and builds named records', () => {
    const schema = z.toJSONSchema(nameRecord(z.number(), 'a species name')) as {
      propertyNames: { pattern: string };
    };
    const pattern = new RegExp(schema.propertyNames.pattern, 'u');
    expect(['toString', '__proto__', 'valueOf', 'prototype'].filter((n) => pattern.test(n))).toEqual([]);
    expect(['Nd', 'toStrings', 'liquor', 'x.toString'].every((n) => pattern.test(n))).toBe(true);
    expect(safeName('a stream name').safeParse('').success).toBe(false);
    expect(safeName('a stream name').safeParse(3).success).toBe(false);
  });

  it('takes at most 1,000 blocks and says so', () => {
    const blocks = Array.from({ length: 1001 }, (_, i) => ({
      id: `b${i}`,
      unit: 'splitter',
      params: { fraction: 0.5 },
      inlets: { feed: 'x' },
    }));
    const r = flowsheetInputSchema.safeParse({ blocks });
    expect(r.error?.issues.map((i) => [i.path, i.message])).toEqual([[['blocks'], 'at most 1,000 blocks']]);
    expect(flowsheetInputSchema.safeParse({ blocks: blocks.slice(0, 1000) }).success).toBe(true);
  });

  it('gives editors a JSON Schema with descriptions and without readOnly', () => {
    const text = JSON.stringify(z.toJSONSchema(flowsheetInputSchema, { io: 'input' }));
    expect(text).toContain('Run-of-mine ore delivered, dry t/h');
    expect(text).not.toContain('readOnly');
  });
});

describe('flowsheet input types (compile time)', () => {
  it('resolves to a FlowsheetSpec', () => {
    expectTypeOf(resolveFlowsheetInput).parameter(0).toEqualTypeOf<FlowsheetInput>();
    expectTypeOf(resolveFlowsheetInput).returns.toEqualTypeOf<FlowsheetSpec>();
  });

  it("accepts every unit's params type, streams, the solver and the lists of a spec", () => {
    type In<K extends keyof typeof unitParamsSchemas> = z.input<(typeof unitParamsSchemas)[K]>;
    expectTypeOf<MineParams>().toExtend<In<'mine'>>();
    expectTypeOf<Deposit>().toExtend<In<'mine'>['deposit']>();
    expectTypeOf<BeneficiationParams>().toExtend<In<'beneficiation'>>();
    expectTypeOf<SulfuricAcidBakeParams>().toExtend<In<'sulfuric-acid-bake'>>();
    expectTypeOf<CausticDigestionParams>().toExtend<In<'caustic-digestion'>>();
    expectTypeOf<HclLeachParams>().toExtend<In<'hcl-leach'>>();
    expectTypeOf<AmmoniumSulfateLeachParams>().toExtend<In<'ammonium-sulfate-leach'>>();
    expectTypeOf<PrecipitationParams>().toExtend<In<'precipitation'>>();
    expectTypeOf<CalcinationParams>().toExtend<In<'calcination'>>();
    expectTypeOf<ElectrolysisParams>().toExtend<In<'electrolysis'>>();
    expectTypeOf<CalciothermicParams>().toExtend<In<'calciothermic-reduction'>>();
    expectTypeOf<LanthanothermicParams>().toExtend<In<'lanthanothermic-reduction'>>();
    expectTypeOf<VacuumRefiningParams>().toExtend<In<'vacuum-refining'>>();
    expectTypeOf<GradeSpec>().toExtend<In<'grading'>>();
    expectTypeOf<SplitterParams>().toExtend<In<'splitter'>>();
    expectTypeOf<SolventExtractionParams>().toExtend<In<'solvent-extraction'>>();
    expectTypeOf<Stream>().toExtend<z.input<typeof streamSchema>>();
    type FileInput = z.input<typeof flowsheetInputSchema>;
    expectTypeOf<Omit<FlowsheetSpec, 'blocks'>>().toExtend<Omit<FileInput, 'blocks'>>();
    expectTypeOf<RecycleSolver>().toExtend<NonNullable<FileInput['solver']>>();
    // params are optional in the file exactly where the unit has no required parameter
    type Block<K> = Extract<FileInput['blocks'][number], { unit: K }>;
    expectTypeOf<{ id: 'c'; unit: 'calcination'; inlets: { feed: 'cake' } }>().toExtend<
      Block<'calcination'>
    >();
    expectTypeOf<{ id: 's'; unit: 'splitter'; inlets: { feed: 'x' } }>().not.toExtend<Block<'splitter'>>();
    // BlockSpec is looser than any file block (`unit: string`, `params: unknown`), so a FlowsheetSpec typed
    // as such is not a file input until its blocks name a unit kind and its params.
    expectTypeOf<FlowsheetSpec>().not.toExtend<FileInput>();
  });
});
