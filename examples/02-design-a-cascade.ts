// Example 2: design a Pr/Nd (didymium) split with P507, and verify it stage by stage.
//
// Question: how many mixer-settlers, how much organic and how much reagent does it take to split the
// didymium of Mountain Pass's concentrate into 99.9 % Nd (organic product) and 99.9 % Pr (raffinate)?
//
// Feed: the Pr and Nd of MP's 2024 concentrate, 45,455 t REO/yr (ree-data 4.4), at the CH06 Mountain
// Pass distribution (Pr6O11 4.34 %, Nd2O3 12.0 % of TREO, ree-data 5.1), as a 1.0 mol/L chloride
// solution (ree-data 2.6). Extractant: P507, β(Nd/Pr) = 1.5 and 0.18 mol/L loading (ree-data 2.2, 2.6).
// Method: Xu's optimum flows and closed forms (ree-data §3), a McCabe–Thiele staircase, then the
// smallest stage counts whose stage-wise simulation meets both purities (designCascade).
// Assumed: 25 min of organic hold-up per stage (mixing 3-5 min + settler 15-30 min, ree-data 4.2).
//
// Run: npx tsx examples/02-design-a-cascade.ts   (output committed beside this file and checked by a test)
import { depositDistribution, oxideMassPerMole, REAGENT_MOLAR_MASS } from '../src/entries/chemistry.js';
import { formatNumber, formatPercent, textTable } from '../src/entries/report.js';
import { designCascade, separationFactorModel } from '../src/index.js';

/** MP 2024 concentrate, t REO per year (ree-data 4.4, MP FY2024 results). */
const CONCENTRATE_REO = 45_455;
/** Organic hold-up per stage, hours (assumed, ree-data 4.2). */
const RESIDENCE = 25 / 60;
const HOURS = 8760;

export function report(): string {
  // Feed, kmol/h of each element: kg/h of oxide over kg oxide per kmol of element.
  const share = depositDistribution('mountain-pass');
  const reoPerHour = (CONCENTRATE_REO * 1000) / HOURS; // kg/h
  const feed = {
    Pr: (reoPerHour * (share.Pr ?? 0)) / oxideMassPerMole('Pr'),
    Nd: (reoPerHour * (share.Nd ?? 0)) / oxideMassPerMole('Nd'),
  };
  const F = feed.Pr + feed.Nd;
  const d = designCascade({
    feed,
    equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
    purity: { organic: 0.999, aqueous: 0.999 },
    feedVolume: F, // m3/h at 1.0 kmol/m3 (= mol/L)
  });
  const out: string[] = ['# Pr/Nd split with P507: design and stage-wise verification', ''];

  out.push(
    `Feed: ${formatNumber(F, 3)} kmol/h RE (${formatNumber(feed.Pr, 3)} Pr + ${formatNumber(feed.Nd, 3)} Nd, ` +
      `Nd fraction ${formatNumber(d.fA, 4)}), ${formatNumber(d.flows.feedVolume, 3)} m3/h at 1.0 mol/L`,
  );
  out.push(`Cut: ${d.keys.A} (organic) / ${d.keys.B} (raffinate), β = ${d.beta.extraction}`);
  out.push('');

  out.push("Xu's flows (per mol RE fed):");
  out.push(
    textTable(
      ['quantity', 'value'],
      [
        ['controlling section', d.controllingSection],
        ['E_M (extraction)', formatNumber(d.extractionRatio.extraction, 4)],
        ["E'_M (scrub)", formatNumber(d.extractionRatio.scrub, 4)],
        ['S, organic load', formatNumber(d.organicLoad, 3)],
        ['W, scrub reflux', formatNumber(d.scrubLoad, 3)],
        [
          'S_min, W_min (pure products)',
          `${formatNumber(d.shortcut.minimum.S, 3)}, ${formatNumber(d.shortcut.minimum.W, 3)}`,
        ],
        ["f'_A to the organic product", formatNumber(d.split.organic, 4)],
      ],
    ),
  );
  out.push('');

  out.push('Stages (extraction + scrub):');
  out.push(
    textTable(
      ['method', 'extraction', 'scrub', 'total'],
      [
        ['Fenske (total reflux)', '-', '-', formatNumber(d.shortcut.fenske, 1)],
        [
          "Xu's closed forms",
          formatNumber(d.shortcut.extraction, 1),
          formatNumber(d.shortcut.scrub, 1),
          formatNumber(d.shortcut.total, 1),
        ],
        [
          'McCabe-Thiele steps',
          `${d.stepped.extraction}`,
          `${d.stepped.scrub}`,
          `${d.stepped.extraction + d.stepped.scrub}`,
        ],
        ['verified (simulation)', `${d.stages.extraction}`, `${d.stages.scrub}`, `${d.stages.total}`],
      ],
    ),
  );
  out.push(`Search: ${d.simulations} simulations (${d.unsolvedSimulations} unsolved)`);
  out.push('');

  const inventory = d.flows.organicVolume * RESIDENCE * d.stages.total;
  out.push('Flows and inventory:');
  out.push(
    textTable(
      ['stream', 'value'],
      [
        ['organic (0.18 mol/L loaded)', `${formatNumber(d.flows.organicVolume, 2)} m3/h`],
        [
          'scrub liquor (product reflux)',
          `${formatNumber(d.flows.scrubVolume, 2)} m3/h, ${formatNumber(d.flows.reflux, 3)} kmol/h RE`,
        ],
        [
          'O/A extraction, scrub',
          `${formatNumber(d.flows.phaseRatio.extraction, 2)}, ${formatNumber(d.flows.phaseRatio.scrub, 2)}`,
        ],
        [
          'solvent inventory',
          `${formatNumber(inventory, 0)} m3 (25 min per stage x ${d.stages.total} stages)`,
        ],
      ],
    ),
  );
  out.push('');

  const base = d.reagents.saponificationBase;
  const acid = d.reagents.stripAcid;
  out.push('Reagents (3 mol per mol RE moved into and out of the organic):');
  out.push(
    textTable(
      ['reagent', 'kmol/h', 't/yr'],
      [
        [
          'NaOH (saponification)',
          formatNumber(base, 2),
          formatNumber((base * REAGENT_MOLAR_MASS.NaOH * HOURS) / 1000, 0),
        ],
        [
          'HCl (strip)',
          formatNumber(acid, 2),
          formatNumber((acid * REAGENT_MOLAR_MASS.HCl * HOURS) / 1000, 0),
        ],
      ],
    ),
  );
  out.push('');

  const sim = d.simulation;
  out.push('Verifying simulation:');
  out.push(
    textTable(
      ['outlet', 'kmol/h', 'Nd', 'Pr', 'recovery'],
      [
        [
          'organic product',
          formatNumber(d.flows.product, 3),
          formatPercent(sim.product.purity.Nd ?? 0, 3),
          formatPercent(sim.product.purity.Pr ?? 0, 3),
          `${formatPercent(d.recovery.organic, 2)} of Nd`,
        ],
        [
          'raffinate',
          formatNumber(d.flows.raffinate, 3),
          formatPercent(sim.raffinate.purity.Nd ?? 0, 3),
          formatPercent(sim.raffinate.purity.Pr ?? 0, 3),
          `${formatPercent(d.recovery.aqueous, 2)} of Pr`,
        ],
      ],
    ),
  );
  // Solver details (iterations, the exact residual) are left out: they change with solver work, not the design.
  out.push(
    `converged: ${sim.converged}; stage residual <= 1e-12: ${sim.residual <= 1e-12}; ` +
      `balance error <= 1e-9: ${sim.balanceError <= 1e-9}`,
  );
  out.push('');

  const steps = d.mcCabeThiele.steps;
  out.push(`McCabe-Thiele staircase (Nd fraction; feed stage ${steps.feedStage}; every 5th stage):`);
  const rows = steps.aqueous
    .map((x, i) => ({ stage: i + 1, x, y: steps.organic[i] ?? 0 }))
    .filter(
      (s) => s.stage === 1 || s.stage % 5 === 0 || s.stage === steps.feedStage || s.stage === steps.stages,
    );
  out.push(
    textTable(
      ['stage', 'section', 'aqueous x', 'organic y'],
      rows.map((s) => [
        `${s.stage}`,
        s.stage <= steps.feedStage ? 'extraction' : 'scrub',
        formatNumber(s.x, 5),
        formatNumber(s.y, 5),
      ]),
    ),
  );
  return out.join('\n');
}

if (process.argv[1]?.endsWith('02-design-a-cascade.ts')) console.log(report());
