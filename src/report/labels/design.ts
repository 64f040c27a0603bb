/**
 * Study labels of the `design` model: outputs of a {@link CascadeDesign} in the design report's words,
 * and parameters of a {@link DesignRequest}. Units as the design report's: the request's declared
 * `flowUnits`, else amount/time and volume/time.
 */
import { field } from '../kinds/common.js';
import { cascadeOutputs, cascadeParameters, sxUnits } from './cascade.js';
import { BALANCE, byRules, fraction, type ModelLabels, quantity, under } from './rules.js';

const PER_FEED = 'mol/mol feed';

const units = (base: unknown) => sxUnits(field(base, 'flowUnits'));

/** The equilibrium model's parameters, as a cascade spec's. */
const equilibrium = cascadeParameters((base) => base);

const STAGES: Readonly<Record<string, string>> = {
  extraction: 'Extraction stages',
  scrub: 'Scrub stages',
  total: 'Stages in all',
};

const FLOWS: Readonly<Record<string, string>> = {
  feed: 'Feed flow',
  reflux: 'Product reflux',
  product: 'Product flow',
  raffinate: 'Raffinate flow',
};

const VOLUMES: Readonly<Record<string, string>> = {
  feedVolume: 'Feed volume flow',
  organicVolume: 'Organic volume flow',
  scrubVolume: 'Scrub volume flow',
};

/** The `design` model: the base is the design request. */
export const designLabels: ModelLabels = {
  outputs: byRules([
    [/^stages\.(extraction|scrub|total)$/, ([, k = '']) => quantity(STAGES[k] ?? k)],
    [/^purity\.organic$/, () => fraction('Organic product purity (A side)')],
    [/^purity\.aqueous$/, () => fraction('Raffinate purity (B side)')],
    [/^recovery\.organic$/, () => fraction('A side recovery')],
    [/^recovery\.aqueous$/, () => fraction('B side recovery')],
    [/^organicLoad$/, () => quantity('Organic load S', PER_FEED)],
    [/^scrubLoad$/, () => quantity('Scrub load W', PER_FEED)],
    [/^extractionRatio\.extraction$/, () => quantity('Extraction ratio E_M')],
    [/^extractionRatio\.scrub$/, () => quantity("Scrub extraction ratio E'_M")],
    [/^beta\.(extraction|scrub)$/, ([, s]) => quantity(`β of the key pair (${s} section)`)],
    [/^fA$/, () => fraction('A side share of the feed')],
    [
      /^flows\.(feed|reflux|product|raffinate)$/,
      ([, k = ''], base) => quantity(FLOWS[k] ?? k, units(base).amount),
    ],
    [
      /^flows\.(feedVolume|organicVolume|scrubVolume)$/,
      ([, k = ''], base) => quantity(VOLUMES[k] ?? k, units(base).volume),
    ],
    [/^flows\.loading$/, (_, base) => quantity('Organic loading', units(base).loading)],
    [/^flows\.phaseRatio\.(extraction|scrub)$/, ([, s]) => quantity(`Phase ratio O/A (${s} section)`)],
    [/^reagents\.saponificationBase$/, (_, base) => quantity('Saponification base', units(base).amount)],
    [/^reagents\.stripAcid$/, (_, base) => quantity('Strip acid (H⁺)', units(base).amount)],
    [
      /^solventInventory\.(extraction|scrub|strip|total)$/,
      ([, s], base) => quantity(`Solvent inventory (${s === 'total' ? 'in all' : s})`, units(base).holdup),
    ],
    [/^simulations$/, () => quantity('Simulations run')],
    [/^unsolvedSimulations$/, () => quantity('Simulations that did not converge')],
    [/^simulation\.balanceError$/, () => BALANCE],
    under(
      /simulation/,
      cascadeOutputs((base) => base),
      () => ' (verifying simulation)',
    ),
  ]),
  parameters: byRules([
    [/^feed\.([^.]+)$/, ([, s], base) => quantity(`Feed flow of ${s}`, units(base).amount)],
    [/^purity\.organic$/, () => fraction('Organic product purity target (A side)')],
    [/^purity\.aqueous$/, () => fraction('Raffinate purity target (B side)')],
    [/^scrubLoad$/, () => quantity('Scrub load W', PER_FEED)],
    [/^k$/, () => quantity('Reflux exponent k')],
    [/^(feedVolume|scrubVolume)$/, ([, k = ''], base) => quantity(VOLUMES[k] ?? k, units(base).volume)],
    [/^loading$/, (_, base) => quantity('Organic loading', units(base).loading)],
    [/^residenceTime$/, (_, base) => quantity('Organic residence time per stage', units(base).time)],
    [/^(equilibrium\..+)$/, ([, p = ''], base) => equilibrium(p, base)],
  ]),
};
