/**
 * Study labels of the `flowsheet` model: outputs of a {@link FlowsheetResult} in the flowsheet report's
 * words (kg/h, kW, ppm, Bq/g: the plant's units), and parameters of a {@link FlowsheetSpec}: a block's
 * parameters are named by block and parameter, without a unit (each unit model has its own).
 */
import { BALANCE, byRules, fraction, ID, type ModelLabels, quantity } from './rules.js';

const PRODUCT = '^kpis\\.products\\.([^.]+)\\.';

const RADIOACTIVITY: Readonly<Record<string, readonly [string, string]>> = {
  thoriumPpm: ['Th', 'ppm'],
  uraniumPpm: ['U', 'ppm'],
  th232: ['Th-232 activity', 'Bq/g'],
  u238: ['U-238 activity', 'Bq/g'],
};

const FATE: Readonly<Record<string, readonly [string, string?]>> = {
  input: ['entering the plant', 'kg/h'],
  toResidues: ['to residues', 'kg/h'],
  toProducts: ['in products', 'kg/h'],
};

/** The `flowsheet` model: the base is the flowsheet spec. */
export const flowsheetLabels: ModelLabels = {
  outputs: byRules([
    [new RegExp(`${PRODUCT}recovery\\.([^.]+)$`), ([, p, el]) => fraction(`${p}: ${el} recovery`)],
    [new RegExp(`${PRODUCT}grade$`), ([, p]) => fraction(`${p}: grade`)],
    [new RegExp(`${PRODUCT}total$`), ([, p]) => quantity(`${p}: dry flow`, 'kg/h')],
    [new RegExp(`${PRODUCT}treo$`), ([, p]) => quantity(`${p}: TREO`, 'kg/h')],
    [new RegExp(`${PRODUCT}distribution\\.([^.]+)$`), ([, p, el]) => fraction(`${p}: ${el} share of TREO`)],
    [
      new RegExp(`${PRODUCT}principal\\.relative$`),
      ([, p]) => fraction(`${p}: principal element purity (of rare earths)`),
    ],
    [
      new RegExp(`${PRODUCT}principal\\.absolute$`),
      ([, p]) => fraction(`${p}: principal element purity (absolute)`),
    ],
    [
      new RegExp(`${PRODUCT}radioactivity\\.(thoriumPpm|uraniumPpm|th232|u238)$`),
      ([, p, k = '']) => {
        const [what, unit] = RADIOACTIVITY[k] ?? [k, ''];
        return quantity(`${p}: ${what}`, unit);
      },
    ],
    [/^kpis\.energy$/, () => quantity('Energy', 'kW')],
    [/^kpis\.energyByBlock\.([^.]+)$/, ([, b]) => quantity(`Energy of block ${b}`, 'kW')],
    [/^kpis\.reagents\.([^.]+)$/, ([, r]) => quantity(`Reagent ${r}`, 'kg/h')],
    [/^kpis\.input\.([^.]+)$/, ([, el]) => quantity(`${el} entering the plant`, 'kg/h')],
    [
      /^kpis\.(thorium|uranium)\.fractionToResidues$/,
      ([, el]) => fraction(`${el === 'thorium' ? 'Th' : 'U'} to residues`),
    ],
    [
      /^kpis\.(thorium|uranium)\.(input|toResidues|toProducts)$/,
      ([, el, k = '']) => {
        const [what, unit] = FATE[k] ?? [k];
        return quantity(`${el === 'thorium' ? 'Th' : 'U'} ${what}`, unit);
      },
    ],
    [/^balance\.residual$/, () => BALANCE],
    [/^iterations$/, () => quantity('Recycle iterations')],
    [/^converged$/, () => quantity('Recycles converged (1 = yes)')],
  ]),
  parameters: byRules([
    [new RegExp(`^blocks\\.${ID}\\.params\\.(.+)$`), ([, b, p]) => quantity(`Block ${b}: ${p}`)],
  ]),
};
