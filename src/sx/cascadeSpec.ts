/**
 * The specification of a counter-current solvent-extraction cascade, and its validation into the solver's
 * internal form.
 *
 * Conventions (the issue's): stage 1 is the raffinate end, where barren organic enters and the aqueous
 * raffinate leaves; stages count up through the extraction section, then the scrub section, to the
 * loaded-organic end. The aqueous feed enters the last extraction stage unless `feed.stage` says
 * otherwise; a feed may also be organic. Amounts are per unit time in any consistent unit; volumes are
 * volume flows per unit time in one unit (the separation-factor model's loading is amount per volume).
 */
import { fail } from '../core/errors.js';
import { finite, fraction, integer, knownKeys, oneOf, optional, positive, record } from '../core/validate.js';
import type { EquilibriumModel } from './equilibrium/equilibrium.js';
import { EQUILIBRIUM_MODELS, type EquilibriumModelEntry } from './equilibrium/registry.js';
import { checkFlows } from './flows.js';

/** Amounts of each species per unit time (mol/h, kg/h, ... as long as the model's units agree). */
export type Flows = Readonly<Record<string, number>>;

/** A cascade to simulate. */
export interface CascadeSpec {
  /** Number of stages per section: extraction (>= 1) and scrub (>= 0, default 0). */
  readonly stages: { readonly extraction: number; readonly scrub?: number };
  /** The feed: amounts per unit time, its volume flow, the stage it enters (default: the last extraction stage) and its phase. */
  readonly feed: {
    readonly flows: Flows;
    readonly volume: number;
    readonly stage?: number;
    readonly phase?: 'aqueous' | 'organic';
  };
  /** Organic entering stage 1: volume flow, and amounts it already carries (default none: barren). */
  readonly organic: { readonly volume: number; readonly flows?: Flows };
  /**
   * Scrub aqueous entering the last stage: its volume flow, amounts it carries from outside (`flows`), and
   * `reflux`: a total amount per unit time returned from the product (part of the strip liquor), with the
   * loaded organic's composition; or `acid`: mol H⁺ per unit time in the scrub (separation-factor model
   * at the last stage only; amounts must then be in mol per unit time). Each 3 mol H⁺ strip 1 mol RE³⁺
   * from the organic in the last stage (cation exchange, RE³⁺ + 3 HA(org) ⇌ REA₃(org) + 3 H⁺): the
   * organic leaving it carries its capacity less acid/3, and that acid/3 of rare earths goes down the
   * cascade as the scrub's internal reflux W (ree-data 2.6 "Scrub"). Default: barren scrub.
   */
  readonly scrub?: {
    readonly volume: number;
    readonly flows?: Flows;
    readonly reflux?: number;
    readonly acid?: number;
  };
  /** One model for every stage, or one per section (`scrub` defaults to `extraction`). */
  readonly equilibrium:
    | EquilibriumModel
    | { readonly extraction: EquilibriumModel; readonly scrub?: EquilibriumModel };
  /** Murphree stage efficiency (0, 1] on the named phase; default 1 (equilibrium stages). */
  readonly efficiency?: { readonly murphree: number; readonly phase: 'organic' | 'aqueous' };
  /**
   * Entrainment, fractions in [0, 0.5] (default 0): `aqueousInOrganic` of every stage's aqueous outflow
   * leaves with its organic, to the next stage up (the last stage's goes out with the loaded organic);
   * `organicInAqueous` of every stage's organic outflow leaves with its aqueous, to the next stage down
   * (stage 1's goes out with the raffinate). The entrained liquor does not re-equilibrate on the way: it
   * joins the inflow of its own phase at the next stage's mixer. Fractions are of amounts; the phase
   * volume flows of the stages are unchanged (the entrained volume is neglected in the volume balance).
   */
  readonly entrainment?: { readonly aqueousInOrganic?: number; readonly organicInAqueous?: number };
  /**
   * Side draws (a three-outlet cascade's middle product): each takes part of one phase's flow leaving a
   * stage towards its neighbour, by `fraction` of that flow (in (0, 1)) or by `volume` (less than the
   * phase's volume flow there). Stages 2 to N − 1 (the end stages' outflows are the outlets); at most one
   * draw per stage and phase. The flows beyond the draw (below it for the aqueous, above it for the
   * organic) are reduced by what is drawn.
   */
  readonly draws?: readonly CascadeDraw[];
  /**
   * A strip section: the loaded organic leaving the last stage is stripped counter-currently by acid in
   * `stages` stages, and the stripped organic, with whatever it still carries, returns as the organic
   * entering stage 1 (a closed organic loop). The strip liquor (aqueous leaving the first strip stage) is
   * the product; a product reflux (`scrub.reflux`) is then taken from it, with its composition.
   * Stripping follows the equilibrium model: the pH-dependent model computes it from the strip acidity;
   * the other models take a distribution ratio per species in the strip stages (`distribution`, organic
   * over aqueous at strip acidity; default {@link DEFAULT_STRIP_DISTRIBUTION}, an assumed value). Each
   * 3 mol H⁺ strip 1 mol RE³⁺; the acid left over leaves in the liquor as free acid. Amounts must be in
   * mol per unit time.
   */
  readonly strip?: CascadeStrip;
  /**
   * The units the amounts and volumes are in, for reports and charts (the solve itself is unit-free but for
   * the saturated model's loading, amount per volume): `'mol/h'` with volumes in L/h, or `'kmol/h'` with
   * m³/h; times (dynamics) then in hours. Without it, reports say amount/time and volume/time.
   */
  readonly flowUnits?: 'mol/h' | 'kmol/h';
  /** Solver settings. */
  readonly solver?: {
    /** Largest stage-equation residual accepted, relative to the species' input or its flows through the stage where larger; default 1e-12. */
    readonly tolerance?: number;
    /** Newton iteration limit per solve; default 200, at most {@link MAX_ITERATIONS}. */
    readonly maxIterations?: number;
    /** `throw` (default) raises NOT_CONVERGED; `flag` returns the result with `converged: false`. */
    readonly onNonConvergence?: 'throw' | 'flag';
  };
}

/** A side draw: part of one phase's flow leaving a stage (see {@link CascadeSpec.draws}). */
export interface CascadeDraw {
  /** Stage number (1 = raffinate end), 2 to N − 1. */
  readonly stage: number;
  readonly phase: 'aqueous' | 'organic';
  /** Fraction of the phase's flow leaving the stage towards its neighbour, in (0, 1). */
  readonly fraction?: number;
  /** Volume flow drawn instead of a fraction (the volume unit of the spec's other flows). */
  readonly volume?: number;
}

/** A strip section (see {@link CascadeSpec.strip}). */
export interface CascadeStrip {
  /** Number of strip stages (>= 1). */
  readonly stages: number;
  /** Strip acid entering the last strip stage: mol H⁺ per unit time and its volume flow. */
  readonly acid: { readonly amount: number; readonly volume: number };
  /**
   * Distribution ratio (organic over aqueous) of each species in the strip stages, one number for all or a
   * record by species; not for the pH-dependent model (its correlations give it).
   */
  readonly distribution?: number | Readonly<Record<string, number>>;
}

/**
 * Default strip distribution ratio (organic over aqueous) for the separation-factor and distribution
 * models: **assumed** 0.05 for every species. Basis: acidic organophosphorus extractants strip the light and
 * middle rare earths nearly completely with 4-6 mol/L HCl (ree-data 2.6, K/M: strip acid for P507 4-6 M,
 * heavies incomplete), i.e. a small ratio; no published per-stage value was found. With 10 % excess acid at
 * 5 mol/L and an organic loaded to 0.18 mol/L it gives a stripping factor of about 2.4 and 8 stages for a
 * 0.1 % residual loading, the order of the strip sections in practice (assumed, not sourced). Give measured
 * ratios where they matter; heavy rare earths strip far less easily.
 */
export const DEFAULT_STRIP_DISTRIBUTION = 0.05;

/** Largest Newton iteration limit accepted (bounds the work of one solve). */
export const MAX_ITERATIONS = 10_000;

/** Largest number of side draws accepted. */
export const MAX_DRAWS = 16;

/** Largest number of stages accepted (a whole-plant train is ~1,000). */
export const MAX_STAGES = 10_000;

/** Largest number of species accepted. */
export const MAX_SPECIES = 64;

/** The validated, normalised cascade the solver works on. */
export interface NormalisedCascade {
  readonly species: readonly string[];
  readonly extraction: number;
  readonly scrub: number;
  readonly total: number;
  /** Index (0-based) of the feed stage and the feed's phase. */
  readonly feedStage: number;
  readonly feedPhase: 'aqueous' | 'organic';
  readonly feed: Float64Array;
  readonly organicIn: Float64Array;
  readonly scrubIn: Float64Array;
  /** Product reflux returned with the scrub, total amount per unit time (0: none). */
  readonly reflux: number;
  /** Scrub acid, mol H⁺ per unit time (0: none); it strips acid/3 of rare earths in the last stage. */
  readonly acid: number;
  /** Entrained fractions: of each stage's aqueous outflow carried up with the organic, and of its organic carried down. */
  readonly entrainAqueous: number;
  readonly entrainOrganic: number;
  /**
   * Side draws (0-based stage, phase, fraction of that phase's flow leaving the stage towards its
   * neighbour), in the spec's order; and the drawn fraction per stage and phase (0 where there is none).
   */
  readonly draws: readonly {
    readonly stage: number;
    readonly phase: 'aqueous' | 'organic';
    readonly fraction: number;
  }[];
  readonly drawAqueous: Float64Array;
  readonly drawOrganic: Float64Array;
  /**
   * The strip section, if any: stages, acid (mol H⁺ and volume per unit time) and the strip distribution
   * ratio per species (undefined for the pH-dependent model).
   */
  readonly strip?: {
    readonly stages: number;
    readonly acid: number;
    readonly acidVolume: number;
    readonly distribution?: Float64Array;
  };
  /** Aqueous and organic volume flow leaving each stage (before any draw is taken from it). */
  readonly aqueousVolume: Float64Array;
  readonly organicVolume: Float64Array;
  /** Model of each stage's section. */
  readonly models: readonly EquilibriumModel[];
  readonly murphree: number;
  readonly murphreePhase: 'organic' | 'aqueous';
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly onNonConvergence: 'throw' | 'flag';
}

/**
 * A normalised cascade built from its fields, always by this one literal: every cascade the solver sees
 * (a spec's, a continuation's sub-cascade, the strip section's, a copy with one field changed) then has
 * the same V8 shape, so the solver's property loads stay monomorphic. Copies made by spreading (`{ ...p,
 * total }`) had shapes of their own: measured on 1,000-run Monte Carlo studies of a 26 + 26-stage cascade
 * (bench/README.md), each new shape deoptimised the solver's compiled functions ("wrong map"), ~50 times
 * over the first two studies, and the recompiling cost ~1.3 s of compiler time.
 */
export function cascadeOf(c: NormalisedCascade): NormalisedCascade {
  return {
    species: c.species,
    extraction: c.extraction,
    scrub: c.scrub,
    total: c.total,
    feedStage: c.feedStage,
    feedPhase: c.feedPhase,
    feed: c.feed,
    organicIn: c.organicIn,
    scrubIn: c.scrubIn,
    reflux: c.reflux,
    acid: c.acid,
    entrainAqueous: c.entrainAqueous,
    entrainOrganic: c.entrainOrganic,
    draws: c.draws,
    drawAqueous: c.drawAqueous,
    drawOrganic: c.drawOrganic,
    strip: c.strip,
    aqueousVolume: c.aqueousVolume,
    organicVolume: c.organicVolume,
    models: c.models,
    murphree: c.murphree,
    murphreePhase: c.murphreePhase,
    tolerance: c.tolerance,
    maxIterations: c.maxIterations,
    onNonConvergence: c.onNonConvergence,
  };
}

function volume(path: string, value: unknown): number {
  const v = positive(path, value);
  if (v > 1e12) fail('OUT_OF_RANGE', path, v, 'a volume flow in (0, 1e12]');
  return v;
}

/** The registry entry of a model's kind (see `equilibrium/registry.ts`). */
function entry(m: EquilibriumModel): EquilibriumModelEntry<EquilibriumModel> {
  return EQUILIBRIUM_MODELS[m.kind] as EquilibriumModelEntry<EquilibriumModel>;
}

function modelSpecies(m: EquilibriumModel): string[] {
  return entry(m).species(m);
}

/** The model's per-species parameter record, for error paths. */
function modelKey(m: EquilibriumModel): string {
  return entry(m).parameters;
}

function checkModel(path: string, value: unknown): EquilibriumModel {
  const m = record(
    path,
    value,
    'an equilibrium model (distribution(...), separationFactors(...) or phDependent(...))',
  );
  const kind = oneOf(`${path}.kind`, m.kind, Object.keys(EQUILIBRIUM_MODELS) as EquilibriumModel['kind'][]);
  return (EQUILIBRIUM_MODELS[kind] as EquilibriumModelEntry<EquilibriumModel>).check(path, m);
}

/** The side draws of a spec, checked (0-based stages). */
function checkDraws(
  value: unknown,
  total: number,
): {
  readonly stage: number;
  readonly phase: 'aqueous' | 'organic';
  readonly fraction?: number;
  readonly volume?: number;
  readonly path: string;
}[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail('INVALID_TYPE', 'cascade.draws', value, 'an array of side draws');
  if (value.length > MAX_DRAWS)
    fail('OUT_OF_RANGE', 'cascade.draws', value.length, `at most ${MAX_DRAWS} side draws`);
  const seen = new Set<string>();
  return value.map((raw, k) => {
    const path = `cascade.draws[${k}]`;
    const d = record(path, raw, '{ stage, phase, fraction? | volume? }');
    knownKeys(path, d, ['stage', 'phase', 'fraction', 'volume']);
    const stage = integer(`${path}.stage`, d.stage, 1);
    if (stage < 2 || stage > total - 1)
      fail('OUT_OF_RANGE', `${path}.stage`, stage, `a stage in [2, ${total - 1}] (not an end stage)`);
    const phase = oneOf(`${path}.phase`, d.phase, ['aqueous', 'organic'] as const);
    if (seen.has(`${phase}:${stage}`))
      fail('INFEASIBLE', `${path}.stage`, stage, `one ${phase} draw per stage`);
    seen.add(`${phase}:${stage}`);
    if ((d.fraction === undefined) === (d.volume === undefined))
      fail('MISSING', `${path}.fraction`, undefined, 'exactly one of fraction or volume');
    if (d.fraction !== undefined) {
      const f = finite(`${path}.fraction`, d.fraction);
      if (!(f > 0 && f < 1)) fail('OUT_OF_RANGE', `${path}.fraction`, f, 'a fraction in (0, 1)');
      return { stage: stage - 1, phase, fraction: f, path };
    }
    return { stage: stage - 1, phase, volume: volume(`${path}.volume`, d.volume), path };
  });
}

/**
 * Validates a cascade spec and builds the solver's form: the stages, the three inlet streams, the
 * equilibrium models, efficiency, entrainment and solver settings (each checked where it is read, in
 * that order), then the species, the stage volume flows with their draws, the combinations the models
 * support, and the strip section.
 * @throws ReesimError naming the first bad field
 */
export function normaliseCascade(spec: CascadeSpec): NormalisedCascade {
  const s = record('cascade', spec, 'a cascade spec');
  knownKeys('cascade', s, [
    'stages',
    'feed',
    'organic',
    'scrub',
    'equilibrium',
    'efficiency',
    'entrainment',
    'draws',
    'strip',
    'solver',
    'flowUnits',
  ]);
  optional(s.flowUnits, undefined, (v) => oneOf('cascade.flowUnits', v, ['mol/h', 'kmol/h'] as const));
  const { extraction, scrub, total } = checkStages(s.stages);
  const feed = checkFeed(s.feed, extraction, total);
  const o = record('cascade.organic', s.organic, '{ volume, flows? }');
  knownKeys('cascade.organic', o, ['volume', 'flows']);
  const organicVolume = volume('cascade.organic.volume', o.volume);
  const organicFlows = optional(o.flows, {}, (v) => checkFlows('cascade.organic.flows', v));
  const sc = checkScrub(s.scrub, scrub);
  const { extractionModel, scrubModel } = checkEquilibrium(s.equilibrium);
  const { murphree, murphreePhase } = checkEfficiency(s.efficiency);
  const { ent, entrainAqueous, entrainOrganic } = checkEntrainment(s.entrainment);
  const { tolerance, maxIterations, onNonConvergence } = checkSolver(s.solver);

  const species = speciesOf(feed.flows, organicFlows, sc.flows, extractionModel, scrubModel);
  const vec = (r: Record<string, number>) => {
    const v = new Float64Array(species.length);
    for (let i = 0; i < species.length; i++) v[i] = r[species[i] as string] ?? 0;
    return v;
  };
  const flows = stageFlows(s.draws, total, feed, organicVolume, sc.volume);
  const models: EquilibriumModel[] = [];
  for (let j = 0; j < total; j++) models.push(j < extraction ? extractionModel : scrubModel);
  checkCombinations(models, { murphree, murphreePhase }, sc, flows.organicVolume, {
    ent,
    entrainAqueous,
    entrainOrganic,
  });
  const strip = checkStrip(s.strip, species, models, organicFlows);
  return cascadeOf({
    species,
    extraction,
    scrub,
    total,
    feedStage: feed.stage - 1,
    feedPhase: feed.phase,
    feed: vec(feed.flows),
    organicIn: vec(organicFlows),
    scrubIn: vec(sc.flows),
    reflux: sc.reflux,
    acid: sc.acid,
    entrainAqueous,
    entrainOrganic,
    draws: flows.draws,
    drawAqueous: flows.drawAqueous,
    drawOrganic: flows.drawOrganic,
    aqueousVolume: flows.aqueousVolume,
    organicVolume: flows.organicVolume,
    models,
    murphree,
    murphreePhase,
    tolerance,
    maxIterations,
    onNonConvergence,
    strip,
  });
}

function checkStages(value: unknown): { extraction: number; scrub: number; total: number } {
  const st = record('cascade.stages', value, '{ extraction, scrub? }');
  knownKeys('cascade.stages', st, ['extraction', 'scrub']);
  const count = (key: string, v: unknown, min: number) => {
    const n = integer(`cascade.stages.${key}`, v, min);
    if (n > MAX_STAGES) fail('OUT_OF_RANGE', `cascade.stages.${key}`, n, `at most ${MAX_STAGES} stages`);
    return n;
  };
  const extraction = count('extraction', st.extraction, 1);
  const scrub = optional(st.scrub, 0, (v) => count('scrub', v, 0));
  const total = extraction + scrub;
  if (total > MAX_STAGES)
    fail('OUT_OF_RANGE', 'cascade.stages', total, `at most ${MAX_STAGES} stages in all`);
  return { extraction, scrub, total };
}

interface CheckedFeed {
  readonly flows: Record<string, number>;
  readonly volume: number;
  /** 1-based. */
  readonly stage: number;
  readonly phase: 'aqueous' | 'organic';
}

function checkFeed(value: unknown, extraction: number, total: number): CheckedFeed {
  const f = record('cascade.feed', value, '{ flows, volume, stage?, phase? }');
  knownKeys('cascade.feed', f, ['flows', 'volume', 'stage', 'phase']);
  const flows = checkFlows('cascade.feed.flows', f.flows);
  const feedVolume = volume('cascade.feed.volume', f.volume);
  const stage = optional(f.stage, extraction, (v) => integer('cascade.feed.stage', v, 1));
  if (stage > total) fail('OUT_OF_RANGE', 'cascade.feed.stage', stage, `a stage in [1, ${total}]`);
  const phase = optional(f.phase, 'aqueous' as const, (v) =>
    oneOf('cascade.feed.phase', v, ['aqueous', 'organic'] as const),
  );
  return { flows, volume: feedVolume, stage, phase };
}

interface CheckedScrub {
  readonly volume: number;
  readonly flows: Record<string, number>;
  readonly reflux: number;
  readonly acid: number;
}

function checkScrub(value: unknown, scrubStages: number): CheckedScrub {
  const sc = optional(value, undefined, (v) => record('cascade.scrub', v, '{ volume, flows? }'));
  if (sc) knownKeys('cascade.scrub', sc, ['volume', 'flows', 'reflux', 'acid']);
  if (scrubStages > 0 && !sc)
    fail('MISSING', 'cascade.scrub', undefined, 'a scrub stream ({ volume, flows? }) for the scrub stages');
  if (!sc) return { volume: 0, flows: {}, reflux: 0, acid: 0 };
  const scrubVolume = volume('cascade.scrub.volume', sc.volume);
  const flows = optional(sc.flows, {}, (v) => checkFlows('cascade.scrub.flows', v));
  const reflux = optional(sc.reflux, 0, (v) => {
    const w = finite('cascade.scrub.reflux', v);
    if (w < 0 || w > 1e12) fail('OUT_OF_RANGE', 'cascade.scrub.reflux', w, 'an amount in [0, 1e12]');
    return w;
  });
  const acid = optional(sc.acid, 0, (v) => {
    const h = finite('cascade.scrub.acid', v);
    if (h < 0 || h > 1e12) fail('OUT_OF_RANGE', 'cascade.scrub.acid', h, 'mol H+ per unit time in [0, 1e12]');
    return h;
  });
  return { volume: scrubVolume, flows, reflux, acid };
}

function checkEquilibrium(value: unknown): {
  extractionModel: EquilibriumModel;
  scrubModel: EquilibriumModel;
} {
  const eq = record('cascade.equilibrium', value, 'a model or { extraction, scrub? }');
  // One model for both sections, unless the sections are named.
  if (!Object.hasOwn(eq, 'extraction') && !Object.hasOwn(eq, 'scrub')) {
    const model = checkModel('cascade.equilibrium', eq);
    return { extractionModel: model, scrubModel: model };
  }
  knownKeys('cascade.equilibrium', eq, ['extraction', 'scrub']);
  const extractionModel = checkModel('cascade.equilibrium.extraction', eq.extraction);
  const scrubModel =
    eq.scrub === undefined ? extractionModel : checkModel('cascade.equilibrium.scrub', eq.scrub);
  return { extractionModel, scrubModel };
}

function checkEfficiency(value: unknown): { murphree: number; murphreePhase: 'organic' | 'aqueous' } {
  const eff = optional(value, undefined, (v) => record('cascade.efficiency', v, '{ murphree, phase }'));
  if (eff) knownKeys('cascade.efficiency', eff, ['murphree', 'phase']);
  const murphree = eff ? fraction('cascade.efficiency.murphree', eff.murphree) : 1;
  if (murphree === 0) fail('OUT_OF_RANGE', 'cascade.efficiency.murphree', 0, 'a fraction in (0, 1]');
  const murphreePhase = eff
    ? oneOf('cascade.efficiency.phase', eff.phase, ['organic', 'aqueous'] as const)
    : 'organic';
  return { murphree, murphreePhase };
}

interface CheckedEntrainment {
  readonly ent: Record<string, unknown>;
  readonly entrainAqueous: number;
  readonly entrainOrganic: number;
}

function checkEntrainment(value: unknown): CheckedEntrainment {
  const ent = optional(value, {}, (v) =>
    record('cascade.entrainment', v, '{ aqueousInOrganic?, organicInAqueous? }'),
  );
  knownKeys('cascade.entrainment', ent, ['aqueousInOrganic', 'organicInAqueous']);
  const entrained = (key: string) =>
    optional(ent[key], 0, (v) => {
      const f = fraction(`cascade.entrainment.${key}`, v);
      if (f > 0.5) fail('OUT_OF_RANGE', `cascade.entrainment.${key}`, f, 'a fraction in [0, 0.5]');
      return f;
    });
  return {
    ent,
    entrainAqueous: entrained('aqueousInOrganic'),
    entrainOrganic: entrained('organicInAqueous'),
  };
}

function checkSolver(
  value: unknown,
): Pick<NormalisedCascade, 'tolerance' | 'maxIterations' | 'onNonConvergence'> {
  const sol = optional(value, {}, (v) => record('cascade.solver', v, 'solver settings'));
  knownKeys('cascade.solver', sol, ['tolerance', 'maxIterations', 'onNonConvergence']);
  const tolerance = optional(sol.tolerance, 1e-12, (v) => {
    const t = positive('cascade.solver.tolerance', v);
    if (t < 1e-15 || t > 1e-3)
      fail('OUT_OF_RANGE', 'cascade.solver.tolerance', t, 'a number in [1e-15, 1e-3]');
    return t;
  });
  const maxIterations = optional(sol.maxIterations, 200, (v) => {
    const it = integer('cascade.solver.maxIterations', v, 1);
    if (it > MAX_ITERATIONS)
      fail('OUT_OF_RANGE', 'cascade.solver.maxIterations', it, `an integer in [1, ${MAX_ITERATIONS}]`);
    return it;
  });
  const onNonConvergence = optional(sol.onNonConvergence, 'throw' as const, (v) =>
    oneOf('cascade.solver.onNonConvergence', v, ['throw', 'flag'] as const),
  );
  return { tolerance, maxIterations, onNonConvergence };
}

/** Species: everything the streams name, in order of appearance; every one needs a parameter in each model. */
function speciesOf(
  feedFlows: Record<string, number>,
  organicFlows: Record<string, number>,
  scrubFlows: Record<string, number>,
  extractionModel: EquilibriumModel,
  scrubModel: EquilibriumModel,
): string[] {
  const names = new Set<string>([
    ...Object.keys(feedFlows),
    ...Object.keys(organicFlows),
    ...Object.keys(scrubFlows),
  ]);
  for (const [path, m] of [
    ['cascade.equilibrium.extraction', extractionModel],
    ['cascade.equilibrium.scrub', scrubModel],
  ] as const) {
    const known = new Set(modelSpecies(m));
    for (const n of names) {
      if (!known.has(n)) fail('MISSING', `${path}.${modelKey(m)}.${n}`, undefined, `a parameter for ${n}`);
    }
  }
  const species = [...names];
  if (species.length === 0) fail('MISSING', 'cascade.feed.flows', feedFlows, 'at least one species');
  if (species.length > MAX_SPECIES)
    fail('OUT_OF_RANGE', 'cascade.species', species.length, `at most ${MAX_SPECIES} species`);
  return species;
}

/**
 * Each stage's aqueous and organic volume flows and draw fractions: aqueous from the top down, organic from
 * the bottom up; a draw by volume becomes a fraction of the flow leaving its stage.
 */
function stageFlows(
  draws: unknown,
  total: number,
  feed: CheckedFeed,
  organicVolume: number,
  scrubVolume: number,
): Pick<NormalisedCascade, 'draws' | 'drawAqueous' | 'drawOrganic' | 'aqueousVolume' | 'organicVolume'> {
  const drawList = checkDraws(draws, total);
  // One allocation for the four stage arrays (a typed array beyond 64 bytes is allocated off the heap, ~0.5 µs each).
  const stageArrays = new Float64Array(4 * total);
  const drawAqueous = stageArrays.subarray(0, total);
  const drawOrganic = stageArrays.subarray(total, 2 * total);
  const aqueousVolume = stageArrays.subarray(2 * total, 3 * total);
  const orgVolume = stageArrays.subarray(3 * total, 4 * total);
  const drawn = drawList.length > 0;
  const drawAt = (phase: 'aqueous' | 'organic', j: number) =>
    drawn ? drawList.find((d) => d.stage === j && d.phase === phase) : undefined;
  const drawFraction = (d: (typeof drawList)[number], flow: number): number => {
    if (d.fraction !== undefined) return d.fraction;
    const v = d.volume as number;
    if (!(v < flow))
      fail('INFEASIBLE', `${d.path}.volume`, v, `a volume below the ${d.phase} flow there (${flow})`);
    return v / flow;
  };
  let aqueous = scrubVolume;
  for (let j = total - 1; j >= 0; j--) {
    if (j === feed.stage - 1 && feed.phase === 'aqueous') aqueous += feed.volume;
    aqueousVolume[j] = aqueous;
    const d = drawAt('aqueous', j);
    if (d) {
      drawAqueous[j] = drawFraction(d, aqueous);
      aqueous *= 1 - (drawAqueous[j] as number);
    }
    if (!(aqueous > 0)) {
      fail(
        'INFEASIBLE',
        'cascade.scrub.volume',
        scrubVolume,
        `an aqueous flow through stage ${j + 1} (add scrub volume)`,
      );
    }
  }
  let organic = organicVolume;
  for (let j = 0; j < total; j++) {
    if (j === feed.stage - 1 && feed.phase === 'organic') organic += feed.volume;
    orgVolume[j] = organic;
    const d = drawAt('organic', j);
    if (d) {
      drawOrganic[j] = drawFraction(d, organic);
      organic *= 1 - (drawOrganic[j] as number);
    }
  }
  return {
    draws: drawList.map((d) => ({
      stage: d.stage,
      phase: d.phase,
      fraction: (d.phase === 'aqueous' ? drawAqueous : drawOrganic)[d.stage] as number,
    })),
    drawAqueous,
    drawOrganic,
    aqueousVolume,
    organicVolume: orgVolume,
  };
}

/** What the models support: an aqueous-phase Murphree efficiency, an acid scrub, the pH model's limits. */
function checkCombinations(
  models: readonly EquilibriumModel[],
  efficiency: { readonly murphree: number; readonly murphreePhase: 'organic' | 'aqueous' },
  sc: CheckedScrub,
  organicVolume: Float64Array,
  entrainment: CheckedEntrainment,
): void {
  const total = models.length;
  const { murphree, murphreePhase } = efficiency;
  if (
    murphreePhase === 'aqueous' &&
    murphree < 1 &&
    models.some((m) => m.kind !== 'distribution' || m.capacity !== undefined)
  ) {
    fail(
      'NOT_SUPPORTED',
      'cascade.efficiency.phase',
      'aqueous',
      "'organic' with the separation-factor, pH-dependent and capacity-limited models",
    );
  }
  const { acid, reflux } = sc;
  if (acid > 0) {
    // Acid scrub: only Xu's saturated organic has the fixed capacity the acid's 3:1 exchange draws on (a
    // distribution model's scrub D already reflects the scrub's acidity).
    const top = models[total - 1] as EquilibriumModel;
    if (top.kind !== 'separationFactors')
      fail(
        'NOT_SUPPORTED',
        'cascade.scrub.acid',
        acid,
        '0 unless the last stage has the separation-factor model (a distribution model’s scrub D already reflects the acidity)',
      );
    const mixed = murphree * top.loading * (organicVolume[total - 1] as number);
    if (!(acid / 3 < mixed))
      fail(
        'INFEASIBLE',
        'cascade.scrub.acid',
        acid,
        `less than 3 × ${mixed} mol H+ (the last stage's organic would be stripped bare)`,
      );
  }
  if (models.some((m) => m.kind === 'phDependent')) {
    if (!models.every((m) => m.kind === 'phDependent'))
      fail('NOT_SUPPORTED', 'cascade.equilibrium', 'mixed', 'phDependent in every section or in none');
    if (reflux > 0)
      fail(
        'NOT_SUPPORTED',
        'cascade.scrub.reflux',
        reflux,
        '0 with the pH-dependent model (no product reflux)',
      );
    if (entrainment.entrainAqueous > 0 || entrainment.entrainOrganic > 0)
      fail(
        'NOT_SUPPORTED',
        'cascade.entrainment',
        entrainment.ent,
        'no entrainment with the pH-dependent model',
      );
  }
}

/** The strip section of a spec, checked. */
function checkStrip(
  value: unknown,
  species: readonly string[],
  models: readonly EquilibriumModel[],
  organicFlows: Readonly<Record<string, number>>,
): NormalisedCascade['strip'] {
  if (value === undefined) return undefined;
  const st = record('cascade.strip', value, '{ stages, acid: { amount, volume }, distribution? }');
  knownKeys('cascade.strip', st, ['stages', 'acid', 'distribution']);
  const stages = integer('cascade.strip.stages', st.stages, 1);
  if (stages > MAX_STAGES)
    fail('OUT_OF_RANGE', 'cascade.strip.stages', stages, `an integer in [1, ${MAX_STAGES}]`);
  const a = record('cascade.strip.acid', st.acid, '{ amount, volume }');
  knownKeys('cascade.strip.acid', a, ['amount', 'volume']);
  const acid = positive('cascade.strip.acid.amount', a.amount);
  if (acid > 1e12)
    fail('OUT_OF_RANGE', 'cascade.strip.acid.amount', acid, 'mol H+ per unit time in (0, 1e12]');
  const acidVolume = volume('cascade.strip.acid.volume', a.volume);
  const ph = models.some((m) => m.kind === 'phDependent');
  if (ph) {
    if (st.distribution !== undefined)
      fail(
        'NOT_SUPPORTED',
        'cascade.strip.distribution',
        st.distribution,
        'no strip distribution ratios with the pH-dependent model (its correlations give them)',
      );
    return { stages, acid, acidVolume };
  }
  if (Object.values(organicFlows).some((v) => v > 0))
    fail(
      'NOT_SUPPORTED',
      'cascade.organic.flows',
      organicFlows,
      'no pre-loading with a strip section (the stripped organic is the organic entering stage 1)',
    );
  const distribution = new Float64Array(species.length).fill(DEFAULT_STRIP_DISTRIBUTION);
  if (typeof st.distribution === 'number') {
    const d = positive('cascade.strip.distribution', st.distribution);
    if (d > 1e12) fail('OUT_OF_RANGE', 'cascade.strip.distribution', d, 'a ratio in (0, 1e12]');
    distribution.fill(d);
  } else if (st.distribution !== undefined) {
    const r = checkFlows('cascade.strip.distribution', st.distribution);
    for (const [name, d] of Object.entries(r)) {
      const i = species.indexOf(name);
      if (i < 0)
        fail(
          'UNKNOWN_KEY',
          `cascade.strip.distribution.${name}`,
          name,
          `a species of the cascade (${species.join(', ')})`,
        );
      if (!(d > 0)) fail('OUT_OF_RANGE', `cascade.strip.distribution.${name}`, d, 'a ratio > 0');
      distribution[i] = d;
    }
  }
  return { stages, acid, acidVolume, distribution };
}
