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
  resolveFlowsheetInput,
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
import type { VacuumRefiningParams } from '../../src/units/refining.js';
import type { SolventExtractionParams } from '../../src/units/solventExtraction.js';
import type { SplitterParams } from '../../src/units/splitter.js';
import type { SulfuricAcidBakeParams } from '../../src/units/sulfuricAcidBake.js';

/** What a file holds: plain JSON. */
const json = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

/** The issues of a failed parse as `path: code` lines (paths dotted as zod gives them). */
function problems(input: unknown): string[] {
  const r = flowsheetInputSchema.safeParse(input);
  expect(r.success).toBe(false);
  return (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.code}`);
}

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
      'feeds.liquor.amounts: too_small',
    ]);
    const negative = { ...liquor, amounts: liquor.amounts.map((x, i) => (i === 0 ? -1 : x)) };
    expect(problems({ ...splitter({ fraction: 0.5 }), feeds: { liquor: negative } })).toEqual([
      'feeds.liquor.amounts.0: too_small',
    ]);
    expect(
      problems({ ...splitter({ fraction: 0.5 }), feeds: { liquor: { ...liquor, form: 'slurry' } } }),
    ).toEqual(['feeds.liquor.form: invalid_value']);
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
