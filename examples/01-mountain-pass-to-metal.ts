// Example 1: Mountain Pass ore to NdPr oxide and NdPr metal, as MP Materials runs it.
//
// Route: open-pit ore (MP 10-K grade, CH06 distribution, calcite as CaO) -> rougher/cleaner froth flotation
// with the cleaner tailings recycled to the rougher (JOR13: ~60 % REO concentrate at ~65-70 % recovery) ->
// oxidising roast and HCl leach: Ce(IV) stays in the leach residue with Th, so cerium is rejected at the front
// end (ADAMAS22; GK05) and the calcite's Ca takes its acid -> impurity removal by partial neutralisation
// (Th, Fe, Al hydroxides, ~1 % of the rare earths with them) -> a P507 solvent-extraction train (Sm/Nd: the
// SEG product; Pr/Ce: NdPr in the organic, La with the little Ce left in the raffinate; each cut designed by
// Xu's theory and verified stage by stage) -> oxalate and calcination of the NdPr strip liquor -> molten-salt
// electrolysis of half the NdPr oxide to NdPr metal. Every product reports its Th and U (ppm, Bq/g).
//
// Run: npm run demo        (output committed beside this file and checked by a test)
import { productRadioactivity } from '../src/entries/chemistry.js';
import { formatNumber, formatPercent, textTable } from '../src/entries/report.js';
import { amount, total } from '../src/entries/streams.js';
import { type BlockSpec, type FlowsheetSpec, simulateFlowsheet } from '../src/index.js';

/** Ore rate chosen so the concentrate carries ~45 kt REO/yr, MP's 2024 figure (45,455 t, MP10K). */
const ORE_RATE = 130; // t/h dry

/** One SX cut of the train with P507: key pair and group purity targets (organic side, raffinate side). */
function cut(
  id: string,
  keys: { A: string; B: string },
  purity: [number, number],
  feed: string,
  raffinate: string,
  product: string,
) {
  return {
    id,
    unit: 'solvent-extraction',
    params: { system: 'P507', keys, purity: { organic: purity[0], aqueous: purity[1] } },
    inlets: { feed },
    outlets: { raffinate, product },
  };
}

/** Oxalate precipitation and calcination of a strip liquor to its oxide. */
function toOxide(id: string, liquor: string, oxide: string): BlockSpec[] {
  return [
    {
      id: `${id}Oxalate`,
      unit: 'precipitation',
      params: { reagent: 'oxalate' },
      inlets: { liquor },
      outlets: { precipitate: `${id}Cake`, filtrate: `${id}Filtrate` },
    },
    {
      id: `${id}Calciner`,
      unit: 'calcination',
      inlets: { feed: `${id}Cake` },
      outlets: { oxide, offgas: `${id}Offgas` },
    },
  ];
}

export const mountainPass: FlowsheetSpec = {
  name: 'Mountain Pass ore to NdPr oxide and NdPr metal (Ce rejected at the front end)',
  blocks: [
    {
      id: 'mine',
      unit: 'mine',
      params: { deposit: 'mountain-pass', oreRate: ORE_RATE },
      outlets: { ore: 'ore' },
    },
    {
      id: 'rougher',
      unit: 'beneficiation',
      params: { method: 'flotation', recovery: 0.72, concentrateGrade: 0.3 },
      inlets: { feed: ['ore', 'cleanerTails'] },
      outlets: { concentrate: 'roughConc', tailings: 'flotationTails' },
    },
    {
      id: 'cleaner',
      unit: 'beneficiation',
      params: { method: 'flotation', recovery: 0.82, concentrateGrade: 0.6, energyPerTonne: 5 },
      inlets: { feed: 'roughConc' },
      outlets: { concentrate: 'concentrate', tailings: 'cleanerTails' },
    },
    {
      // Oxidising roast, then HCl: CeO2 and Th stay in the residue (the cerium concentrate).
      id: 'roastLeach',
      unit: 'hcl-leach',
      params: { mode: 'dissolve', oxidisingRoast: true },
      inlets: { feed: 'concentrate' },
      outlets: { liquor: 'chlorideLiquor', residue: 'ceriumConcentrate' },
    },
    {
      // Partial neutralisation (pH ~4.5) before SX: Th(OH)4, Fe(OH)3 and Al(OH)3 come down, ~1 % of the rare
      // earths with them, Ca stays in solution (fractions assumed).
      id: 'purify',
      unit: 'precipitation',
      params: { reagent: 'carbonate', efficiency: 0.01, elementEfficiency: { Ca: 0 } },
      inlets: { liquor: 'chlorideLiquor' },
      outlets: { precipitate: 'impurityCake', filtrate: 'purifiedLiquor' },
    },
    // The SX train (P507): the easy Sm/Nd cut first (Sm+ must stay out of the NdPr), then Pr/Ce, which puts
    // NdPr in the organic and La, with the Ce the roast left soluble, in the raffinate.
    cut('smNd', { A: 'Sm', B: 'Nd' }, [0.999, 0.99999], 'purifiedLiquor', 'lightLiquor', 'segLiquor'),
    cut('prCe', { A: 'Pr', B: 'Ce' }, [0.99995, 0.9999], 'lightLiquor', 'laChloride', 'ndprLiquor'),
    ...toOxide('ndpr', 'ndprLiquor', 'ndprOxideAll'),
    {
      id: 'ndprOxideSplit',
      unit: 'splitter',
      params: { fraction: 0.5 },
      inlets: { feed: 'ndprOxideAll' },
      outlets: { first: 'ndprOxide', second: 'cellFeed' },
    },
    {
      id: 'electrolysis',
      unit: 'electrolysis',
      inlets: { feed: 'cellFeed' },
      outlets: { metal: 'ndprMetal', salt: 'cellSalt', unreduced: 'unreducedOxide' },
    },
  ],
  products: ['ndprOxide', 'ndprMetal', 'laChloride', 'segLiquor'],
  residues: ['flotationTails', 'ceriumConcentrate', 'impurityCake', 'ndprFiltrate', 'cellSalt'],
};

export function report(): string {
  const plant = simulateFlowsheet(mountainPass);
  const { kpis } = plant;
  const out: string[] = [`# ${plant.name}`, ''];

  const outputs = ['ndprOxide', 'ndprMetal', 'laChloride', 'segLiquor'];
  out.push('Recovery of each element from ore (fraction of what the mine delivers):');
  out.push(
    textTable(
      ['element', ...outputs],
      (['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Th'] as const).map((el) => [
        el,
        ...outputs.map((p) => formatPercent(kpis.products[p]?.recovery[el] ?? 0)),
      ]),
    ),
  );
  out.push('');

  const flotation = plant.reports.cleaner?.figures;
  out.push(`Flotation concentrate: ${formatPercent(flotation?.concentrateGrade ?? 0)} TREO`);
  out.push('');
  out.push(
    'Products (Th: ppm of the dry flow on its reporting basis, oxides, and the activity of Th-232, exempt below 1 Bq/g; the ore has no U assay):',
  );
  out.push(
    textTable(
      [
        'product',
        'form',
        'kg/h (dry)',
        't/yr',
        'RE content',
        'main RE',
        'main RE / all RE',
        'Th ppm',
        'Bq/g',
      ],
      Object.entries(kpis.products).map(([name, p]) => [
        name,
        p.form,
        formatNumber(p.total, 1),
        formatNumber((p.total * 8760) / 1000, 0),
        formatPercent(p.grade),
        p.principal?.element ?? '-',
        formatPercent(p.principal?.relative ?? 0),
        formatNumber(p.radioactivity.thoriumPpm, 1),
        formatNumber(Math.max(p.radioactivity.th232, p.radioactivity.u238), 3),
      ]),
    ),
  );
  out.push(
    'RE content: TREO / dry mass for oxides, RE / total metal for metal, RE / (RE + impurities) for liquors.',
  );
  // The rejected cerium: the leach residue, with the Th the roast kept insoluble.
  const ce = plant.streams.ceriumConcentrate;
  if (ce) {
    const dry = total(ce);
    const ra = productRadioactivity(amount(ce, 'Th'), amount(ce, 'U'), dry);
    out.push(
      `Cerium rejected at the front end (leach residue, a residue here): ${formatNumber(dry, 1)} kg/h dry, ` +
        `${formatPercent(amount(ce, 'Ce') / (kpis.input.Ce ?? Number.NaN))} of the Ce in the ore, ` +
        `Th ${formatNumber(ra.thoriumPpm, 0)} ppm = ${formatNumber(ra.th232, 2)} Bq/g of Th-232 (above the 1 Bq/g exemption: ${ra.aboveExemption})`,
    );
  }
  const ndpr = plant.streams.ndprOxide;
  if (ndpr) {
    const re = (['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd', 'Y'] as const).reduce(
      (a, e) => a + amount(ndpr, e),
      0,
    );
    out.push(
      `NdPr oxide: (Nd + Pr) / all RE = ${formatPercent((amount(ndpr, 'Nd') + amount(ndpr, 'Pr')) / re, 3)}`,
    );
  }
  out.push('');
  out.push('Solvent-extraction train (P507; verified stage-wise; inventory at 25 min organic per stage):');
  const cuts = { smNd: 'Sm/Nd', prCe: 'Pr/Ce' };
  out.push(
    textTable(
      ['cut', 'stages n + m', 'organic m³/h', 'inventory m³', 'NaOH t/yr', 'HCl t/yr', 'purity org / aq'],
      Object.entries(cuts).map(([id, label]) => {
        const r = plant.reports[id];
        const f = r?.figures ?? {};
        return [
          label,
          `${f.stagesExtraction} + ${f.stagesScrub}`,
          formatNumber(f.organicVolume ?? 0, 1),
          formatNumber(f.solventInventory ?? 0, 0),
          formatNumber(((r?.reagents.NaOH ?? 0) * 8760) / 1000, 0),
          formatNumber(((r?.reagents.HCl ?? 0) * 8760) / 1000, 0),
          `${formatPercent(f.purityOrganic ?? 0, 3)} / ${formatPercent(f.purityAqueous ?? 0, 3)}`,
        ];
      }),
    ),
  );
  const cell = plant.reports.electrolysis?.figures;
  if (cell) {
    out.push(
      `Electrolysis of NdPr oxide: ${formatNumber(cell.kwhPerKg ?? 0, 2)} kWh/kg at the default 12.8 V (the mid-point of the reported 8-11 kWh/kg DC use at 75 % current efficiency, ree-data 6.4), ${formatNumber(cell.cellsNeeded ?? 0, 0)} cells of 6 kA, ${formatNumber(cell.tonnesPerMonth ?? 0, 1)} t metal/month`,
    );
  }
  out.push('');

  out.push('Reagents (t/yr):');
  out.push(
    textTable(
      ['reagent', 't/yr'],
      Object.entries(kpis.reagents)
        .filter(([, kg]) => kg > 0)
        .map(([name, kg]) => [name, formatNumber((kg * 8760) / 1000, 0)]),
    ),
  );
  out.push('');
  out.push(`Energy: ${formatNumber(kpis.energy, 0)} kW in all, by block:`);
  out.push(
    textTable(
      ['block', 'kW'],
      Object.entries(kpis.energyByBlock).map(([id, kw]) => [id, formatNumber(kw, 0)]),
    ),
  );
  out.push('');
  for (const [name, fate] of [
    ['Th', kpis.thorium],
    ['U', kpis.uranium],
  ] as const) {
    out.push(
      `${name}: ${formatNumber(fate.input, 4)} kg/h in ore; ${formatPercent(fate.fractionToResidues)} to residues, ${formatNumber(fate.toProducts, 4)} kg/h in products`,
    );
  }
  out.push('');
  const loop = plant.recycles[0];
  if (loop) {
    out.push(
      `Flotation recycle (tear ${loop.tears.join(', ')}): converged ${loop.converged} in ${loop.iterations} iterations (${loop.method}), residual ${loop.residual.toExponential(1)}`,
    );
  }
  out.push(
    `Overall species balance residual: ${plant.balance.residual.toExponential(1)} (relative; limit 1e-9)`,
  );
  return out.join('\n');
}

if (process.argv[1]?.endsWith('01-mountain-pass-to-metal.ts')) console.log(report());
