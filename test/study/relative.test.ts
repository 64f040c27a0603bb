// Relative distributions (issue 16): "β ± 10 %" written as { kind: 'uniform', relative: 0.1 } around the
// base value, instead of typing 1.35-1.65 by hand; the study carries the absolute distribution.
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveRelative } from '../../src/study/distributions.js';
import { checkMonteCarloStudy } from '../../src/study/monteCarlo.js';

const base = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { Nd: 0.5, Pr: 0.5 }, volume: 1 },
  organic: { volume: 1 },
  scrub: { volume: 1, reflux: 0.3 },
  equilibrium: { kind: 'distribution', D: { Nd: 1.5, Pr: 0.8 } },
};

describe('relative distributions', () => {
  it('are the absolute distributions around the base value', () => {
    expect(resolveRelative('p', { kind: 'uniform', relative: 0.1 }, 1.5)).toEqual({
      kind: 'uniform',
      min: 1.35,
      max: 1.65,
    });
    expect(resolveRelative('p', { kind: 'normal', relative: 0.05 }, 20)).toEqual({
      kind: 'normal',
      mean: 20,
      sd: 1,
    });
    expect(resolveRelative('p', { kind: 'lognormal', relative: 0.2 }, 3)).toEqual({
      kind: 'lognormal',
      median: 3,
      gsd: 1.2,
    });
    expect(resolveRelative('p', { kind: 'triangular', relative: 0.5 }, 2)).toEqual({
      kind: 'triangular',
      min: 1,
      mode: 2,
      max: 3,
    });
    // A negative base keeps min below max.
    expect(resolveRelative('p', { kind: 'uniform', relative: 0.1 }, -10)).toEqual({
      kind: 'uniform',
      min: -11,
      max: -9,
    });
    // Absolute distributions pass through untouched.
    const abs = { kind: 'uniform', min: 1, max: 2 };
    expect(resolveRelative('p', abs, 5)).toBe(abs);
  });

  it('are refused at their path when they cannot mean anything', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ReesimError ? `${e.code} ${e.path}` : String(e);
      }
      return 'ok';
    };
    expect(code(() => resolveRelative('d', { kind: 'uniform', relative: 0.1 }, 0))).toBe(
      'OUT_OF_RANGE d.relative',
    );
    expect(code(() => resolveRelative('d', { kind: 'uniform', relative: -1 }, 1))).toBe(
      'OUT_OF_RANGE d.relative',
    );
    expect(code(() => resolveRelative('d', { kind: 'discrete', relative: 0.1 }, 1))).toBe(
      'UNKNOWN_KEY d.kind',
    );
    expect(code(() => resolveRelative('d', { kind: 'uniform', relative: 0.1, min: 1 }, 1))).toBe(
      'UNKNOWN_KEY d.min',
    );
  });

  it('a study written with them holds the absolute ones, from the API and from a file alike', () => {
    const study = {
      model: 'cascade' as const,
      base,
      runs: 10,
      parameters: [{ path: 'equilibrium.D.Nd', distribution: { kind: 'uniform' as const, relative: 0.1 } }],
      outputs: ['product.purity.Nd'],
    };
    const checked = checkMonteCarloStudy(study);
    expect(checked.parameters[0]?.distribution).toEqual({ kind: 'uniform', min: 1.35, max: 1.65 });
    const loaded = loadScenario(JSON.stringify({ kind: 'monte-carlo', input: study }), 'json');
    expect(loaded.issues).toBeUndefined();
    expect((loaded.scenario?.input as typeof checked | undefined)?.parameters[0]?.distribution).toEqual({
      kind: 'uniform',
      min: 1.35,
      max: 1.65,
    });
  });
});
