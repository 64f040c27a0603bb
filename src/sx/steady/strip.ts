/**
 * The strip section of a cascade: the loaded organic meets strip acid counter-currently, and what the acid
 * takes leaves as the strip liquor (the product); the stripped organic returns to the extraction section.
 *
 * With constant strip distribution ratios D_i (the separation-factor and distribution models) each species
 * is a linear cascade of its own: the organic enters the first strip stage with the loaded amounts, the
 * acid (carrying no rare earths) the last, and each stage splits a species as y = K·x with K = D·O/A
 * (organic over aqueous amounts). The fraction of a species that stays in the organic is Kremser's
 * (s − 1)/(s^(N+1) − 1) with the stripping factor s = A/(D·O) (solved here stage by stage, which is the same
 * thing and gives the profile). Each mol RE³⁺ stripped consumes 3 mol H⁺ (RE·A₃(org) + 3 H⁺ → RE³⁺ + 3 HA).
 */
import { fail } from '../../core/errors.js';
import { cascadeOf, type NormalisedCascade } from '../cascadeSpec.js';
import type { PhDependentModel } from '../equilibrium/phDependent.js';
import { solvePhDependentCascade } from './phDependentSolver.js';
import { pointSources, type SpeciesLayout, sharedWork, solveAll } from './speciesSolve.js';
import type { StripOutcome } from './steadySolution.js';

/**
 * Strips `loaded` (amounts per unit time, species order of `p`) with the section of `p` (constant
 * distribution ratios); `organicVolume` is the organic's volume flow.
 */
export function stripLinear(p: NormalisedCascade, loaded: Float64Array, organicVolume: number): StripOutcome {
  const st = p.strip;
  if (!st?.distribution) throw new Error('stripLinear needs a strip section with distribution ratios');
  const c = p.species.length;
  const N = st.stages;
  const K = new Float64Array(N * c);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < c; i++)
      K[j * c + i] = ((st.distribution[i] as number) * organicVolume) / st.acidVolume;
  const layout: SpeciesLayout = {
    N,
    c,
    scalar: true,
    undrawn: true,
    murphree: 1,
    aqueousMurphree: false,
    entrainAqueous: 0,
    entrainOrganic: 0,
    passDown: new Float64Array(N).fill(1),
    passUp: new Float64Array(N).fill(1),
    ...pointSources(N, c, [{ stage: 0, organic: loaded }]),
  };
  const aqueous = new Float64Array(N * c);
  const organic = new Float64Array(N * c);
  solveAll(layout, K, new Float64Array(c).fill(1), aqueous, organic, sharedWork(N, c));
  const stripped = organic.slice((N - 1) * c, N * c);
  const liquor = aqueous.slice(0, c);
  const retained = Float64Array.from(loaded, (l, i) => (l > 0 ? (stripped[i] as number) / l : 0));
  let strippedTotal = 0;
  for (let i = 0; i < c; i++) strippedTotal += liquor[i] as number;
  const acidConsumed = 3 * strippedTotal;
  return {
    stripped,
    liquor,
    retained,
    aqueous,
    organic,
    acidConsumed,
    acidFree: st.acid - acidConsumed,
  };
}

/**
 * Strips `loaded` (the loaded organic: metals and free extractant, species order of `p`) with the
 * pH-dependent model: the strip section is a cascade of that model whose organic enters the first stage
 * loaded and whose aqueous is the strip acid (mol H⁺ of the model's proton species), so each stage's
 * distribution ratios follow from its pH and free extractant as in extraction.
 */
export function stripPh(p: NormalisedCascade, loaded: Float64Array, organicVolume: number): StripOutcome {
  const st = p.strip;
  if (!st) throw new Error('stripPh needs a strip section');
  const model = p.models[0] as PhDependentModel;
  const c = p.species.length;
  const N = st.stages;
  const h = p.species.indexOf(model.proton);
  const scrubIn = new Float64Array(c);
  scrubIn[h] = st.acid;
  const q = cascadeOf({
    ...p,
    total: N,
    extraction: N,
    scrub: 0,
    feedStage: 0,
    feedPhase: 'aqueous',
    feed: new Float64Array(c),
    organicIn: Float64Array.from(loaded),
    scrubIn,
    reflux: 0,
    acid: 0,
    draws: [],
    drawAqueous: new Float64Array(N),
    drawOrganic: new Float64Array(N),
    aqueousVolume: new Float64Array(N).fill(st.acidVolume),
    organicVolume: new Float64Array(N).fill(organicVolume),
    models: Array.from({ length: N }, () => model),
    strip: undefined,
  });
  const sol = solvePhDependentCascade(q);
  if (!sol.converged)
    fail(
      'NOT_CONVERGED',
      'cascade.strip',
      sol.residual,
      'a strip section whose pH-dependent equations converge',
    );
  const stripped = sol.y.slice((N - 1) * c, N * c);
  const liquor = sol.x.slice(0, c);
  const retained = Float64Array.from(loaded, (l, i) => (i !== h && l > 0 ? (stripped[i] as number) / l : 0));
  const acidFree = liquor[h] as number;
  return {
    stripped,
    liquor,
    retained,
    aqueous: sol.x,
    organic: sol.y,
    acidConsumed: st.acid - acidFree,
    acidFree,
    ...(sol.generated ? { generated: sol.generated } : {}),
  };
}
