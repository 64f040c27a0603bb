/**
 * Plant key performance indicators: recovery of each element to each product, product grade and purity,
 * reagents, energy, and where Th and U end up.
 */
import { ELEMENT_SYMBOLS, type ElementSymbol, RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { type ProductRadioactivity, productRadioactivity } from '../chemistry/radioactivity.js';
import { SPECIES_INDEX } from '../chemistry/species.js';
import { sumAmounts } from '../stream/balance.js';
import { purity, reoDistribution, total, tre, treo } from '../stream/composition.js';
import { emptyStream, type Stream } from '../stream/stream.js';
import type { UnitReport } from '../units/unit.js';
import type { FlowsheetSpec } from './spec.js';

/** KPIs of one product stream. */
export interface ProductKpis {
  readonly form: Stream['form'];
  /** Dry mass flow on the stream's reporting basis, kg/h. */
  readonly total: number;
  /** Total rare-earth oxide, kg/h. */
  readonly treo: number;
  /** Rare-earth content of the dry product on its reporting basis: TREO / total, or TRE / total for metal. */
  readonly grade: number;
  /** Fraction of each element entering the plant that reaches this product (elements present in the feed). */
  readonly recovery: Readonly<Partial<Record<ElementSymbol, number>>>;
  /** REO distribution of the product, fraction of TREO per rare earth. */
  readonly distribution: Readonly<Record<RareEarth, number>>;
  /**
   * Th and U per mass of the dry product on its reporting basis (`total`: oxides for oxide products, and for
   * liquors their dissolved species as oxides, not the salt or the solution), in ppm, and the activity of
   * their chain parents Th-232 and U-238 (Bq/g) against the 1 Bq/g exemption level for material of natural
   * origin (see `productRadioactivity`). A deposit without a uranium assay reports U as 0 (not measured).
   */
  readonly radioactivity: ProductRadioactivity;
  /** The product's main rare earth and its purity, relative (share of the rare earths) and absolute. */
  readonly principal: {
    readonly element: RareEarth;
    readonly relative: number;
    readonly absolute: number;
  } | null;
}

/** Where a radioactive element went. */
export interface RadioactiveFate {
  /** kg/h entering the plant. */
  readonly input: number;
  /** kg/h in the streams listed as residues. */
  readonly toResidues: number;
  /** kg/h in product streams. */
  readonly toProducts: number;
  /** toResidues / input (0 when none entered). */
  readonly fractionToResidues: number;
}

/** KPIs of a plant. */
export interface FlowsheetKpis {
  /** Element flows entering the plant (feeds, source units such as mines, and reagents units add), kg/h. */
  readonly input: Readonly<Partial<Record<ElementSymbol, number>>>;
  readonly products: Readonly<Record<string, ProductKpis>>;
  /** Reagents consumed by all units, kg/h by name. */
  readonly reagents: Readonly<Record<string, number>>;
  /** Total energy, kW. */
  readonly energy: number;
  /** Energy by block, kW. */
  readonly energyByBlock: Readonly<Record<string, number>>;
  readonly thorium: RadioactiveFate;
  readonly uranium: RadioactiveFate;
}

function principalOf(s: Stream): ProductKpis['principal'] {
  let best: RareEarth | null = null;
  let max = 0;
  for (const r of RARE_EARTHS) {
    const x = s.amounts[SPECIES_INDEX[r]] ?? 0;
    if (x > max) {
      max = x;
      best = r;
    }
  }
  return best ? { element: best, relative: purity(s, best), absolute: purity(s, best, 'absolute') } : null;
}

function fate(
  el: 'Th' | 'U',
  input: readonly number[],
  residues: readonly Stream[],
  products: readonly Stream[],
): RadioactiveFate {
  const i = SPECIES_INDEX[el];
  const inFlow = input[i] ?? 0;
  const toResidues = residues.reduce((a, s) => a + (s.amounts[i] ?? 0), 0);
  const toProducts = products.reduce((a, s) => a + (s.amounts[i] ?? 0), 0);
  return { input: inFlow, toResidues, toProducts, fractionToResidues: inFlow > 0 ? toResidues / inFlow : 0 };
}

/** Computes the KPIs of a simulated plant. */
export function flowsheetKpis(
  spec: FlowsheetSpec,
  streams: Readonly<Record<string, Stream>>,
  reports: Readonly<Record<string, UnitReport>>,
  addedInputs: readonly Stream[],
): FlowsheetKpis {
  const inputs = sumAmounts([...Object.values(spec.feeds ?? {}), ...addedInputs]);
  const input: Partial<Record<ElementSymbol, number>> = {};
  for (const el of ELEMENT_SYMBOLS) {
    const x = inputs[SPECIES_INDEX[el]] ?? 0;
    if (x > 0) input[el] = x;
  }
  const get = (n: string): Stream => streams[n] ?? emptyStream('solution');
  const productStreams = (spec.products ?? []).map(get);
  const residueStreams = (spec.residues ?? []).map(get);
  const products: Record<string, ProductKpis> = {};
  (spec.products ?? []).forEach((name, j) => {
    const s = productStreams[j] as Stream;
    const recovery: Partial<Record<ElementSymbol, number>> = {};
    for (const [el, x] of Object.entries(input) as [ElementSymbol, number][]) {
      recovery[el] = (s.amounts[SPECIES_INDEX[el]] ?? 0) / x;
    }
    const dry = total(s);
    const reo = treo(s);
    products[name] = {
      form: s.form,
      total: dry,
      treo: reo,
      grade: dry > 0 ? (s.form === 'metal' ? tre(s) : reo) / dry : 0,
      recovery,
      distribution: reoDistribution(s),
      radioactivity: productRadioactivity(
        s.amounts[SPECIES_INDEX.Th] ?? 0,
        s.amounts[SPECIES_INDEX.U] ?? 0,
        dry,
      ),
      principal: principalOf(s),
    };
  });
  const reagents: Record<string, number> = {};
  const energyByBlock: Record<string, number> = {};
  let energy = 0;
  for (const [id, r] of Object.entries(reports)) {
    for (const [name, kg] of Object.entries(r.reagents)) reagents[name] = (reagents[name] ?? 0) + kg;
    energyByBlock[id] = r.energy;
    energy += r.energy;
  }
  return {
    input,
    products,
    reagents,
    energy,
    energyByBlock,
    thorium: fate('Th', inputs, residueStreams, productStreams),
    uranium: fate('U', inputs, residueStreams, productStreams),
  };
}
