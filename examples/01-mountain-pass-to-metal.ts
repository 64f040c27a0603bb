// Example 1: Mountain Pass ore to a mixed rare-earth oxide and to mischmetal.
//
// Route: open-pit ore (MP 10-K grade, CH06 distribution) -> rougher/cleaner froth flotation with the
// cleaner tailings recycled to the rougher -> dilute HCl leach of calcite -> sulfuric-acid bake and water
// leach -> oxalate precipitation -> calcination (mixed REO) -> half of the oxide to molten-salt
// electrolysis (mischmetal). The flotation recoveries are set so the closed circuit gives about the
// published ~60 % REO concentrate at ~65-70 % recovery (JOR13).
//
// Run: npm run demo        (output committed beside this file and checked by a test)
import {
  type FlowsheetSpec,
  formatNumber,
  formatPercent,
  type RareEarth,
  simulateFlowsheet,
  textTable,
} from '../src/index.js';

/** Ore rate chosen so the concentrate carries ~45 kt REO/yr, MP's 2024 figure (45,455 t, MP10K). */
const ORE_RATE = 130; // t/h dry

export const mountainPass: FlowsheetSpec = {
  name: 'Mountain Pass ore to mixed REO and mischmetal',
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
      id: 'oxideSplit',
      unit: 'splitter',
      params: { fraction: 0.5 },
      inlets: { feed: 'calcinedOxide' },
      outlets: { first: 'mixedOxide', second: 'cellFeed' },
    },
    {
      id: 'electrolysis',
      unit: 'electrolysis',
      inlets: { feed: 'cellFeed' },
      outlets: { metal: 'mischmetal', salt: 'cellSalt', unreduced: 'unreducedOxide' },
    },
  ],
  products: ['mixedOxide', 'mischmetal'],
  residues: ['flotationTails', 'calciteLiquor', 'bakeResidue', 'barrenLiquor', 'cellSalt'],
};

export function report(): string {
  const plant = simulateFlowsheet(mountainPass);
  const { kpis } = plant;
  const out: string[] = [`# ${plant.name}`, ''];

  const elements: RareEarth[] = ['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd', 'Y'];
  out.push('Recovery of each element from ore (fraction of what the mine delivers):');
  out.push(
    textTable(
      ['element', 'mixedOxide', 'mischmetal', 'both'],
      [...elements, 'Th' as const].map((el) => {
        const [oxide, metal] = ['mixedOxide', 'mischmetal'].map((p) => kpis.products[p]?.recovery[el] ?? 0);
        return [
          el,
          formatPercent(oxide ?? 0),
          formatPercent(metal ?? 0),
          formatPercent((oxide ?? 0) + (metal ?? 0)),
        ];
      }),
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
  const mischmetal = plant.streams.mischmetal;
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
  if (mischmetal) {
    out.push('RE content: TREO / dry mass for oxide, rare-earth metal / total metal for mischmetal.');
  }
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
