/**
 * Design of a counter-current extraction–scrub cascade for one cut: Xu's optimum flows (src/sx/xu.ts),
 * the McCabe–Thiele staircase at those flows, and the smallest stage counts whose stage-wise simulation
 * (src/sx/simulateCascade.ts) meets both purity targets, with the real volume flows and reagents.
 */
import { fail, ReesimError } from '../../core/errors.js';
import { finite, integer, knownKeys, oneOf, optional, positive, record } from '../../core/validate.js';
import { cite, type Provenance } from '../../data/provenance.js';
import type { SeparationFactorModel } from '../equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../steady/simulateCascade.js';
import { cutFlows, fmt } from './designFlows.js';
import { type KeyPair, type KeySplit, splitAtKeys } from './keyPair.js';
import {
  type Curve,
  equilibriumCurve,
  type OperatingLines,
  operatingLines,
  type StageSteps,
  stageSteps,
} from './mccabeThiele.js';
import { searchStages } from './stageSearch.js';
import type { ControlSection } from './xu.js';

/** What the user specifies for {@link designCascade}. */
export interface DesignRequest {
  /** Feed amounts per unit time by species (mol/h or any consistent unit), >= 0; two or more species. */
  readonly feed: Readonly<Record<string, number>>;
  /** Xu's saturated separation-factor model, one for both sections or one per section. */
  readonly equilibrium:
    | SeparationFactorModel
    | { readonly extraction: SeparationFactorModel; readonly scrub?: SeparationFactorModel };
  /** Targets in (0.5, 1): the A side's purity in the organic product, the B side's in the raffinate. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** The key pair, adjacent in extractability; required for more than two species. */
  readonly keys?: KeyPair;
  /** `'group'` (default): purity of the whole A side (B side); `'keys'`: A/(A + B) (B/(A + B)). */
  readonly purityBasis?: 'group' | 'keys';
  /** Which section's optimum sets the flows (default `'auto'`), as in {@link xuDesign}. */
  readonly control?: 'auto' | ControlSection;
  /** Reflux rule W = 1/(β′^k − 1), k in (0, 1), as in {@link xuDesign}. */
  readonly k?: number;
  /** Forces the scrub reflux W, mol per mol feed (then S = W + f′_A); excludes `control` and `k`. */
  readonly scrubLoad?: number;
  /** Feed volume flow (default: the total feed amount, i.e. 1 amount unit per volume unit: 1 mol/L). */
  readonly feedVolume?: number;
  /** Scrub volume flow (default W·feedVolume: the reflux at the feed's concentration, ree-data 2.6). */
  readonly scrubVolume?: number;
  /** Organic loading, amount per volume (default: the model's, e.g. 0.18 mol/L for P507). */
  readonly loading?: number;
  /** Largest stage counts searched per section (default 2,000 each, at most 5,000). */
  readonly maxStages?: { readonly extraction?: number; readonly scrub?: number };
  /** Most simulations the stage search may run (default 200). */
  readonly maxSimulations?: number;
}

/** Result of {@link designCascade}. Loads are per mol of rare earths fed; flows per unit time. */
export interface CascadeDesign {
  readonly keys: KeyPair;
  /** Species lumped with each key (most extractable first). */
  readonly sides: { readonly A: readonly string[]; readonly B: readonly string[] };
  readonly purityBasis: 'group' | 'keys';
  /** β of the key pair in the extraction and the scrub section. */
  readonly beta: { readonly extraction: number; readonly scrub: number };
  /** A side's share of the feed (f_A) and the fractions of the feed to the organic product (f′_A) and raffinate. */
  readonly fA: number;
  readonly split: { readonly organic: number; readonly aqueous: number };
  /** Mixed extraction ratios E_M = S/(W + 1) and E′_M = S/W. */
  readonly extractionRatio: { readonly extraction: number; readonly scrub: number };
  /** S: rare earths carried by the organic, mol per mol feed. */
  readonly organicLoad: number;
  /** W: scrub reflux, mol per mol feed. */
  readonly scrubLoad: number;
  readonly controllingSection: ControlSection;
  /** The verified stage counts: the smallest that meet both targets (see {@link designCascade}). */
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** McCabe–Thiele stepped counts at the design flows (the search's start). */
  readonly stepped: { readonly extraction: number; readonly scrub: number };
  /** Xu's closed forms: n, the scrub formula (written m + 1 in textbooks), their sum, Fenske; minimum flows. */
  readonly shortcut: {
    readonly extraction: number;
    readonly scrub: number;
    readonly total: number;
    readonly fenske: number;
    /** Pure-product minimum flows S_min, W_min (ree-data §3.6). */
    readonly minimum: { readonly S: number; readonly W: number };
    /** Minimum flows at the target purities (pinch at the feed): the feasibility limit. */
    readonly pinch: { readonly S: number; readonly W: number };
  };
  /** Real flows: feed amount and volume, organic and scrub volumes, reflux amount, products' amounts. */
  readonly flows: {
    readonly feed: number;
    readonly feedVolume: number;
    readonly organicVolume: number;
    readonly scrubVolume: number;
    readonly loading: number;
    readonly reflux: number;
    readonly product: number;
    readonly raffinate: number;
    /** O/A by volume in the extraction section (organic / (feed + scrub)) and the scrub section. */
    readonly phaseRatio: { readonly extraction: number; readonly scrub: number };
  };
  /** Saponification base (3 mol per mol RE extracted, S·F) and strip acid (3 mol H⁺ per mol RE stripped). */
  readonly reagents: { readonly saponificationBase: number; readonly stripAcid: number };
  /** Purities reached by the verifying simulation, on `purityBasis`. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Recovery of the A side into the product and of the B side into the raffinate. */
  readonly recovery: { readonly organic: number; readonly aqueous: number };
  /** For plotting: the equilibrium curves, operating lines and the staircase (lumped key pair). */
  readonly mcCabeThiele: {
    readonly curve: { readonly extraction: Curve; readonly scrub: Curve };
    readonly lines: OperatingLines;
    readonly steps: StageSteps;
  };
  /** The verifying simulation at `stages`, all species. */
  readonly simulation: CascadeResult;
  /** Simulations the search ran, and how many of them did not converge. */
  readonly simulations: number;
  readonly unsolvedSimulations: number;
  readonly provenance: readonly Provenance[];
  readonly notes: readonly string[];
}

const FN = 'designCascade';

const PROVENANCE: readonly Provenance[] = [
  cite('XU85', 'recalled', 'medium', "Xu's cascade theory: optimum flows, control section, stage numbers"),
  cite('ZZS16', 'secondary', 'medium', 'optimum extraction ratios, criterion, worked example 24 + 21'),
  cite(
    'REESIM',
    'derived',
    'high',
    'stage counts verified by the stage-wise simulation; reagent stoichiometry',
  ),
];

function checkModel(path: string, value: unknown): SeparationFactorModel {
  const m = record(path, value, 'a separation-factor model (separationFactors(...))');
  const kind = oneOf(`${path}.kind`, m.kind, ['separationFactors', 'distribution']);
  if (kind !== 'separationFactors') {
    fail(
      'NOT_SUPPORTED',
      `${path}.kind`,
      kind,
      "'separationFactors' (Xu's design assumes a saturated organic)",
    );
  }
  knownKeys(path, m, ['kind', 'beta', 'loading']);
  const beta = record(`${path}.beta`, m.beta, 'a record of species -> relative extractability');
  for (const [s, b] of Object.entries(beta)) {
    const x = positive(`${path}.beta.${s}`, b);
    if (x > 1e12 || x < 1e-12) fail('OUT_OF_RANGE', `${path}.beta.${s}`, x, 'a number in [1e-12, 1e12]');
  }
  positive(`${path}.loading`, m.loading);
  return m as unknown as SeparationFactorModel;
}

function volumeOf(path: string, value: unknown, fallback: number): number {
  return optional(value, fallback, (v) => {
    const x = positive(path, v);
    if (x > 1e12) fail('OUT_OF_RANGE', path, x, 'a number in (0, 1e12]');
    return x;
  });
}

/** A purity target in the open interval (0.5, 1). */
function purityValue(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 0.5 && x < 1)) fail('OUT_OF_RANGE', path, x, 'a number in (0.5, 1)');
  return x;
}

/** Share of the `side` species among `of` species in an outlet's flows. */
function share(
  flows: Readonly<Record<string, number>>,
  side: readonly string[],
  of: readonly string[],
): number {
  const part = side.reduce((t, s) => t + (flows[s] ?? 0), 0);
  const all = of.reduce((t, s) => t + (flows[s] ?? 0), 0);
  return all > 0 ? part / all : 0;
}

/** Purities of a simulated cascade on the chosen basis. */
function purities(r: CascadeResult, cut: KeySplit, basis: 'group' | 'keys') {
  const A = basis === 'group' ? cut.sides.A : [cut.keys.A];
  const B = basis === 'group' ? cut.sides.B : [cut.keys.B];
  const both = [...A, ...B];
  return { organic: share(r.product.flows, A, both), aqueous: share(r.raffinate.flows, B, both) };
}

/**
 * Designs a counter-current extraction–scrub cascade (aqueous feed, product reflux) that splits a feed at
 * a key pair to given purities, and verifies it stage by stage.
 *
 * **Method.** (1) The feed is cut at the key pair, the other species lumped to their side (species at
 * least as extractable as A go with A); a feed of more than two species must name `keys` (adjacent in
 * extractability; where to cut is the user's decision, so none is guessed); (2) {@link xuDesign} gives the flows per mol feed at the key
 * pair's β (Xu's optimum with the control-section criterion, or `control`, `k`, or a forced `scrubLoad`),
 * the closed-form counts and the minimum flows; (3) {@link stageSteps} steps a McCabe–Thiele staircase at
 * those flows; (4) from there a search runs {@link simulateCascade} with **all** species (organic volume
 * S·F/loading, scrub reflux W·F of the product) and returns the smallest total stages that meet both
 * targets, at the best feed-stage position. At fixed flows the net product is fixed, so for two species
 * both purities are met or missed together and several splits of one total may meet them.
 * **Guarantee:** the design meets both targets and neither (n − 1, m) nor (n, m − 1) does; the best split
 * of one stage fewer, found by local search, does not either.
 * **Purity basis.** `'group'` (default): all A-side species in the organic product, all B-side species in
 * the raffinate; `'keys'`: A/(A + B) in the product and B/(A + B) in the raffinate (the flows are then
 * sized for the group purities those imply, non-key species taken to report wholly to their side).
 * **Cost:** a handful of simulations when the staircase is close (6 for §3.8a); more for multicomponent
 * feeds, whose lumped staircase overestimates the stages (`simulations` reports the count).
 * **Reagents** per unit time in the feed's amount unit (mol when the feed is in mol): saponification base
 * 3·S·F (3 equivalents per mol RE extracted), strip acid 3 mol H⁺ per mol RE in the loaded organic
 * (product + reflux), ree-data 2.6.
 *
 * Sources: ree-data §3 (XU85, ZZS16 via the sheet), worked examples §3.8a and §3.8d.
 *
 * @throws ReesimError for bad input (INVALID_TYPE, NOT_FINITE, OUT_OF_RANGE, UNKNOWN_KEY, MISSING;
 *   NOT_SUPPORTED for a distribution model or different loadings per section); INFEASIBLE when the flows
 *   fall below the minimum (S < S_min: forced control, `k` or `scrubLoad`), the targets do not bracket the
 *   feed, or no counts within `maxStages` meet them (the message gives the numbers); NOT_CONVERGED when the
 *   search exceeds `maxSimulations` or the simulations do not converge
 * @example
 * ```ts
 * // ree-data §3.8a: β = 2, equimolar feed, 99.9 % A / 99.99 % B (published 24 + 21 stages).
 * const d = designCascade({
 *   feed: { A: 0.5, B: 0.5 },
 *   equilibrium: separationFactors({ A: 2, B: 1 }),
 *   purity: { organic: 0.999, aqueous: 0.9999 },
 * });
 * d.controllingSection; // 'scrub'
 * d.extractionRatio.extraction; // 0.7738
 * d.scrubLoad; // 1.208 mol per mol feed
 * d.organicLoad; // 1.709
 * d.stages.total; // 46
 * d.simulation.product.purity.A >= 0.999; // true
 * ```
 */
export function designCascade(request: DesignRequest): CascadeDesign {
  const q = record(FN, request, 'a design request');
  knownKeys(FN, q, [
    'feed',
    'equilibrium',
    'purity',
    'keys',
    'purityBasis',
    'control',
    'k',
    'scrubLoad',
    'feedVolume',
    'scrubVolume',
    'loading',
    'maxStages',
    'maxSimulations',
  ]);
  const eq = record(`${FN}.equilibrium`, q.equilibrium, 'a model or { extraction, scrub? }');
  let extraction: SeparationFactorModel;
  let scrub: SeparationFactorModel;
  if ('kind' in eq) {
    extraction = scrub = checkModel(`${FN}.equilibrium`, eq);
  } else {
    knownKeys(`${FN}.equilibrium`, eq, ['extraction', 'scrub']);
    extraction = checkModel(`${FN}.equilibrium.extraction`, eq.extraction);
    scrub = eq.scrub === undefined ? extraction : checkModel(`${FN}.equilibrium.scrub`, eq.scrub);
  }
  const cut = splitAtKeys(FN, q.feed, extraction, scrub, q.keys, 'kind' in eq);
  const basis = optional(q.purityBasis, 'group' as const, (v) =>
    oneOf(`${FN}.purityBasis`, v, ['group', 'keys'] as const),
  );
  const p = record(`${FN}.purity`, q.purity, 'an object { organic, aqueous }');
  knownKeys(`${FN}.purity`, p, ['organic', 'aqueous']);
  const target = {
    organic: purityValue(`${FN}.purity.organic`, p.organic),
    aqueous: purityValue(`${FN}.purity.aqueous`, p.aqueous),
  };
  const forcedW = q.scrubLoad === undefined ? undefined : positive(`${FN}.scrubLoad`, q.scrubLoad);
  if (forcedW !== undefined && (q.control !== undefined || q.k !== undefined)) {
    fail('INFEASIBLE', `${FN}.scrubLoad`, forcedW, 'absent when control or k sets the flows');
  }
  const loading = optional(q.loading, extraction.loading, (v) => positive(`${FN}.loading`, v));
  if (q.loading === undefined && scrub.loading !== extraction.loading) {
    fail(
      'NOT_SUPPORTED',
      `${FN}.equilibrium.scrub.loading`,
      scrub.loading,
      `the extraction section's loading ${extraction.loading} (one organic runs through both), or give loading`,
    );
  }
  const limits = optional(q.maxStages, {}, (v) => record(`${FN}.maxStages`, v, '{ extraction?, scrub? }'));
  knownKeys(`${FN}.maxStages`, limits, ['extraction', 'scrub']);
  const limit = (key: 'extraction' | 'scrub') =>
    optional(limits[key], 2000, (v) => {
      const x = integer(`${FN}.maxStages.${key}`, v, 1);
      if (x > 5000) fail('OUT_OF_RANGE', `${FN}.maxStages.${key}`, x, 'an integer in [1, 5000]');
      return x;
    });
  const maxStages = { extraction: limit('extraction'), scrub: limit('scrub') };
  const maxSimulations = optional(q.maxSimulations, 200, (v) => integer(`${FN}.maxSimulations`, v, 1));

  // Xu's flows for the lumped pair.
  const f = cutFlows(FN, cut, target, basis, {
    ...(q.control === undefined ? {} : { control: q.control as 'auto' | ControlSection }),
    ...(q.k === undefined ? {} : { k: finite(`${FN}.k`, q.k) }),
    ...(forcedW === undefined ? {} : { scrubLoad: forcedW }),
  });
  const d = f.xu;
  const F = cut.feedTotal;
  const feedVolume = volumeOf(`${FN}.feedVolume`, q.feedVolume, F);
  const scrubVolume = volumeOf(`${FN}.scrubVolume`, q.scrubVolume, f.W * feedVolume);
  const organicVolume = (f.S * F) / loading;

  // McCabe–Thiele at the design flows: the plot data and the search's start.
  const diagram = { beta: d.beta, betaScrub: d.betaScrub, fA: d.fA, purity: d.purity, scrubLoad: f.W };
  const total = maxStages.extraction + maxStages.scrub;
  let steps: StageSteps;
  try {
    steps = stageSteps(diagram, { maxStages: total });
  } catch (e) {
    if (!(e instanceof ReesimError && e.code === 'NOT_CONVERGED')) throw e;
    return fail(
      'INFEASIBLE',
      `${FN}.maxStages`,
      maxStages,
      `limits that leave room for the design: McCabe–Thiele stepping at S = ${fmt(f.S)}, W = ${fmt(f.W)} ` +
        `needs more than ${total} stages`,
    );
  }

  // The stage search: smallest total n + m whose simulation meets both targets.
  const models = {
    extraction: { ...extraction, loading },
    scrub: { ...scrub, loading },
  };
  const simulate = (n: number, m: number) =>
    simulateCascade({
      stages: { extraction: n, scrub: m },
      feed: { flows: cut.feed, volume: feedVolume },
      organic: { volume: organicVolume },
      scrub: { volume: scrubVolume, reflux: f.W * F },
      equilibrium: models,
      solver: { onNonConvergence: 'flag' },
    });
  const allowed = { organic: Math.log1p(-target.organic), aqueous: Math.log1p(-target.aqueous) };
  const search = searchStages(
    (n, m) => {
      const r = simulate(n, m);
      if (!r.converged) return { margin: Number.NEGATIVE_INFINITY, value: r };
      const got = purities(r, cut, basis);
      const margin = Math.min(
        allowed.organic - Math.log(Math.max(1 - got.organic, 1e-300)),
        allowed.aqueous - Math.log(Math.max(1 - got.aqueous, 1e-300)),
      );
      return { margin, value: r };
    },
    { start: steps, limits: maxStages, maxEvaluations: maxSimulations, path: FN },
  );
  const sim = search.best.value;
  const achieved = purities(sim, cut, basis);
  const inA = cut.sides.A.reduce((t, s) => t + (cut.feed[s] as number), 0);
  const inB = F - inA;
  const productA = cut.sides.A.reduce((t, s) => t + (sim.product.flows[s] ?? 0), 0);
  const raffinateB = cut.sides.B.reduce((t, s) => t + (sim.raffinate.flows[s] ?? 0), 0);
  const sum = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);
  const n = search.extraction;
  const m = search.scrub;

  const notes = [
    `${f.section}-section control; S = ${fmt(f.S)}, W = ${fmt(f.W)} mol per mol feed ` +
      (forcedW !== undefined ? '(W forced by the request)' : `(${d.notes[0] ?? ''})`),
    `cut ${cut.keys.A}/${cut.keys.B} at β = ${fmt(cut.beta)}; A side ${cut.sides.A.join(', ')}, ` +
      `B side ${cut.sides.B.join(', ')}; purity on the ${basis} basis`,
    `closed forms ${fmt(f.n)} + ${fmt(f.mPlusOne)}, McCabe–Thiele ${steps.extraction} + ${steps.scrub}, ` +
      `verified ${n} + ${m} (${search.evaluations} simulations, ${search.unsolved} unsolved)`,
    `smallest: ${n} + ${m} meets both targets; (${n - 1}, ${m}) and (${n}, ${m - 1}) do not, nor the best split ` +
      `of ${n + m - 1} stages found by local search`,
  ];

  return {
    keys: cut.keys,
    sides: cut.sides,
    purityBasis: basis,
    beta: { extraction: d.beta, scrub: d.betaScrub },
    fA: d.fA,
    split: { organic: d.fPrimeA, aqueous: d.fPrimeB },
    extractionRatio: { extraction: f.EM, scrub: f.EMs },
    organicLoad: f.S,
    scrubLoad: f.W,
    controllingSection: f.section,
    stages: { extraction: n, scrub: m, total: n + m },
    stepped: { extraction: steps.extraction, scrub: steps.scrub },
    shortcut: {
      extraction: f.n,
      scrub: f.mPlusOne,
      total: f.n + f.mPlusOne,
      fenske: d.shortcut.fenske,
      minimum: d.minimum,
      pinch: d.pinch,
    },
    flows: {
      feed: F,
      feedVolume,
      organicVolume,
      scrubVolume,
      loading,
      reflux: f.W * F,
      product: sum(sim.product.flows),
      raffinate: sum(sim.raffinate.flows),
      phaseRatio: {
        extraction: organicVolume / (feedVolume + scrubVolume),
        scrub: organicVolume / scrubVolume,
      },
    },
    reagents: { saponificationBase: 3 * f.S * F, stripAcid: 3 * sum(sim.loadedOrganic.flows) },
    purity: achieved,
    recovery: { organic: productA / inA, aqueous: raffinateB / inB },
    mcCabeThiele: {
      curve: { extraction: equilibriumCurve(d.beta), scrub: equilibriumCurve(d.betaScrub) },
      lines: operatingLines(diagram),
      steps,
    },
    simulation: sim,
    simulations: search.evaluations,
    unsolvedSimulations: search.unsolved,
    provenance: PROVENANCE,
    notes,
  };
}
