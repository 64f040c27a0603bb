/**
 * Study labels of the `cascade` model: outputs of a {@link CascadeResult} and parameters of a
 * {@link CascadeSpec}, in the cascade report's words. Amounts are in the spec's declared `flowUnits`
 * (mol/h with L/h, kmol/h with m³/h), else in the scenario's own units (amount/time, volume/time), as the
 * cascade report says them.
 */

import { AMOUNT, declaredUnits, VOLUME } from '../kinds/cascade.js';
import { field } from '../kinds/common.js';
import { TIME } from '../kinds/dynamics.js';
import {
  BALANCE,
  byRules,
  fraction,
  type LabelRule,
  type ModelLabels,
  quantity,
  type Rule,
} from './rules.js';

/** The units of a cascade's numbers: per time (amount, volume), per volume (loading), held (stock, hold-up), times. */
export interface SxUnits {
  readonly amount: string;
  readonly volume: string;
  readonly loading: string;
  readonly stock: string;
  readonly holdup: string;
  readonly time: string;
}

/** The units a spec's `flowUnits` declares, else the scenario's own, unnamed. */
export function sxUnits(flowUnits: unknown): SxUnits {
  const u = declaredUnits(flowUnits);
  return u
    ? {
        amount: u.amount,
        volume: u.volume,
        loading: u.loading,
        stock: u.amount.replace('/h', ''),
        holdup: u.volume.replace('/h', ''),
        time: 'h',
      }
    : {
        amount: AMOUNT,
        volume: VOLUME,
        loading: 'amount/volume',
        stock: 'amount',
        holdup: 'volume',
        time: TIME,
      };
}

/** An outlet's words: `raffinate` → Raffinate, `draws.0` → Side draw 1. */
export function outletName(key: string): string {
  const draw = /^draws\.(\d+)$/.exec(key);
  if (draw) return `Side draw ${Number(draw[1]) + 1}`;
  const names: Readonly<Record<string, string>> = {
    raffinate: 'Raffinate',
    loadedOrganic: 'Loaded organic',
    product: 'Product',
    'strip.liquor': 'Strip liquor',
    'strip.strippedOrganic': 'Stripped organic',
  };
  return names[key] ?? key;
}

/** Outlets of a cascade result (and of a dynamics sample). */
export const OUTLET = '(raffinate|loadedOrganic|product|draws\\.\\d+|strip\\.liquor|strip\\.strippedOrganic)';

const STAGES: Readonly<Record<string, string>> = {
  extraction: 'Extraction stages',
  scrub: 'Scrub stages',
  total: 'Stages in all',
};

/** Purity, flow and volume flow of one outlet, given the units to use. */
export function outletRules(units: (base: unknown) => SxUnits): Rule[] {
  return [
    [
      new RegExp(`^${OUTLET}\\.purity\\.([^.]+)$`),
      ([, o = '', s]) => fraction(`${outletName(o)} purity of ${s}`),
    ],
    [
      new RegExp(`^${OUTLET}\\.flows\\.([^.]+)$`),
      ([, o = '', s], base) => quantity(`${outletName(o)} flow of ${s}`, units(base).amount),
    ],
    [
      new RegExp(`^${OUTLET}\\.volume$`),
      ([, o = ''], base) => quantity(`${outletName(o)} volume flow`, units(base).volume),
    ],
  ];
}

/** The outputs of a {@link CascadeResult}, with the units of the spec `spec(base)`. */
export function cascadeOutputs(spec: (base: unknown) => unknown): LabelRule {
  const units = (base: unknown) => sxUnits(field(spec(base), 'flowUnits'));
  return byRules([
    ...outletRules(units),
    [/^toOrganic\.([^.]+)$/, ([, s]) => fraction(`${s} to product`)],
    [/^stages\.(extraction|scrub|total)$/, ([, k = '']) => quantity(STAGES[k] ?? k)],
    [/^balanceError$/, () => BALANCE],
    [/^residual$/, () => quantity('Largest stage-equation residual (relative)')],
    [/^iterations$/, () => quantity('Newton iterations')],
    [/^converged$/, () => quantity('Converged (1 = yes)')],
    [/^strip\.residualLoading$/, () => fraction('Loading left on the stripped organic')],
    [
      /^strip\.acid\.(supplied|consumed|free)$/,
      ([, k], base) => quantity(`Strip acid (H⁺) ${k}`, units(base).amount),
    ],
  ]);
}

const SECTION = '(?:\\.(extraction|scrub))?';

/** `, scrub section` for a per-section equilibrium model. */
function section(s: string | undefined): string {
  return s ? `, ${s} section` : '';
}

/** The parameters of a {@link CascadeSpec} at `spec(base)`. */
export function cascadeParameters(spec: (base: unknown) => unknown): LabelRule {
  const units = (base: unknown) => sxUnits(field(spec(base), 'flowUnits'));
  return byRules([
    [
      new RegExp(`^equilibrium${SECTION}\\.beta\\.([^.]+)$`),
      ([, sec, s]) => quantity(`β of ${s} (relative extractability)${section(sec)}`),
    ],
    [
      new RegExp(`^equilibrium${SECTION}\\.D\\.([^.]+)$`),
      ([, sec, s]) => quantity(`Distribution ratio D of ${s}${section(sec)}`),
    ],
    [
      new RegExp(`^equilibrium${SECTION}\\.(loading|capacity)$`),
      ([, sec, k], base) =>
        quantity(`Organic loading${k === 'capacity' ? ' capacity' : ''}${section(sec)}`, units(base).loading),
    ],
    [/^feed\.flows\.([^.]+)$/, ([, s], base) => quantity(`Feed flow of ${s}`, units(base).amount)],
    [/^feed\.volume$/, (_, base) => quantity('Feed volume flow', units(base).volume)],
    [/^feed\.stage$/, () => quantity('Feed stage')],
    [/^organic\.volume$/, (_, base) => quantity('Organic volume flow', units(base).volume)],
    [
      /^organic\.flows\.([^.]+)$/,
      ([, s], base) => quantity(`${s} in the entering organic`, units(base).amount),
    ],
    [/^scrub\.volume$/, (_, base) => quantity('Scrub volume flow', units(base).volume)],
    [/^scrub\.reflux$/, (_, base) => quantity('Product reflux to the scrub', units(base).amount)],
    [/^scrub\.acid$/, (_, base) => quantity('Scrub acid (H⁺)', units(base).amount)],
    [/^scrub\.flows\.([^.]+)$/, ([, s], base) => quantity(`${s} in the scrub`, units(base).amount)],
    [/^stages\.(extraction|scrub)$/, ([, k = '']) => quantity(STAGES[k] ?? k)],
    [/^efficiency\.murphree$/, () => fraction('Murphree stage efficiency')],
    [/^entrainment\.aqueousInOrganic$/, () => fraction('Aqueous entrained in the organic')],
    [/^entrainment\.organicInAqueous$/, () => fraction('Organic entrained in the aqueous')],
    [/^draws\.(\d+)\.fraction$/, ([, k]) => fraction(`Side draw ${Number(k) + 1}: fraction drawn`)],
    [
      /^draws\.(\d+)\.volume$/,
      ([, k], base) => quantity(`Side draw ${Number(k) + 1}: volume flow`, units(base).volume),
    ],
    [/^draws\.(\d+)\.stage$/, ([, k]) => quantity(`Side draw ${Number(k) + 1}: stage`)],
    [/^strip\.stages$/, () => quantity('Strip stages')],
    [/^strip\.acid\.amount$/, (_, base) => quantity('Strip acid (H⁺)', units(base).amount)],
    [/^strip\.acid\.volume$/, (_, base) => quantity('Strip acid volume flow', units(base).volume)],
  ]);
}

/** The `cascade` model: the base is the spec. */
export const cascadeLabels: ModelLabels = {
  outputs: cascadeOutputs((base) => base),
  parameters: cascadeParameters((base) => base),
};
