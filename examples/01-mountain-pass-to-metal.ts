// Example 1: Mountain Pass ore to NdPr oxide, separated Nd and Pr oxides and Nd metal.
//
// Route: open-pit ore (MP 10-K grade, CH06 distribution) -> rougher/cleaner froth flotation with the
// cleaner tailings recycled to the rougher -> dilute HCl leach of calcite -> sulfuric-acid bake and water
// leach -> oxalate precipitation and calcination (mixed REO) -> HCl dissolution -> a P507 solvent-extraction
// train (Sm/Nd, Pr/Ce, Ce/La, Nd/Pr; each cut designed by Xu's theory and verified stage by stage) -> oxalate
// and calcination of the didymium, Pr and Nd strip liquors -> molten-salt electrolysis of part of the Nd
// oxide. The flotation recoveries are set so the closed circuit gives about the published ~60 % REO
// concentrate at ~65-70 % recovery (JOR13).
//
// Run: npm run demo        (output committed beside this file and checked by a test)
import {
  amount,
  type BlockSpec,
  type FlowsheetSpec,
  formatNumber,
  formatPercent,
  simulateFlowsheet,
  textTable,
} from '../src/index.js';

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
  name: 'Mountain Pass ore to NdPr oxide, separated oxides and Nd metal',
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
      id: 'calciteLeach',
      unit: 'hcl-leach',
      params: { mode: 'gangue' },
      inlets: { feed: 'concentrate' },
      outlets: { residue: 'leachedConcentrate', liquor: 'calciteLiquor' },
    },
    {
      id: 'acidBake',
      unit: 'sulfuric-acid-bake',
      params: { temperature: 'high' },
      inlets: { feed: 'leachedConcentrate' },
      outlets: { liquor: 'sulfateLiquor', residue: 'bakeResidue', offgas: 'bakeOffgas' },
    },
    {
      id: 'oxalate',
      unit: 'precipitation',
      params: { reagent: 'oxalate' },
      inlets: { liquor: 'sulfateLiquor' },
      outlets: { precipitate: 'oxalateCake', filtrate: 'barrenLiquor' },
    },
    {
      id: 'calciner',
      unit: 'calcination',
      inlets: { feed: 'oxalateCake' },
      outlets: { oxide: 'calcinedOxide', offgas: 'calcinerOffgas' },
    },
    {
      id: 'reoDissolve',
      unit: 'hcl-leach',
      params: { mode: 'dissolve' },
      inlets: { feed: 'calcinedOxide' },
      outlets: { liquor: 'chlorideLiquor', residue: 'dissolveResidue' },
    },
    // The SX train (P507): the easy Sm/Nd cut first, then Pr/Ce, Ce/La and Nd/Pr. Group purity counts
    // every species of a side as wanted, so a cut upstream must keep out what the downstream products cannot
    // hold: Sm+ must stay out of the light liquor (it would end in the Nd), Ce out of the didymium (Pr).
    cut('smNd', { A: 'Sm', B: 'Nd' }, [0.999, 0.99999], 'chlorideLiquor', 'lightLiquor', 'segLiquor'),
    cut('prCe', { A: 'Pr', B: 'Ce' }, [0.99995, 0.9999], 'lightLiquor', 'laCeLiquor', 'didymiumLiquor'),
    cut('ceLa', { A: 'Ce', B: 'La' }, [0.9995, 0.9995], 'laCeLiquor', 'laChloride', 'ceChloride'),
    {
      id: 'didymiumSplit',
      unit: 'splitter',
      params: { fraction: 0.4 },
      inlets: { feed: 'didymiumLiquor' },
      outlets: { first: 'ndprLiquor', second: 'prNdFeed' },
    },
    cut('ndPr', { A: 'Nd', B: 'Pr' }, [0.9995, 0.9995], 'prNdFeed', 'prLiquor', 'ndLiquor'),
    ...toOxide('ndpr', 'ndprLiquor', 'ndprOxide'),
    ...toOxide('pr', 'prLiquor', 'prOxide'),
    ...toOxide('nd', 'ndLiquor', 'ndOxideAll'),
    {
      id: 'ndOxideSplit',
      unit: 'splitter',
      params: { fraction: 0.5 },
      inlets: { feed: 'ndOxideAll' },
      outlets: { first: 'ndOxide', second: 'cellFeed' },
    },
    {
      id: 'electrolysis',
      unit: 'electrolysis',
      inlets: { feed: 'cellFeed' },
      outlets: { metal: 'ndMetal', salt: 'cellSalt', unreduced: 'unreducedOxide' },
    },
  ],
  products: ['ndprOxide', 'prOxide', 'ndOxide', 'ndMetal', 'laChloride', 'ceChloride', 'segLiquor'],
  residues: [
    'flotationTails',
    'calciteLiquor',
    'bakeResidue',
    'barrenLiquor',
    'dissolveResidue',
    'ndprFiltrate',
    'prFiltrate',
    'ndFiltrate',
    'cellSalt',
  ],
};

export function report(): string {
  const plant = simulateFlowsheet(mountainPass);
  const { kpis } = plant;
  const out: string[] = [`# ${plant.name}`, ''];

  const outputs = ['ndprOxide', 'prOxide', 'ndOxide', 'ndMetal', 'laChloride', 'ceChloride'];
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
  const upgrade = plant.reports.calciteLeach?.figures;
  out.push(
    `Flotation concentrate: ${formatPercent(flotation?.concentrateGrade ?? 0)} TREO; after the calcite leach: ${formatPercent(upgrade?.residueGrade ?? 0)} TREO`,
  );
  out.push('');
  out.push('Products:');
  out.push(
    textTable(
      ['product', 'form', 'kg/h (dry)', 't/yr', 'RE content', 'main RE', 'main RE / all RE'],
      Object.entries(kpis.products).map(([name, p]) => [
        name,
        p.form,
        formatNumber(p.total, 1),
        formatNumber((p.total * 8760) / 1000, 0),
        formatPercent(p.grade),
        p.principal?.element ?? '-',
        formatPercent(p.principal?.relative ?? 0),
      ]),
    ),
  );
  out.push(
    'RE content: TREO / dry mass for oxides, RE / total metal for metal, RE / (RE + impurities) for liquors.',
  );
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
  const cuts = { smNd: 'Sm/Nd', prCe: 'Pr/Ce', ceLa: 'Ce/La', ndPr: 'Nd/Pr' };
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
      `Electrolysis: ${formatNumber(cell.kwhPerKg ?? 0, 2)} kWh/kg, ${formatNumber(cell.cellsNeeded ?? 0, 0)} cells of 6 kA, ${formatNumber(cell.tonnesPerMonth ?? 0, 1)} t metal/month`,
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
