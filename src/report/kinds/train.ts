/**
 * Report of a separation train ({@link SeparationTrain}): one row per cascade (kind, stages, flows, solvent
 * inventory, reagents, purities, and for a three-outlet cascade its side draw), the products, the feed each
 * cascade received, and the three-outlet candidates with their decisions. Amounts in mol/h, volumes in L/h,
 * inventory in m³ (the train's units); reagents also in kg/h from their molar masses; S and S·(n + m) per
 * mol of the feed they refer to.
 */
import { REAGENT_MOLAR_MASS } from '../../chemistry/reagents.js';
import type {
  SeparationTrain,
  TrainCascade,
  TrainThreeOutletCandidate,
} from '../../sx/design/separationTrain.js';
import { HOURS_PER_YEAR } from '../../sx/flowUnits.js';
import {
  expectFields,
  field,
  formatValue,
  type Kpi,
  kpi,
  percent,
  type ReportParts,
  type ReportTable,
  sum,
} from './common.js';

/** What the report says of the feed's unit: converted, or read as mol/h because the request names none. */
function feedUnitNote(unit: unknown): string {
  if (typeof unit === 'string' && unit !== 'mol/h')
    return `Feed given in ${unit}, converted to mol/h: every amount here is mol/h.`;
  return typeof unit === 'string'
    ? 'Feed given in mol/h.'
    : 'The request names no feed unit: the feed was read as mol/h (unit: kmol/h, mol/s, kmol/s or t REO/yr otherwise).';
}

/** kg/h of a reagent from mol/h (g/mol × mol/h / 1000). */
function kgPerHour(reagent: 'NaOH' | 'HCl', molPerHour: number): number {
  return (REAGENT_MOLAR_MASS[reagent] * molPerHour) / 1000;
}

/** The cascades in design order, one row each; a two-outlet cut leaves the side-draw columns empty. */
function cascadeTable(cascades: readonly TrainCascade[]): ReportTable {
  return {
    name: 'cuts',
    title:
      'Cascades in design order: stages, flows, solvent inventory (all sections), reagents, group purities ' +
      'and, for a three-outlet cascade, the middle product drawn from the aqueous of a scrub stage',
    columns: [
      'Cut',
      'Key pair (A/B)',
      'Organic products',
      'Aqueous products',
      'Extraction stages',
      'Scrub stages',
      'Total stages',
      'Strip stages',
      'Feed (mol/h)',
      'Feed (L/h)',
      'Organic (L/h)',
      'Scrub (L/h)',
      'Product reflux (mol/h)',
      'Solvent inventory (m³)',
      'NaOH (mol/h)',
      'HCl (mol/h)',
      'Organic purity (%)',
      'Aqueous purity (%)',
      'Kind',
      'S (mol/mol feed)',
      'S·(n + m) (mol/mol feed)',
      'Middle product',
      'Draw stage',
      'Draw fraction',
      'Middle product (mol/h)',
      'Middle purity (%)',
    ],
    rows: cascades.map((c) => {
      // A result without `kind` (an older one) holds two-outlet cuts only.
      const m = c.kind === 'three-outlet' ? c.middle : undefined;
      return [
        c.index,
        c.cut,
        c.organicProducts.join(', '),
        c.aqueousProducts.join(', '),
        c.stages.extraction,
        c.stages.scrub,
        c.stages.total,
        c.stripStages,
        sum(c.feed),
        c.feedVolume,
        c.organicVolume,
        c.scrubVolume,
        c.reflux,
        c.solventInventory.total,
        c.reagents.NaOH,
        c.reagents.HCl,
        percent(c.purity.organic),
        percent(c.purity.aqueous),
        c.kind ?? 'two-outlet',
        c.organicLoad ?? '',
        c.holdupIndex ?? '',
        m?.product ?? '',
        m?.drawStage ?? '',
        m?.drawFraction ?? '',
        m ? sum(m.flows) : '',
        m ? percent(m.purity) : '',
      ];
    }),
  };
}

/** Every three-outlet candidate: the pair, the screen, both plans' sizes and the decision. */
function candidateTable(candidates: readonly TrainThreeOutletCandidate[]): ReportTable {
  const blank = (x: number | null | undefined) => (x === undefined || x === null ? '' : x);
  return {
    name: 'three-outlet',
    title:
      'Three-outlet candidates: pairs of cuts making A | M | B that one cascade with a side draw could replace; ' +
      "sizes per mol of the pair's feed, screen floor = S_min × Fenske stages",
    columns: [
      'Middle product',
      'Cuts replaced',
      'Organic products',
      'Aqueous products',
      'Used',
      'Reason',
      'S_min (mol/mol feed)',
      'Fenske stages',
      'Screen floor S·(n + m)',
      'Pair stages',
      'Pair S (mol/mol feed)',
      'Pair S·(n + m)',
      'Three-outlet stages',
      'Three-outlet S (mol/mol feed)',
      'Three-outlet S·(n + m)',
      'Draw stage',
      'Saving, stages',
      'Saving, S·(n + m)',
      'Simulations',
      'Note',
    ],
    rows: candidates.map((k) => [
      k.middle,
      k.cuts.join(' + '),
      k.organicProducts.join(', '),
      k.aqueousProducts.join(', '),
      k.used ? 'yes' : 'no',
      k.reason,
      blank(k.screen?.minimumOrganicLoad),
      blank(k.screen?.fenske),
      blank(k.screen?.lowerBound),
      k.pair.stages,
      k.pair.organicLoad,
      k.pair.holdupIndex,
      blank(k.threeOutlet?.stages),
      blank(k.threeOutlet?.organicLoad),
      blank(k.threeOutlet?.holdupIndex),
      blank(k.threeOutlet?.design.draw.stage),
      blank(k.saving?.stages),
      blank(k.saving?.holdupIndex),
      k.simulations,
      k.note,
    ]),
  };
}

/** Products given their own purity in the request (a concentrate's), by name. */
function ownPurities(input: unknown): Map<string, number> {
  const products = field(input, 'products');
  const own = new Map<string, number>();
  for (const p of Array.isArray(products) ? products : []) {
    const name = field(p, 'name');
    const purity = field(p, 'purity');
    if (typeof name === 'string' && typeof purity === 'number') own.set(name, purity);
  }
  return own;
}

/** The report of a `train` run. */
export function trainReport(input: unknown, result: unknown): ReportParts {
  expectFields('train', result, ['system', 'cascades', 'products', 'totals', 'balanceError', 'rounds']);
  const t = result as SeparationTrain;
  const candidates = t.threeOutlet ?? [];
  const elements = [...new Set(t.cascades.flatMap((c) => Object.keys(c.feed)))];
  const feeds: ReportTable = {
    name: 'cut-feeds',
    title: 'Feed of each cascade (what the cascade before it delivered), mol/h',
    columns: ['Cut', 'Key pair (A/B)', ...elements.map((e) => `${e} (mol/h)`)],
    rows: t.cascades.map((c) => [c.index, c.cut, ...elements.map((e) => c.feed[e] ?? 0)]),
  };
  const productElements = [...new Set(t.products.flatMap((p) => Object.keys(p.flows)))];
  const products: ReportTable = {
    name: 'products',
    title: 'Products of the train',
    columns: [
      'Product',
      'Elements',
      'Total (mol/h)',
      'Purity (%)',
      'Recovery (%)',
      ...productElements.map((e) => `${e} (mol/h)`),
    ],
    rows: t.products.map((p) => [
      p.name,
      p.elements.join(', '),
      sum(p.flows),
      percent(p.purity),
      percent(p.recovery),
      ...productElements.map((e) => p.flows[e] ?? 0),
    ]),
  };
  const used = candidates.filter((k) => k.used);
  const kpis: Kpi[] = [
    kpi('Extractant system', t.system),
    kpi('Cuts', t.cascades.length),
    kpi('Three-outlet cascades', used.length),
    kpi('Total stages (extraction + scrub + strip)', t.totals.stages),
    kpi('Strip stages', t.totals.stripStages),
    kpi('Simulations run', t.simulations),
    kpi('Solvent inventory', t.totals.solventInventory, 'm³'),
    kpi('NaOH (saponification)', kgPerHour('NaOH', t.totals.NaOH), 'kg/h'),
    kpi(
      'NaOH (saponification), per year',
      (kgPerHour('NaOH', t.totals.NaOH) * HOURS_PER_YEAR) / 1000,
      't/yr',
    ),
    kpi('HCl (stripping)', kgPerHour('HCl', t.totals.HCl), 'kg/h'),
    kpi('HCl (stripping), per year', (kgPerHour('HCl', t.totals.HCl) * HOURS_PER_YEAR) / 1000, 't/yr'),
  ];
  for (const p of t.products) {
    kpis.push(kpi(`${p.name} purity`, percent(p.purity), '%'));
    kpis.push(kpi(`${p.name} recovery`, percent(p.recovery), '%'));
  }
  const requested = field(input, 'purity');
  const target = typeof requested === 'number' ? requested : 0.999;
  const own = ownPurities(input);
  // A product's target: its own purity, else the train's for a single element (groups are not checked).
  const missed = t.products.filter((p) => {
    const need = own.get(p.name) ?? (p.elements.length === 1 ? target : undefined);
    return need !== undefined && p.purity < need;
  });
  const targets =
    `${formatValue(percent(target))} %` +
    (own.size > 0
      ? ` (${[...own].map(([name, x]) => `${name}: ${formatValue(percent(x))} %`).join(', ')})`
      : '');
  const notes = [
    missed.length === 0
      ? `Every product meets the purity target ${targets}.`
      : `Products below the purity target ${targets}: ${missed.map((p) => p.name).join(', ')}.`,
    `Design rounds: ${t.rounds}.`,
    feedUnitNote(field(input, 'unit')),
  ];
  if (candidates.length > 0)
    notes.push(
      `Three-outlet candidates: ${candidates.length}, used ${used.length}` +
        (used.length > 0
          ? ` (${used.map((k) => `${k.middle}: S·(n + m) ${formatValue(k.saving?.holdupIndex ?? 0)} less per mol of its pair's feed`).join('; ')}).`
          : '.'),
    );
  const unsolved = t.cascades.reduce((a, c) => a + c.design.unsolvedSimulations, 0);
  if (unsolved > 0) notes.push(`Stage searches: ${unsolved} simulations did not converge.`);
  const unconverged = t.cascades.filter((c) => !c.design.simulation.converged);
  if (unconverged.length > 0)
    notes.push(`Verifying simulations not converged: ${unconverged.map((c) => c.cut).join(', ')}.`);
  return {
    kpis,
    tables: [
      cascadeTable(t.cascades),
      products,
      feeds,
      ...(candidates.length > 0 ? [candidateTable(candidates)] : []),
    ],
    evidence: {
      converged: unconverged.length === 0,
      scope: 'the verifying simulation of every cascade',
      balanceResidual: t.balanceError,
      iterations: t.rounds,
      notes,
    },
  };
}
