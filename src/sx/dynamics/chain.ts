/**
 * The stages the organic passes through, as the dynamic model steps them: the cascade's extraction and
 * scrub stages (1..N) and, with a strip section, its strip stages after them (N+1..N+Ns). The organic
 * flows up the whole chain and, with a strip section, from its last stage back into stage 1 (a closed
 * loop). The aqueous flows down within each part only: the scrub enters stage N, the strip acid stage
 * N+Ns, and the strip liquor leaves stage N+1.
 *
 * Strip stages are as the steady strip section (`steady/strip.ts`) has them: linear (the strip
 * distribution ratios at the strip acid's volume flow and the loaded organic's), ideal (no Murphree bypass)
 * and without entrainment.
 */
import type { NormalisedCascade } from '../cascadeSpec.js';
import type { EquilibriumModel } from '../equilibrium/equilibrium.js';

/** Per-stage properties of the organic's path (length `n`: N cascade stages, then the strip stages). */
export interface StageChain {
  /** Stages in all, and the cascade's own (its top stage is `cascade − 1`). */
  readonly n: number;
  readonly cascade: number;
  /** The organic leaving the last strip stage enters stage 1 (there is a strip section). */
  readonly loop: boolean;
  /** Aqueous and organic volume flow leaving each stage. */
  readonly aqueousVolume: Float64Array;
  readonly organicVolume: Float64Array;
  /** Share of each phase's flow that passes the stage's mixer (E on the Murphree phase, else 1). */
  readonly aqueousMixed: Float64Array;
  readonly organicMixed: Float64Array;
  /** Share of each phase's inflow that bypasses the stage's mixer (1 − E on the Murphree phase, else 0). */
  readonly aqueousBypass: Float64Array;
  readonly organicBypass: Float64Array;
  /** Entrained fractions of each stage's aqueous outflow (carried up) and organic outflow (carried down). */
  readonly entrainAqueous: Float64Array;
  readonly entrainOrganic: Float64Array;
  /** Equilibrium model of each stage. */
  readonly models: readonly EquilibriumModel[];
}

/** The stage chain of the normalised cascade `p`. */
export function stageChain(p: NormalisedCascade): StageChain {
  const N = p.total;
  const st = p.strip;
  const Ns = st ? st.stages : 0;
  const n = N + Ns;
  const aqueousVolume = new Float64Array(n);
  const organicVolume = new Float64Array(n);
  aqueousVolume.set(p.aqueousVolume);
  organicVolume.set(p.organicVolume);
  const aqueousMixed = new Float64Array(n).fill(1);
  const organicMixed = new Float64Array(n).fill(1);
  const aqueousBypass = new Float64Array(n);
  const organicBypass = new Float64Array(n);
  const murphreeAqueous = p.murphreePhase === 'aqueous';
  (murphreeAqueous ? aqueousMixed : organicMixed).fill(p.murphree, 0, N);
  (murphreeAqueous ? aqueousBypass : organicBypass).fill(1 - p.murphree, 0, N);
  const entrainAqueous = new Float64Array(n).fill(p.entrainAqueous, 0, N);
  const entrainOrganic = new Float64Array(n).fill(p.entrainOrganic, 0, N);
  const models: EquilibriumModel[] = [...p.models];
  if (st) {
    // The steady strip passes the loaded organic's volume through every strip stage.
    const loadedVolume = p.organicVolume[N - 1] as number;
    aqueousVolume.fill(st.acidVolume, N);
    organicVolume.fill(loadedVolume, N);
    const distribution = st.distribution;
    if (!distribution) throw new Error('the dynamic model strips with distribution ratios only');
    const D = Object.fromEntries(p.species.map((s, i) => [s, distribution[i] as number]));
    const model: EquilibriumModel = { kind: 'distribution', D };
    for (let j = 0; j < Ns; j++) models.push(model);
  }
  return {
    n,
    cascade: N,
    loop: st !== undefined,
    aqueousVolume,
    organicVolume,
    aqueousMixed,
    organicMixed,
    aqueousBypass,
    organicBypass,
    entrainAqueous,
    entrainOrganic,
    models,
  };
}
