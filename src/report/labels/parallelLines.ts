/**
 * Study labels of the `parallel-lines` model: outputs of a {@link ParallelLines} result in the report's
 * words (amounts in kmol/h, the study's unit whatever the feed was given in; volumes in m³; outputs of
 * oxide in kg/h as the result holds them), and parameters of its request. Lines are addressed by position
 * ((a) to (e) after the base line), so their labels keep it (`lines[1]`).
 */
import { field } from '../kinds/common.js';
import { BALANCE, byRules, fraction, type ModelLabels, quantity } from './rules.js';

const LINE: Readonly<Record<string, readonly [string, string?]>> = {
  trains: ['Trains'],
  stageCount: ['Mixer-settlers (stages × trains)'],
  feed: ['Feed', 'kmol/h'],
  solventInventory: ['Solvent inventory', 'm³'],
  equipmentVolume: ['Mixer-settler volume', 'm³'],
  capitalIndex: ['Capital index (Σ m³^0.6)'],
};

const SIDES: Readonly<Record<string, string>> = { organic: 'organic product', aqueous: 'raffinate' };

/** The feed's unit: the request's `unit` (required by the model). */
function feedUnit(base: unknown): string | undefined {
  const unit = field(base, 'unit');
  return typeof unit === 'string' ? unit : undefined;
}

/** The `parallel-lines` model: the base is the request. */
export const parallelLinesLabels: ModelLabels = {
  outputs: byRules([
    [
      /^lines\.(\d+)\.(trains|stageCount|feed|solventInventory|equipmentVolume|capitalIndex)$/,
      ([, k, f = '']) => {
        const [label, unit] = LINE[f] ?? [f];
        return quantity(`${label} of lines[${k}]`, unit);
      },
    ],
    [
      /^lines\.(\d+)\.purity\.(organic|aqueous)$/,
      ([, k, s = '']) => fraction(`Purity of the ${SIDES[s]} of lines[${k}]`),
    ],
    [
      /^lines\.(\d+)\.recovery\.(organic|aqueous)$/,
      ([, k, s = '']) => fraction(`Recovery into the ${SIDES[s]} of lines[${k}]`),
    ],
    [
      /^lines\.(\d+)\.output\.(organic|aqueous)$/,
      ([, k, s = '']) => quantity(`Net ${SIDES[s]} of lines[${k}]`, 'kmol/h'),
    ],
    [
      /^lines\.(\d+)\.stages\.(extraction|scrub|strip|total)$/,
      ([, k, s]) => quantity(`${s} stages of lines[${k}] (per train)`),
    ],
    [
      /^lines\.(\d+)\.outputOxide\.(organic|aqueous)$/,
      ([, k, s = '']) => quantity(`Oxide in the ${SIDES[s]} of lines[${k}]`, 'kg/h'),
    ],
    [/^ceiling$/, () => quantity('Most feed at the base organic flow (× the base feed)')],
    [/^evidence\.balanceError$/, () => BALANCE],
  ]),
  parameters: byRules([
    [/^feed\.([^.]+)$/, ([, s], base) => quantity(`Feed of ${s}`, feedUnit(base))],
    [/^feedVolume$/, () => quantity('Feed volume', 'm³/h')],
    [/^purity\.(organic|aqueous)$/, ([, s = '']) => fraction(`Purity target of the ${SIDES[s]}`)],
    [/^k$/, () => quantity('Output factor k')],
    [/^f$/, () => quantity('Feed factor f of (d)')],
    [/^beta$/, () => quantity('β of the better extractant of (e)')],
  ]),
};
