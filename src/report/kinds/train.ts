/**
 * Report of a separation train ({@link SeparationTrain}): one row per cut (stages, flows, solvent
 * inventory, reagents, purities), the products, and the feed each cut received. Amounts in mol/h, volumes
 * in L/h, inventory in m³ (the train's units); reagents also in kg/h from their molar masses.
 */
import { REAGENT_MOLAR_MASS } from '../../chemistry/reagents.js';
import type { SeparationTrain } from '../../sx/design/separationTrain.js';
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

/** kg/h of a reagent from mol/h (g/mol × mol/h / 1000). */
function kgPerHour(reagent: 'NaOH' | 'HCl', molPerHour: number): number {
  return (REAGENT_MOLAR_MASS[reagent] * molPerHour) / 1000;
}

/** The report of a `train` run. */
export function trainReport(input: unknown, result: unknown): ReportParts {
  expectFields('train', result, ['system', 'cascades', 'products', 'totals', 'balanceError', 'rounds']);
  const t = result as SeparationTrain;
  const cuts: ReportTable = {
    name: 'cuts',
    title:
      'Cuts in design order: stages, flows, solvent inventory (all sections), reagents and group purities',
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
    ],
    rows: t.cascades.map((c) => [
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
    ]),
  };
  const elements = [...new Set(t.cascades.flatMap((c) => Object.keys(c.feed)))];
  const feeds: ReportTable = {
    name: 'cut-feeds',
    title: 'Feed of each cut (what the cut before it delivered), mol/h',
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
  const kpis: Kpi[] = [
    kpi('Extractant system', t.system),
    kpi('Cuts', t.cascades.length),
    kpi('Total stages (extraction + scrub + strip)', t.totals.stages),
    kpi('Strip stages', t.totals.stripStages),
    kpi('Simulations run', t.simulations),
    kpi('Solvent inventory', t.totals.solventInventory, 'm³'),
    kpi('NaOH (saponification)', kgPerHour('NaOH', t.totals.NaOH), 'kg/h'),
    kpi('HCl (stripping)', kgPerHour('HCl', t.totals.HCl), 'kg/h'),
  ];
  for (const p of t.products) {
    kpis.push(kpi(`${p.name} purity`, percent(p.purity), '%'));
    kpis.push(kpi(`${p.name} recovery`, percent(p.recovery), '%'));
  }
  const requested = field(input, 'purity');
  const target = typeof requested === 'number' ? requested : 0.999;
  const missed = t.products.filter((p) => p.purity < target);
  const notes = [
    missed.length === 0
      ? `Every product meets the purity target ${formatValue(percent(target))} %.`
      : `Products below the purity target ${formatValue(percent(target))} %: ${missed.map((p) => p.name).join(', ')}.`,
    `Design rounds: ${t.rounds}.`,
  ];
  const unsolved = t.cascades.reduce((a, c) => a + c.design.unsolvedSimulations, 0);
  if (unsolved > 0) notes.push(`Stage searches: ${unsolved} simulations did not converge.`);
  const unconverged = t.cascades.filter((c) => !c.design.simulation.converged);
  if (unconverged.length > 0)
    notes.push(`Verifying simulations not converged: ${unconverged.map((c) => c.cut).join(', ')}.`);
  return {
    kpis,
    tables: [cuts, products, feeds],
    evidence: {
      converged: unconverged.length === 0,
      scope: 'the verifying simulation of every cut',
      balanceResidual: t.balanceError,
      iterations: t.rounds,
      notes,
    },
  };
}
