// Every field of a valid input, replaced in turn by each of a set of hostile values (NaN, ±Infinity, null,
// undefined, an empty list or object, text, a negative, 1e300, a boolean, an inherited name, a list, an
// object whose toString is not a function): the programmatic APIs answer with a result free of NaN and
// Infinity or a ReesimError with a path, never a TypeError or another untyped error. Exhaustive over the
// fields rather than sampled (the inputs are small), so a failure names the field and value.
// (simulateSupplyChain threw 13 TypeErrors here before null entries, non-text ids and kinds, and inherited
// kind names were checked, and echoed a sector of NaN into its result.)
import { describe, expect, it } from 'vitest';
import { mountainPass } from '../../examples/01-mountain-pass-to-metal.js';
import { ReesimError } from '../../src/core/errors.js';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import { makeStream } from '../../src/stream/stream.js';
import { parallelLines } from '../../src/study/parallelLines.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { beneficiation, beneficiationPresets } from '../../src/units/beneficiation.js';
import { hclLeach, hclLeachPresets } from '../../src/units/hclLeach.js';
import { mine } from '../../src/units/mine.js';
import { solventExtraction } from '../../src/units/solventExtraction.js';
import { HOSTILE, nonFinite, paths, replaced } from './mutate.js';
import {
  CASCADE_SPEC,
  DESIGN_REQUEST,
  DYNAMICS_RUN,
  PARALLEL_LINES_REQUEST,
  SUPPLY_OPTIONS,
  SUPPLY_SCENARIO,
  TRAIN_REQUEST,
} from './validInputs.js';

/** What goes wrong when each field of `base` is replaced by each hostile value, as `path = value: what`. */
async function problems(base: unknown, run: (input: never) => unknown, results: (r: never) => unknown) {
  const out: string[] = [];
  for (const path of paths(base)) {
    for (const h of HOSTILE) {
      const shown = typeof h === 'number' || h === undefined ? String(h) : JSON.stringify(h);
      const where = `${path.join('.') || '(root)'} = ${shown}`;
      try {
        const r = await run(replaced(base, path, h) as never);
        if (nonFinite(results(r as never))) out.push(`${where}: a non-finite number in the result`);
      } catch (e) {
        if (!(e instanceof ReesimError)) out.push(`${where}: ${String(e)}`);
        else if (!e.path) out.push(`${where}: a ReesimError without a path`);
      }
    }
  }
  return out;
}

describe('hostile values in every field of a valid input', () => {
  it('simulateCascade', async () => {
    const r = (x: { product: unknown; raffinate: unknown }) => [x.product, x.raffinate];
    expect(await problems(CASCADE_SPEC, simulateCascade, r)).toEqual([]);
  });

  it('designCascade', async () => {
    const r = (x: { stages: unknown; organicLoad: unknown }) => [x.stages, x.organicLoad];
    expect(await problems(DESIGN_REQUEST, designCascade, r)).toEqual([]);
  });

  it('simulateFlowsheet (the flagship plant: every block, stream and parameter)', async () => {
    const r = (x: { kpis: unknown }) => x.kpis;
    expect(await problems(mountainPass, simulateFlowsheet, r)).toEqual([]);
  }, 60_000);

  it('simulateSupplyChain', async () => {
    const run = (s: never) => simulateSupplyChain(s, SUPPLY_OPTIONS);
    const r = (x: { production: unknown; demand: unknown }) => [x.production, x.demand];
    expect(await problems(SUPPLY_SCENARIO, run, r)).toEqual([]);
  }, 60_000);

  it('simulateCascadeDynamics and designSeparationTrain', async () => {
    const runDynamics = (x: { spec: never; options: never } | undefined) =>
      simulateCascadeDynamics(x?.spec as never, x?.options as never);
    expect(
      await problems(DYNAMICS_RUN, runDynamics as never, (r: { samples: unknown }) => r.samples),
    ).toEqual([]);
    expect(
      await problems(TRAIN_REQUEST, designSeparationTrain, (r: { totals: unknown }) => r.totals),
    ).toEqual([]);
  });

  it('parallelLines', async () => {
    const r = (x: { lines: unknown; ceiling: unknown }) => [x.lines, x.ceiling];
    expect(await problems(PARALLEL_LINES_REQUEST, parallelLines, r)).toEqual([]);
  }, 120_000);

  it('unit operations: mine, beneficiation, hclLeach, solventExtraction', async () => {
    const ore = mine({ deposit: 'mountain-pass', oreRate: 10 }).outlets.ore;
    const concentrate = beneficiation(ore, beneficiationPresets.mountainPassFlotation.params).outlets
      .concentrate;
    const liquor = makeStream(
      'solution',
      { Nd: 10, Pr: 3, La: 20, Ce: 30, H2O: 1000 },
      { compound: 'chloride' },
    );
    const outlets = (r: { outlets: unknown; report: unknown }) => [r.outlets, r.report];
    type Call = { feed: never; params: never } | undefined;
    const cases: [unknown, (x: never) => unknown][] = [
      [{ deposit: 'mountain-pass', oreRate: 10 }, mine as never],
      [
        { feed: ore, params: beneficiationPresets.mountainPassFlotation.params },
        ((x: Call) => beneficiation(x?.feed as never, x?.params as never)) as never,
      ],
      [
        { feed: concentrate, params: Object.values(hclLeachPresets)[0]?.params },
        ((x: Call) => hclLeach(x?.feed as never, x?.params as never)) as never,
      ],
      [
        { feed: liquor, params: { keys: { A: 'Nd', B: 'Pr' }, purity: { organic: 0.99, aqueous: 0.99 } } },
        ((x: Call) => solventExtraction(x?.feed as never, x?.params as never)) as never,
      ],
    ];
    for (const [base, run] of cases) expect(await problems(base, run, outlets as never)).toEqual([]);
  });
});
