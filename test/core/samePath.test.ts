// The scenario loader and the programmatic API report the same path for the same mistake (issue 14): each
// field of a valid input, replaced in turn by each value a file can hold (null, a list, an object, text,
// a negative, 1e300, a boolean, an inherited name) or left out, is given to the model's function and, as a
// JSON scenario file, to `loadScenario`. Both refuse it or both accept it, and the API's path (rooted at
// the file's `input`) is one of the loader's.
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { parallelLines } from '../../src/study/parallelLines.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { HOSTILE, type Path, paths, replaced } from './mutate.js';
import {
  CASCADE_SPEC,
  DESIGN_REQUEST,
  DYNAMICS_RUN,
  PARALLEL_LINES_REQUEST,
  SUPPLY_OPTIONS,
  SUPPLY_SCENARIO,
  TRAIN_REQUEST,
} from './validInputs.js';

/** What a file can hold of the hostile values (JSON has no NaN or Infinity), and a field left out. */
const VALUES = HOSTILE.filter((v) => typeof v !== 'number' || Number.isFinite(v));

/** The API's outcome: the path of the ReesimError it threw (its root replaced by the file's), or 'ok'. */
async function api(run: () => unknown, roots: Roots): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (e) {
    if (!(e instanceof ReesimError)) return `untyped: ${String(e)}`;
    const p = e.path ?? '';
    if (e.code === 'INFEASIBLE' || e.code === 'NOT_CONVERGED') return `${e.code} ${p}`;
    for (const [root, fileRoot] of Object.entries(roots))
      if (p === root || p.startsWith(`${root}.`) || p.startsWith(`${root}[`))
        return fileRoot + p.slice(root.length);
    return `other root: ${p}`;
  }
}

/** The API's root of each path (the function's name, or an argument's) -> the root in the file. */
type Roots = Readonly<Record<string, string>>;

function loader(file: Record<string, unknown>): string[] | 'ok' {
  const r = loadScenario(JSON.stringify(file), 'json');
  return r.issues ? r.issues.map((i) => i.path) : 'ok';
}

async function disagreements(
  base: unknown,
  run: (input: never) => unknown,
  file: (input: unknown) => Record<string, unknown>,
  roots: Roots,
  fileOnly: (path: Path, value: unknown) => boolean = () => false,
): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths(base)) {
    for (const v of VALUES) {
      if (fileOnly(path, v)) continue;
      const input = replaced(base, path, v, true);
      // What a file holds is what JSON keeps (a left-out list item reads as null).
      const plain = JSON.parse(JSON.stringify(input ?? null));
      const a = await api(() => run(plain as never), roots);
      const l = loader(file(plain));
      const where = `${path.join('.') || '(root)'} = ${v === undefined ? '(left out)' : JSON.stringify(v)}`;
      if (a === 'ok' && l === 'ok') continue;
      // What a model finds by solving (an infeasible or unconverged case) is its answer, not a mistake in
      // the input: the loader checks without solving.
      if (l === 'ok' && /^(INFEASIBLE|NOT_CONVERGED) /.test(a)) continue;
      if (a === 'ok') out.push(`${where}: API accepts, loader refuses at ${(l as string[]).join(', ')}`);
      else if (l === 'ok') out.push(`${where}: loader accepts, API refuses at ${a}`);
      else if (!l.includes(a)) out.push(`${where}: API ${a}, loader ${l.join(', ')}`);
    }
  }
  return out;
}

describe('the loader and the API report the same path for the same mistake', () => {
  it('simulateSupplyChain', async () => {
    const out = await disagreements(
      SUPPLY_SCENARIO,
      (s) => simulateSupplyChain(s, SUPPLY_OPTIONS),
      (s) => ({ kind: 'supply-chain', input: { scenario: s, options: SUPPLY_OPTIONS } }),
      { supplyChain: 'input.scenario' },
    );
    expect(out).toEqual([]);
  }, 120_000);

  it('simulateCascade', async () => {
    const out = await disagreements(CASCADE_SPEC, simulateCascade, (s) => ({ kind: 'cascade', input: s }), {
      cascade: 'input',
    });
    expect(out).toEqual([]);
  });

  it('designCascade', async () => {
    // A file may name an extractant instead of writing the model out (`{ system, elements }`), so for an
    // object without a kind the loader suggests that form, where the API (which has no such form) asks for
    // the kind.
    const kindless = (path: Path, v: unknown) =>
      path.join('.') === 'equilibrium' && typeof v === 'object' && v !== null && !Array.isArray(v);
    const out = await disagreements(
      DESIGN_REQUEST,
      designCascade,
      (s) => ({ kind: 'design', input: s }),
      { designCascade: 'input' },
      kindless,
    );
    expect(out).toEqual([]);
  });

  it('parallelLines', async () => {
    const out = await disagreements(
      PARALLEL_LINES_REQUEST,
      parallelLines,
      (s) => ({ kind: 'parallel-lines', input: s }),
      { parallelLines: 'input' },
    );
    expect(out).toEqual([]);
  }, 300_000);

  it('simulateCascadeDynamics and designSeparationTrain', async () => {
    // The API takes the spec and the options as two arguments: the file's { spec, options } is the test's.
    const atRoot = (path: Path) => path.length === 0;
    const runDynamics = (x: { spec: never; options: never } | null) =>
      simulateCascadeDynamics(x?.spec as never, x?.options as never);
    const out = [
      ...(await disagreements(
        DYNAMICS_RUN,
        runDynamics as never,
        (s) => ({ kind: 'cascade-dynamics', input: s }),
        { cascade: 'input.spec', options: 'input.options' },
        atRoot,
      )),
      ...(await disagreements(TRAIN_REQUEST, designSeparationTrain, (s) => ({ kind: 'train', input: s }), {
        designSeparationTrain: 'input',
      })),
    ];
    expect(out).toEqual([]);
  });
});
