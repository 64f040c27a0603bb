/**
 * Reports of single cascades: a steady-state simulation ({@link CascadeResult}) and a design
 * ({@link CascadeDesign}: Xu's flows, stage counts and the verifying simulation); a dynamic run has its
 * own report (`dynamics.ts`), with the same units.
 *
 * Cascade amounts are per unit time in the scenario's own unit (mol/h in designs from feeds in mol/h), so
 * columns say `amount/time` and `volume/time`, and the notes say so once.
 */
import { REAGENT_MOLAR_MASS } from '../../chemistry/reagents.js';
import type { CascadeDesign } from '../../sx/design/designCascade.js';
import { HOURS_PER_YEAR } from '../../sx/flowUnits.js';
import type { CascadeResult } from '../../sx/steady/simulateCascade.js';
import {
  expectFields,
  field,
  formatValue,
  type Kpi,
  kpi,
  outletsTable,
  percent,
  profileTable,
  type ReportParts,
  type ReportTable,
  sum,
  yesNo,
} from './common.js';

/** Units of cascade amounts and volume flows: the scenario's own (see {@link UNITS_NOTE}). */
export const AMOUNT = 'amount/time';
export const VOLUME = 'volume/time';
/** Ratios of Xu's theory: amounts per amount of feed (mol/mol, kmol/kmol: the same number). */
const PER_FEED = 'mol/mol feed';

/** The one note on units of cascade, design and dynamics reports. */
export const UNITS_NOTE =
  "Units: amounts and volumes are in the scenario's own units (e.g. kmol/h and m³/h): amount/time and " +
  'volume/time are the units of the feed flows and volume flows the scenario gives.';

function cascadeKpis(r: CascadeResult, amount = AMOUNT): Kpi[] {
  const out: Kpi[] = [kpi('Extraction stages', r.stages.extraction), kpi('Scrub stages', r.stages.scrub)];
  for (const s of r.species) {
    out.push(kpi(`${s} product purity`, percent(r.product.purity[s] ?? 0), '%'));
    out.push(kpi(`${s} to product`, percent(r.toOrganic[s] ?? 0), '%'));
    out.push(kpi(`${s} raffinate purity`, percent(r.raffinate.purity[s] ?? 0), '%'));
  }
  out.push(kpi('Product total', sum(r.product.flows), amount));
  out.push(kpi('Raffinate total', sum(r.raffinate.flows), amount));
  out.push(kpi('Converged', yesNo(r.converged)));
  return out;
}

function cascadeTables(
  r: CascadeResult,
  prefix = '',
  units: { readonly amount: string; readonly volume: string } = { amount: AMOUNT, volume: VOLUME },
): ReportTable[] {
  const what = prefix ? ' of the verifying simulation' : '';
  return [
    profileTable(
      `${prefix}stage-profile`,
      `Stage profile${what}: amounts leaving each stage in each phase (stage 1 = raffinate end)`,
      r.species,
      r.profile,
      units.amount,
    ),
    outletsTable(
      `${prefix}outlets`,
      `Outlet streams${what}`,
      r.species,
      [
        ['raffinate', r.raffinate],
        ['loaded organic', r.loadedOrganic],
        ['net product', r.product],
      ],
      units.amount,
      units.volume,
    ),
  ];
}

function cascadeEvidence(
  r: CascadeResult,
  scope: string,
  notes: string[] = [],
  unitsNote = UNITS_NOTE,
): ReportParts['evidence'] {
  return {
    converged: r.converged,
    scope,
    balanceResidual: r.balanceError,
    iterations: r.iterations,
    notes: [...notes, `Largest stage-equation residual: ${formatValue(r.residual)}.`, unitsNote],
  };
}

const CASCADE_FIELDS = ['species', 'stages', 'raffinate', 'loadedOrganic', 'product', 'toOrganic', 'profile'];

/** The report of a `cascade` run. */
export function cascadeReport(input: unknown, result: unknown): ReportParts {
  expectFields('cascade', result, [...CASCADE_FIELDS, 'converged', 'iterations', 'balanceError']);
  const r = result as CascadeResult;
  const u = declaredUnits(field(input, 'flowUnits'));
  const units = { amount: u?.amount ?? AMOUNT, volume: u?.volume ?? VOLUME };
  return {
    kpis: cascadeKpis(r, units.amount),
    tables: cascadeTables(r, '', units),
    evidence: cascadeEvidence(r, 'the steady-state solve of the stage equations', [], unitsNote(u)),
  };
}

/** The note on units: the declared ones, or the scenario's own (and how to name them). */
export function unitsNote(u: ReturnType<typeof declaredUnits>): string {
  return u
    ? `Units: amounts in ${u.amount}, volumes in ${u.volume} (the spec's flowUnits), times in hours.`
    : UNITS_NOTE;
}

/**
 * The units a cascade spec or design request declares in `flowUnits` (`mol/h` with L/h, `kmol/h` with
 * m³/h; times in hours), or undefined: then reports say amount/time and volume/time.
 */
export function declaredUnits(declared: unknown) {
  if (declared === 'mol/h')
    return { amount: 'mol/h', volume: 'L/h', loading: 'mol/L', toCubicMetres: 1e-3, toKmol: 1e-3 };
  if (declared === 'kmol/h')
    return { amount: 'kmol/h', volume: 'm³/h', loading: 'kmol/m³', toCubicMetres: 1, toKmol: 1 };
  return undefined;
}

/** The report of a `design` run. */
export function designReport(input: unknown, result: unknown): ReportParts {
  expectFields('design', result, ['keys', 'stages', 'flows', 'reagents', 'purity', 'simulation']);
  const d = result as CascadeDesign;
  const sim = d.simulation;
  const u = declaredUnits(field(input, 'flowUnits'));
  const amount = u?.amount ?? AMOUNT;
  const volume = u?.volume ?? VOLUME;
  // Solvent inventory and reagents per year need the units: only with declared ones.
  const perYear = (mol: number, gPerMol: number) =>
    ((u?.toKmol ?? 0) * mol * gPerMol * HOURS_PER_YEAR) / 1000;
  const plant: [string, number, string][] = u
    ? [
        [
          'Solvent inventory (organic in the mixer-settlers)',
          d.solventInventory.total * u.toCubicMetres,
          'm³',
        ],
        [
          'NaOH (saponification), per year',
          perYear(d.reagents.saponificationBase, REAGENT_MOLAR_MASS.NaOH),
          't/yr',
        ],
        ['Strip acid as HCl, per year', perYear(d.reagents.stripAcid, REAGENT_MOLAR_MASS.HCl), 't/yr'],
      ]
    : [];
  const rows: [string, number | string, string][] = [
    ['Key pair (A/B)', `${d.keys.A}/${d.keys.B}`, ''],
    ['A side (organic product)', d.sides.A.join(', '), ''],
    ['B side (raffinate)', d.sides.B.join(', '), ''],
    ['Purity basis', d.purityBasis, ''],
    ['β of the keys, extraction section', d.beta.extraction, '-'],
    ['β of the keys, scrub section', d.beta.scrub, '-'],
    ['A side share of the feed f_A', d.fA, '-'],
    ['Feed fraction to the organic product', d.split.organic, '-'],
    ['Feed fraction to the raffinate', d.split.aqueous, '-'],
    ['Controlling section', d.controllingSection, ''],
    ['Extraction ratio E_M = S/(W + 1)', d.extractionRatio.extraction, '-'],
    ["Scrub extraction ratio E'_M = S/W", d.extractionRatio.scrub, '-'],
    ['Organic load S', d.organicLoad, PER_FEED],
    ['Scrub load W', d.scrubLoad, PER_FEED],
    ['Minimum S (pure products)', d.shortcut.minimum.S, PER_FEED],
    ['Minimum W (pure products)', d.shortcut.minimum.W, PER_FEED],
    ['Pinch S at the targets', d.shortcut.pinch.S, PER_FEED],
    ['Pinch W at the targets', d.shortcut.pinch.W, PER_FEED],
    ['Extraction stages (verified)', d.stages.extraction, 'stages'],
    ['Scrub stages (verified)', d.stages.scrub, 'stages'],
    ['Total stages (verified)', d.stages.total, 'stages'],
    ['Extraction stages (McCabe–Thiele)', d.stepped.extraction, 'stages'],
    ['Scrub stages (McCabe–Thiele)', d.stepped.scrub, 'stages'],
    ["Extraction stages (Xu's formula)", d.shortcut.extraction, 'stages'],
    ["Scrub stages (Xu's formula)", d.shortcut.scrub, 'stages'],
    ['Minimum total stages (Fenske)', d.shortcut.fenske, 'stages'],
    ['Feed', d.flows.feed, amount],
    ['Feed volume flow', d.flows.feedVolume, volume],
    ['Organic volume flow', d.flows.organicVolume, volume],
    ['Scrub volume flow', d.flows.scrubVolume, volume],
    ['Organic loading', d.flows.loading, u?.loading ?? 'amount/volume'],
    ['Product reflux', d.flows.reflux, amount],
    ['Organic product', d.flows.product, amount],
    ['Raffinate', d.flows.raffinate, amount],
    ['O/A, extraction section', d.flows.phaseRatio.extraction, '-'],
    ['O/A, scrub section', d.flows.phaseRatio.scrub, '-'],
    ['Saponification base', d.reagents.saponificationBase, amount],
    ['Strip acid (H⁺)', d.reagents.stripAcid, amount],
    ...plant,
    ['A side purity in the organic product', percent(d.purity.organic), '%'],
    ['B side purity in the raffinate', percent(d.purity.aqueous), '%'],
    ['A side recovery to the organic product', percent(d.recovery.organic), '%'],
    ['B side recovery to the raffinate', percent(d.recovery.aqueous), '%'],
    ['Simulations in the stage search', d.simulations, ''],
  ];
  const summary: ReportTable = {
    name: 'design',
    title: "Design summary: Xu's flows, stage counts, reagents and the verifying simulation",
    columns: ['Quantity', 'Value', 'Unit'],
    rows,
  };
  const kpis: Kpi[] = [
    kpi('Key pair', `${d.keys.A}/${d.keys.B}`),
    kpi('Extraction stages', d.stages.extraction),
    kpi('Scrub stages', d.stages.scrub),
    kpi('Controlling section', d.controllingSection),
    kpi('Extraction ratio E_M', d.extractionRatio.extraction),
    kpi("Scrub extraction ratio E'_M", d.extractionRatio.scrub),
    kpi('Organic load S', d.organicLoad, PER_FEED),
    kpi('Scrub load W', d.scrubLoad, PER_FEED),
    kpi('Organic volume flow', d.flows.organicVolume, volume),
    kpi('Scrub volume flow', d.flows.scrubVolume, volume),
    kpi('Saponification base', d.reagents.saponificationBase, amount),
    kpi('Strip acid (H⁺)', d.reagents.stripAcid, amount),
    ...plant.map(([label, value, unit]) => kpi(label, value, unit)),
    kpi('Organic product purity (A side)', percent(d.purity.organic), '%'),
    kpi('Raffinate purity (B side)', percent(d.purity.aqueous), '%'),
    kpi('A side recovery', percent(d.recovery.organic), '%'),
    kpi('B side recovery', percent(d.recovery.aqueous), '%'),
  ];
  const notes: string[] = [];
  const target = field(input, 'purity');
  for (const [side, phase] of [
    ['organic product', 'organic'],
    ['raffinate', 'aqueous'],
  ] as const) {
    const t = field(target, phase);
    if (typeof t !== 'number') continue;
    const met = d.purity[phase] >= t;
    notes.push(
      `Purity target of the ${side} ${met ? 'met' : 'NOT met'}: ${formatValue(percent(d.purity[phase]))} % against ${formatValue(percent(t))} %.`,
    );
  }
  notes.push(`Stage search: ${d.simulations} simulations, ${d.unsolvedSimulations} did not converge.`);
  notes.push(...d.notes);
  return {
    kpis,
    tables: [summary, ...cascadeTables(sim, 'verifying-', { amount, volume })],
    evidence: cascadeEvidence(
      sim,
      'the verifying simulation of the designed cascade',
      notes,
      u
        ? `Units: amounts in ${u.amount}, volumes in ${u.volume} (the request's flowUnits); the solvent inventory in m³ and reagents per year over 8,760 h.`
        : `${UNITS_NOTE} Name them (flowUnits: mol/h or kmol/h) for the solvent inventory in m³ and reagents per year.`,
    ),
  };
}
