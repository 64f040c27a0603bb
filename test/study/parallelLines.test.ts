// The parallelization study as one model (src/study/parallelLines.ts): what it gives for the committed
// example scenario equals what the line builders give when called one by one, as examples/03 calls them (an
// independent path to the same numbers); the feed's unit and order do not change the lines; bad input is a
// ReesimError with the same path from the API and from a scenario file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oxideMassPerMole } from '../../src/chemistry/oxide.js';
import { ReesimError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { evaluateLine, type LineMetrics } from '../../src/study/lineMetrics.js';
import { MODEL_REGISTRY } from '../../src/study/models.js';
import {
  checkParallelLinesRequest,
  type ParallelLinesRequest,
  parallelLines,
} from '../../src/study/parallelLines.js';
import {
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  fixedOrganicTrain,
  largerTrain,
  organicCeiling,
  parallelTrains,
  splitTrains,
} from '../../src/study/parallelTrains.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { HOURS_PER_YEAR } from '../../src/sx/flowUnits.js';
import { caught, near } from '../helpers.js';

const file = readFileSync(new URL('../../examples/scenarios/parallel-lines.yaml', import.meta.url), 'utf8');
const loaded = loadScenario(file, 'yaml');
if (loaded.scenario?.kind !== 'parallel-lines') throw new Error('the example is not a parallel-lines file');
const request: ParallelLinesRequest = loaded.scenario.input;
const result = parallelLines(request);

/** The example's base line built directly with the study builders (the independent path). */
function exampleBaseLine() {
  return designBaseLine({
    feed: { Pr: 1.3247, Nd: 3.7062 },
    feedVolume: 5.0309,
    equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
    purity: { organic: 0.999, aqueous: 0.999 },
    strip: {},
  });
}

describe('parallelLines(examples/scenarios/parallel-lines.yaml)', () => {
  it('equals the line builders and evaluateLine called one by one (examples/03)', () => {
    const base = exampleBaseLine();
    const none = { startups: [] } as const;
    const expected = [
      baseLine(base),
      parallelTrains(base, 2),
      largerTrain(base, 2),
      splitTrains(base, 2),
      fixedOrganicTrain(base, 1.25),
      betterExtractantTrain(base, 1.7, 2),
    ].map((o) => evaluateLine(o, none));
    expect(result.lines).toEqual(expected);
    expect(result.ceiling).toBe(organicCeiling(base));
    expect(result.base.stages).toEqual({ extraction: 27, scrub: 26, strip: base.design.strip?.stages });
    expect(result.keys).toEqual({ A: 'Nd', B: 'Pr' });
    expect(result.evidence).toMatchObject({ converged: true, failed: 0, startupBalanceError: 0 });
    expect(result.evidence.balanceError).toBeLessThan(1e-12);
  });

  it('reads as the study does: (a) and (b) double output and solvent, (c) misses the targets', () => {
    const [b, a, larger, split] = result.lines as LineMetrics[];
    near(a?.output.organic, 2 * (b?.output.organic ?? 0));
    near(larger?.solventInventory, 2 * (b?.solventInventory ?? 0));
    // Six-tenths rule: one train twice as large costs 2^0.6 of the base.
    near(larger?.capitalIndex, 2 ** 0.6 * (b?.capitalIndex ?? 0), 1e-9);
    expect(split?.meetsTarget).toBe(false);
  });

  it('runs as the parallel-lines model, with progress by line', () => {
    const seen: [number, number][] = [];
    const r = MODEL_REGISTRY['parallel-lines'].run(request, (done, total) => seen.push([done, total]));
    expect(r).toEqual(result);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((i) => [i, 6]));
  });
});

describe('parallelLines(request)', () => {
  it('gives the same lines for the feed in t REO/yr and in either order', () => {
    const tonnes = (e: 'Pr' | 'Nd', kmolPerHour: number) =>
      (kmolPerHour * oxideMassPerMole(e) * HOURS_PER_YEAR) / 1000;
    const r = parallelLines({
      ...request,
      feed: { Nd: tonnes('Nd', 3.7062), Pr: tonnes('Pr', 1.3247) },
      unit: 't REO/yr',
    });
    (r.lines as LineMetrics[]).forEach((m, i) => {
      const want = result.lines[i] as LineMetrics;
      expect(m.stageCount).toBe(want.stageCount);
      near(m.solventInventory, want.solventInventory, 1e-9);
      near(m.purity.organic, want.purity.organic, 1e-9);
    });
    const swapped = parallelLines({ ...request, feed: { Nd: 3.7062, Pr: 1.3247 } });
    expect(swapped.lines).toEqual(result.lines);
  });

  it('gives (d) at or above its ceiling as a line that cannot be built, with the reason', () => {
    const r = parallelLines({ ...request, f: 1.5 });
    const d = r.lines[4];
    expect(d).toMatchObject({ variant: 'd', label: '(d) 1 train, 1.5x feed, base organic' });
    // Said in the request's terms (f and the ceiling), not the design's internal scrub load.
    expect(d && 'error' in d ? d.error : '').toMatch(
      /parallelLines\.f must be a feed factor below 1\.47254\b/,
    );
    expect(d && 'error' in d ? d.code : '').toBe('INFEASIBLE');
    expect(r.evidence.converged).toBe(true); // a limit, not a solver failure
    expect(r.evidence.failed).toBe(1);
    expect(r.lines.filter((m) => !('error' in m))).toHaveLength(5);
  });

  it('simulates the start-up of the lines named, as evaluateLine does', () => {
    const r = parallelLines({ ...request, startup: { hours: 200, sampleEvery: 10, lines: ['a'] } });
    const base = exampleBaseLine();
    const a = evaluateLine(parallelTrains(base, 2), { startups: ['feed'], horizon: 200, sampleEvery: 10 });
    expect(r.lines[1]).toEqual(a);
    expect(a.startup).toHaveLength(1);
    for (const i of [0, 2, 3, 4, 5]) expect((r.lines[i] as LineMetrics).startup).toEqual([]);
    expect(r.evidence.startupBalanceError).toBe(a.evidence.startupBalanceError);
  });

  // Each mistake: what is changed, the API's path; the file reports it at the same place under `input`.
  const mistakes: [string, Record<string, unknown>, string, string][] = [
    ['k = 1', { k: 1 }, 'OUT_OF_RANGE', 'k'],
    ['k = 2.5', { k: 2.5 }, 'OUT_OF_RANGE', 'k'],
    ['an unknown element', { feed: { Pr: 1, Xx: 3 } }, 'UNKNOWN_KEY', 'feed.Xx'],
    ['three elements', { feed: { La: 1, Pr: 1, Nd: 3 } }, 'NOT_SUPPORTED', 'feed'],
    ['f = 1', { f: 1 }, 'OUT_OF_RANGE', 'f'],
    ['beta = 0.9', { beta: 0.9 }, 'OUT_OF_RANGE', 'beta'],
    ["beta at P507's own 1.5 (no better extractant)", { beta: 1.5 }, 'OUT_OF_RANGE', 'beta'],
    ['purity 1', { purity: { organic: 1, aqueous: 0.999 } }, 'OUT_OF_RANGE', 'purity.organic'],
    ['an unknown unit', { unit: 'kg/h' }, 'UNKNOWN_KEY', 'unit'],
    ['an unknown system', { system: 'Kerosene' }, 'UNKNOWN_KEY', 'system'],
    [
      'samples wider than the run',
      { startup: { hours: 10, sampleEvery: 20 } },
      'OUT_OF_RANGE',
      'startup.sampleEvery',
    ],
    ['a strip acid excess of 20', { strip: { acidExcess: 20 } }, 'OUT_OF_RANGE', 'strip.acidExcess'],
  ];
  for (const [what, change, code, path] of mistakes) {
    it(`parallelLines(${what}) throws ${code} at parallelLines.${path}; the file has input.${path}`, () => {
      const bad = { ...request, ...change } as ParallelLinesRequest;
      const e = caught(() => parallelLines(bad));
      expect([e.code, e.path]).toEqual([code, `parallelLines.${path}`]);
      expect(caught(() => checkParallelLinesRequest(bad)).path).toBe(e.path);
      const issues = loadScenario(JSON.stringify({ kind: 'parallel-lines', input: bad }), 'json').issues;
      expect(issues?.map((i) => i.path)).toContain(`input.${path}`);
    });
  }

  it('names a missing unit rather than guessing one', () => {
    const { unit: _, ...rest } = request;
    const e = caught(() => parallelLines(rest as ParallelLinesRequest));
    expect(e).toBeInstanceOf(ReesimError);
    expect([e.code, e.path]).toEqual(['MISSING', 'parallelLines.unit']);
  });
});
