/**
 * Solvent extraction: one cut of a separation train, a counter-current extraction–scrub cascade of
 * mixer-settlers splitting a rare-earth chloride liquor at a key pair into a raffinate (the less extractable
 * side) and a strip liquor (the more extractable side).
 *
 * **Model.** Each run designs the cut for the liquor it receives ({@link designCascade}: Xu's optimum flows,
 * then the smallest stage counts whose stage-wise simulation meets both purity targets) and takes the split
 * of every rare earth from that verifying simulation (Xu's saturated separation-factor model with the
 * extractant's built-in factors). Rare earths the extractant table does not hold (Sc, Pm) and every non-RE
 * species (Th, U, Fe, Al, Ca, gangue) report to the raffinate, as does the feed's water and free acid: an
 * assumption (in P507 plants Fe³⁺ and Th are removed before SX and Sc is strongly extracted and handled
 * apart). The strip liquor carries the product at `stripConcentration` mol RE per litre; its water is added.
 *
 * **Reagents.** NaOH for saponification, 3 mol per mol RE carried by the organic out of the extraction
 * section; HCl for stripping, 3 mol per mol RE stripped (ree-data 2.6, derived, high). **Solvent inventory**
 * = organic volume flow × `residenceTime` per stage × stages (assumed 25 min per stage, ree-data 4.2).
 *
 * **The user specifies:** `keys` ({ A, B }, adjacent in the extractant's order; A the more extractable) and
 * `purity` (group purities of the A side in the strip liquor and of the B side in the raffinate). Optional:
 * `system` (default P507), `overrides` (separation factors, loading), `concentration` (mol/L of the feed,
 * default 1), `stripConcentration` (mol/L, default 1), `residenceTime` (h, default 25/60).
 */
import { elements, isRareEarth } from '../chemistry/elements.js';
import { REAGENT_MOLAR_MASS } from '../chemistry/reagents.js';
import { SPECIES_INDEX, type Species, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { isRecord, knownKeys, optional, positive, record } from '../core/validate.js';
import { makeStream, type Stream, withAmounts } from '../stream/stream.js';
import { designCascade } from '../sx/design/designCascade.js';
import type { KeyPair } from '../sx/design/keyPair.js';
import {
  type ExtractantSystem,
  findSystem,
  type SeparationFactorOverrides,
  separationFactorModel,
} from '../sx/equilibrium/extractants.js';
import { feedOfForm, finishUnit, inlet, type UnitDefinition, type UnitResult } from './unit.js';

/** Parameters of {@link solventExtraction}. */
export interface SolventExtractionParams {
  /** The key pair: A to the strip liquor (organic side), B to the raffinate. */
  readonly keys: KeyPair;
  /** Group purity targets in (0.5, 1): A side in the strip liquor, B side in the raffinate. */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** Extractant system (default `'P507'`). */
  readonly system?: ExtractantSystem | string;
  /** Separation-factor and loading overrides, as in {@link separationFactorModel}. */
  readonly overrides?: SeparationFactorOverrides;
  /** Rare-earth concentration of the feed liquor, mol/L (default 1). */
  readonly concentration?: number;
  /** Rare-earth concentration of the strip liquor, mol/L (default 1). */
  readonly stripConcentration?: number;
  /** Organic residence time per stage, hours (default 25/60). */
  readonly residenceTime?: number;
}

const UNIT = 'solventExtraction';

/**
 * Runs one solvent-extraction cut on a rare-earth chloride liquor (see the module notes).
 *
 * @throws ReesimError for bad parameters, a feed that is not a solution, keys not in the feed, or an
 *   infeasible design (`INFEASIBLE`)
 * @example
 * ```ts
 * const liquor = makeStream('solution', { Pr: 14, Nd: 42, H2O: 400 }, { compound: 'chloride' });
 * const r = solventExtraction(liquor, { keys: { A: 'Nd', B: 'Pr' }, purity: { organic: 0.999, aqueous: 0.999 } });
 * r.report.figures.stages; // 52
 * r.report.figures.purityOrganic >= 0.999; // true
 * ```
 */
export function solventExtraction(
  feed: Stream,
  params: SolventExtractionParams,
): UnitResult<'raffinate' | 'product'> {
  const f = feedOfForm(`${UNIT}.feed`, feed, ['solution'], 'a leach or strip liquor');
  const p = record(UNIT, params, 'solvent-extraction parameters');
  knownKeys(UNIT, p, [
    'keys',
    'purity',
    'system',
    'overrides',
    'concentration',
    'stripConcentration',
    'residenceTime',
  ]);
  const data = findSystem(
    `${UNIT}.system`,
    optional(p.system, 'P507', (v) => v),
  );
  const concentration = optional(p.concentration, 1, (v) => positive(`${UNIT}.concentration`, v));
  const strip = optional(p.stripConcentration, 1, (v) => positive(`${UNIT}.stripConcentration`, v));
  const residence = optional(p.residenceTime, 25 / 60, (v) => positive(`${UNIT}.residenceTime`, v));
  if (!isRecord(p.purity)) fail('INVALID_TYPE', `${UNIT}.purity`, p.purity, '{ organic, aqueous }');

  // Rare earths of the extractant's table, in mol/h.
  const order = data.order as readonly string[];
  const molPerH: Record<string, number> = {};
  for (const e of order) {
    const kg = f.amounts[SPECIES_INDEX[e as Species]] as number;
    if (kg > 0) molPerH[e] = (kg * 1000) / elements[e as Species & keyof typeof elements].atomicMass;
  }
  const total = Object.values(molPerH).reduce((a, b) => a + b, 0);
  const design = designCascade({
    feed: molPerH,
    equilibrium: separationFactorModel(
      data.name,
      Object.keys(molPerH),
      (p.overrides ?? {}) as SeparationFactorOverrides,
    ),
    keys: p.keys as KeyPair,
    purity: p.purity as { organic: number; aqueous: number },
    feedVolume: total / concentration,
  });
  const sim = design.simulation;

  // Product: each RE's share to the organic from the simulation; the raffinate is the rest (exact balance).
  const product = new Array<number>(f.amounts.length).fill(0);
  for (const e of Object.keys(molPerH)) {
    const i = SPECIES_INDEX[e as Species];
    product[i] = (f.amounts[i] as number) * Math.min(1, Math.max(0, sim.toOrganic[e] ?? 0));
  }
  const productMol = Object.keys(molPerH).reduce(
    (a, e) => a + (molPerH[e] as number) * (sim.toOrganic[e] ?? 0),
    0,
  );
  const stripWater = (productMol / strip) * 1; // kg/h: litres of strip liquor at ~1 kg/L
  product[WATER] = stripWater;
  const raffinate = f.amounts.map((x, i) => (i === WATER ? x : x - (product[i] as number)));
  const options = { compound: 'chloride' as const };
  const s = design.stages;
  const organicVolume = design.flows.organicVolume; // L/h
  const re = (v: readonly number[]) =>
    order.reduce((a, e) => a + (isRareEarth(e) ? (v[SPECIES_INDEX[e as Species]] as number) : 0), 0);
  return finishUnit(UNIT, {
    inlets: [f],
    added: { stripWater: makeStream('solution', { H2O: stripWater }) },
    outlets: {
      raffinate: withAmounts('solution', raffinate, {
        ...options,
        ...(f.reagents ? { reagents: f.reagents } : {}),
      }),
      product: withAmounts('solution', product, options),
    },
    reagents: {
      NaOH: (design.reagents.saponificationBase * REAGENT_MOLAR_MASS.NaOH) / 1000,
      HCl: (design.reagents.stripAcid * REAGENT_MOLAR_MASS.HCl) / 1000,
    },
    figures: {
      stagesExtraction: s.extraction,
      stagesScrub: s.scrub,
      stages: s.total,
      organicVolume: organicVolume / 1000,
      scrubVolume: design.flows.scrubVolume / 1000,
      solventInventory: (organicVolume * residence * s.total) / 1000,
      organicLoad: design.organicLoad,
      scrubLoad: design.scrubLoad,
      purityOrganic: design.purity.organic,
      purityAqueous: design.purity.aqueous,
      recoveryOrganic: design.recovery.organic,
      recoveryAqueous: design.recovery.aqueous,
      productRareEarths: re(product),
      simulations: design.simulations,
      cascadeResidual: sim.residual,
      cascadeBalanceError: sim.balanceError,
    },
    notes: [
      `${data.name} cut ${design.keys.A}/${design.keys.B}: ${s.extraction} extraction + ${s.scrub} scrub stages`,
      'non-RE species, Sc and Pm, water and free acid report to the raffinate (assumed)',
      `solvent inventory at ${Math.round(residence * 60)} min organic residence per stage (assumed)`,
    ],
  });
}

/**
 * The old name of {@link solventExtraction}.
 *
 * @deprecated Renamed `solventExtraction` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const extractCut = solventExtraction;

/** Flowsheet definition of {@link solventExtraction}: inlet `feed`, outlets `raffinate` and `product`. */
export const solventExtractionUnit: UnitDefinition<SolventExtractionParams, 'raffinate' | 'product'> = {
  kind: 'solvent-extraction',
  inlets: ['feed'],
  outlets: ['raffinate', 'product'],
  outletForms: { raffinate: 'solution', product: 'solution' },
  run: (inlets, params) => solventExtraction(inlet(inlets, 'feed', UNIT), params),
};
