// The scenario loader and the programmatic API report the same path for the same mistake (issue 14): each
// field of a valid input, replaced in turn by each value a file can hold (null, a list, an object, text,
// a negative, 1e300, a boolean, an inherited name) or left out, is given to the model's function and, as a
// JSON scenario file, to `loadScenario`. Both refuse it or both accept it, and the API's path (rooted at
// the file's `input`) is one of the loader's.
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { type Path, paths, replaced } from './mutate.js';

const VALUES: readonly unknown[] = [
  undefined,
  null,
  [],
  {},
  'abc',
  -1,
  1e300,
  true,
  'toString',
  [1, 2],
  { toString: 1 },
];

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
    const scenario = {
      name: 'one mine, one refinery',
      countries: { US: 'United States' },
      facilities: [
        { id: 'mine', country: 'US', kind: 'mine', capacity: 12_000, mix: { deposit: 'mountain-pass' } },
        { id: 'sx', country: 'US', kind: 'separation', capacity: 12_000, recovery: 0.9 },
      ],
      links: [{ from: 'mine', to: 'sx', stage: 'concentrate' }],
      demand: [{ id: 'oxide', country: 'US', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
      policies: [
        {
          kind: 'exportControl',
          id: 'ban',
          exporter: 'US',
          stages: ['oxide'],
          approvalRate: 0,
          from: '2025-02',
        },
      ],
    };
    const options = { start: '2025-01', months: 2, warmUpMonths: 0 };
    const out = await disagreements(
      scenario,
      (s) => simulateSupplyChain(s, options),
      (s) => ({ kind: 'supply-chain', input: { scenario: s, options } }),
      { supplyChain: 'input.scenario' },
    );
    expect(out).toEqual([]);
  }, 120_000);

  it('simulateCascade', async () => {
    const spec = {
      stages: { extraction: 4, scrub: 3 },
      feed: { flows: { Nd: 0.5, Pr: 0.5 }, volume: 1 },
      organic: { volume: 2 / 0.18 },
      scrub: { volume: 1, reflux: 0.5 },
      equilibrium: { kind: 'separationFactors', beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
    };
    const out = await disagreements(spec, simulateCascade, (s) => ({ kind: 'cascade', input: s }), {
      cascade: 'input',
    });
    expect(out).toEqual([]);
  });

  it('designCascade', async () => {
    const request = {
      feed: { Nd: 0.7, Pr: 0.3 },
      equilibrium: { kind: 'separationFactors', beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
      purity: { organic: 0.99, aqueous: 0.99 },
    };
    // A file may name an extractant instead of writing the model out (`{ system, elements }`), so for an
    // object without a kind the loader suggests that form, where the API (which has no such form) asks for
    // the kind.
    const kindless = (path: Path, v: unknown) =>
      path.join('.') === 'equilibrium' && typeof v === 'object' && v !== null && !Array.isArray(v);
    const out = await disagreements(
      request,
      designCascade,
      (s) => ({ kind: 'design', input: s }),
      { designCascade: 'input' },
      kindless,
    );
    expect(out).toEqual([]);
  });

  it('simulateCascadeDynamics and designSeparationTrain', async () => {
    const dynamics = {
      spec: {
        stages: { extraction: 3, scrub: 2 },
        feed: { flows: { A: 1, B: 1 }, volume: 1 },
        organic: { volume: 1 },
        scrub: { volume: 1, reflux: 0.3 },
        equilibrium: { kind: 'distribution', D: { A: 2, B: 0.5 } },
      },
      options: { holdup: { mixer: { residenceTime: 0.1 }, settler: { residenceTime: 0.3 } }, duration: 3 },
    };
    // The API takes the spec and the options as two arguments: the file's { spec, options } is the test's.
    const atRoot = (path: Path) => path.length === 0;
    const runDynamics = (x: { spec: never; options: never } | null) =>
      simulateCascadeDynamics(x?.spec as never, x?.options as never);
    const train = { feed: { La: 0.3, Ce: 0.4, Pr: 0.1, Nd: 0.2 }, purity: 0.99 };
    const out = [
      ...(await disagreements(
        dynamics,
        runDynamics as never,
        (s) => ({ kind: 'cascade-dynamics', input: s }),
        { cascade: 'input.spec', options: 'input.options' },
        atRoot,
      )),
      ...(await disagreements(train, designSeparationTrain, (s) => ({ kind: 'train', input: s }), {
        designSeparationTrain: 'input',
      })),
    ];
    expect(out).toEqual([]);
  });
});
