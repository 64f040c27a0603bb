/**
 * Study labels of the `train` model: outputs of a {@link SeparationTrain} in the train report's words
 * (amounts in mol/h, the unit of every train result; inventory in m³), and parameters of a
 * {@link SeparationTrainRequest} (the feed in the request's `unit`, mol/h by default). Products and
 * cascades are addressed by position, so their labels keep it (`products[0]`).
 */
import { field } from '../kinds/common.js';
import { BALANCE, byRules, fraction, type ModelLabels, quantity } from './rules.js';

const TOTALS: Readonly<Record<string, readonly [string, string?]>> = {
  stages: ['Total stages (extraction + scrub + strip)'],
  stripStages: ['Strip stages'],
  solventInventory: ['Solvent inventory', 'm³'],
  NaOH: ['NaOH (saponification)', 'mol/h'],
  HCl: ['HCl (stripping)', 'mol/h'],
};

const STAGES: Readonly<Record<string, string>> = {
  extraction: 'Extraction stages',
  scrub: 'Scrub stages',
  total: 'Stages in all',
};

/** The feed's unit: the request's `unit`, else mol/h. */
function feedUnit(base: unknown): string {
  const unit = field(base, 'unit');
  return typeof unit === 'string' ? unit : 'mol/h';
}

/** The `train` model: the base is the train request. */
export const trainLabels: ModelLabels = {
  outputs: byRules([
    [
      /^totals\.(stages|stripStages|solventInventory|NaOH|HCl)$/,
      ([, k = '']) => quantity(...(TOTALS[k] ?? [k])),
    ],
    [/^balanceError$/, () => BALANCE],
    [/^rounds$/, () => quantity('Design rounds')],
    [/^simulations$/, () => quantity('Simulations run')],
    [/^cascades\.length$/, () => quantity('Cuts')],
    [/^products\.(\d+)\.purity$/, ([, k]) => fraction(`Purity of products[${k}]`)],
    [/^products\.(\d+)\.recovery$/, ([, k]) => fraction(`Recovery of products[${k}]`)],
    [/^products\.(\d+)\.flows\.([^.]+)$/, ([, k, s]) => quantity(`Flow of ${s} in products[${k}]`, 'mol/h')],
    [
      /^cascades\.(\d+)\.stages\.(extraction|scrub|total)$/,
      ([, k, s = '']) => quantity(`${STAGES[s] ?? s} of cascades[${k}]`),
    ],
    [/^cascades\.(\d+)\.stripStages$/, ([, k]) => quantity(`Strip stages of cascades[${k}]`)],
  ]),
  parameters: byRules([
    [/^feed\.([^.]+)$/, ([, s], base) => quantity(`Feed of ${s}`, feedUnit(base))],
    [/^purity$/, () => fraction('Purity target of each single-element product')],
    [/^concentration$/, () => quantity('Feed concentration', 'mol/L')],
    [/^residenceTime$/, () => quantity('Organic residence time per stage', 'h')],
    [/^overrides\.loading$/, () => quantity('Organic loading', 'mol/L')],
    [/^overrides\.pairs\.([^.]+)$/, ([, pair]) => quantity(`Separation factor β(${pair})`)],
  ]),
};
