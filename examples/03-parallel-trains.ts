// Example 3: the parallelization study. How do you raise the output of a Pr/Nd line by k at fixed purity?
//
// Base: example 2's line: the Pr and Nd of Mountain Pass's 2024 concentrate (45,455 t REO/yr, ree-data
// 4.4, CH06 distribution, ree-data 5.1) as 1.0 mol/L chloride, split with P507 (β Nd/Pr 1.5, 0.18 mol/L
// loading, ree-data 2.2, 2.6) into 99.9 % Nd (organic product) and 99.9 % Pr (raffinate) by designCascade.
// Ways to raise the output (the a-e), each measured by the models (evaluateLine):
//   (a) k copies of the base train; (b) one train, k x every flow, k x larger mixer-settlers;
//   (c) the base's stages split into k shorter trains, each fed the base feed; (d) one train at the base
//   organic flow with more feed and more stages (the reflux falls); (e) a better extractant (β 1.7, 2.0).
// Assumed: residence 5 min mixer + 20 min settler per phase and stage (ree-data 4.2); start-up from
// 'feed', steady once every outlet flow stays within 1e-3 of its outlet's steady total (10 h samples);
// capital index = sum over mixer-settlers of volume^0.6 (six-tenths rule), relative to the base line.
// Monte Carlo: β x U[0.9, 1.1], feed Nd fraction +-0.02, Murphree 0.85-1 (organic); flows fixed as
// designed except the product draw, set to the target split of the actual feed; seed 'parallel-trains'.
//
// Run: npx tsx examples/03-parallel-trains.ts   (output committed beside this file and checked by a test)
import {
  baseLine,
  betterExtractantTrain,
  depositDistribution,
  designBaseLine,
  evaluateLine,
  fixedOrganicTrain,
  formatNumber,
  formatPercent,
  type LineMetrics,
  type LineOption,
  largerTrain,
  organicCeiling,
  oxideMassPerMole,
  parallelTrains,
  purityRisk,
  separationFactorModel,
  splitTrains,
  textTable,
  withStageMargin,
} from '../src/index.js';

/** MP 2024 concentrate, t REO per year (ree-data 4.4). */
const CONCENTRATE_REO = 45_455;
const HOURS = 8760;
/** Monte Carlo runs per line and the seed. */
const RUNS = 200;
const SEED = 'parallel-trains';

export function report(): string {
  const share = depositDistribution('mountain-pass');
  const reoPerHour = (CONCENTRATE_REO * 1000) / HOURS; // kg/h
  const feed = {
    Pr: (reoPerHour * (share.Pr ?? 0)) / oxideMassPerMole('Pr'),
    Nd: (reoPerHour * (share.Nd ?? 0)) / oxideMassPerMole('Nd'),
  };
  const F = feed.Pr + feed.Nd;
  const base = designBaseLine({
    feed,
    feedVolume: F, // m3/h at 1.0 kmol/m3
    equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
    purity: { organic: 0.999, aqueous: 0.999 },
  });
  const ref = evaluateLine(baseLine(base));
  const lines: LineMetrics[] = [ref];
  for (const k of [2, 4]) {
    lines.push(evaluateLine(parallelTrains(base, k)));
    lines.push(evaluateLine(largerTrain(base, k)));
    lines.push(evaluateLine(splitTrains(base, k)));
  }
  const ceiling = organicCeiling(base);
  lines.push(evaluateLine(fixedOrganicTrain(base, 1.25)), evaluateLine(fixedOrganicTrain(base, 1.4)));
  const better = [1.7, 2].map((beta) => betterExtractantTrain(base, beta, 2));
  lines.push(...better.map((o) => evaluateLine(o)));

  const out: string[] = [
    '# Raising a Pr/Nd line (P507, 99.9 % / 99.9 %) by k: five ways, from the models',
    '',
  ];
  const d = base.design;
  out.push(
    `Base train: feed ${formatNumber(F, 3)} kmol/h RE (Nd fraction ${formatNumber(d.fA, 4)}), ` +
      `${d.stages.extraction} + ${d.stages.scrub} stages, S = ${formatNumber(d.organicLoad, 3)}, ` +
      `W = ${formatNumber(d.scrubLoad, 3)} mol per mol feed, organic ${formatNumber(d.flows.organicVolume, 2)} m3/h`,
  );
  out.push('');

  const t = (x: number) => formatNumber((x * HOURS) / 1000, 0); // kg/h -> t/yr
  out.push(
    'Products (t/yr as Nd2O3 and Pr6O11; purity and recovery of Nd in the organic, Pr in the raffinate):',
  );
  out.push(
    textTable(
      [
        'line',
        'trains x stages',
        'Nd2O3',
        'Pr6O11',
        'Nd purity',
        'Pr purity',
        'Nd rec.',
        'Pr rec.',
        '99.9 %',
      ],
      lines.map((m) => [
        m.label,
        `${m.trains} x ${m.stages.extraction}+${m.stages.scrub}`,
        t(m.outputOxide.organic),
        t(m.outputOxide.aqueous),
        formatPercent(m.purity.organic, 3),
        formatPercent(m.purity.aqueous, 3),
        formatPercent(m.recovery.organic, 2),
        formatPercent(m.recovery.aqueous, 2),
        m.meetsTarget ? 'yes' : 'no',
      ]),
    ),
  );
  out.push('');

  const steady = (m: LineMetrics) =>
    m.timeToSteadyState === undefined ? '> 20000' : formatNumber(m.timeToSteadyState, 0);
  out.push('Costs (output relative to the base; reagents per tonne of both oxide products):');
  out.push(
    textTable(
      [
        'line',
        'output',
        'stages',
        'mixer-settler m3',
        'capital idx',
        'solvent m3',
        'NaOH t/t',
        'HCl t/t',
        'start-up h',
      ],
      lines.map((m) => [
        m.label,
        `${formatNumber(m.output.organic / ref.output.organic, 2)}x`,
        `${m.stageCount}`,
        formatNumber(m.equipmentVolume, 0),
        formatNumber(m.capitalIndex / ref.capitalIndex, 2),
        formatNumber(m.solventInventory, 0),
        formatNumber(m.reagentsPerProduct.NaOH, 2),
        formatNumber(m.reagentsPerProduct.HCl, 2),
        steady(m),
      ]),
    ),
  );
  out.push(
    `(d) ceiling: at the base organic flow the feed can rise at most S/S_pinch = ${formatNumber(ceiling, 3)}x ` +
      `(infinitely many stages); k = 2 is infeasible for (d).`,
  );
  const ok = lines.every(
    (m) => m.evidence.converged && m.evidence.balanceError <= 1e-9 && m.evidence.startupBalanceError <= 1e-9,
  );
  out.push(`every steady solve converged, balance and start-up inventory errors <= 1e-9: ${ok}`);
  out.push('');

  out.push(
    `Monte Carlo, ${RUNS} runs per line (seed '${SEED}'): chance of meeting 99.9 % on both products, ` +
      '95 % Wilson interval, 5 % quantiles of the purities:',
  );
  const risky: LineOption[] = [];
  for (const o of [parallelTrains(base, 2), ...better]) risky.push(o, withStageMargin(o, 0.5));
  out.push(
    textTable(
      ['line', 'stages', 'P(meet)', '95 % CI', 'Nd purity p05', 'Pr purity p05'],
      risky.map((o) => {
        const r = purityRisk(o, {}, { runs: RUNS, seed: SEED });
        const s = o.train.stages;
        return [
          o.label,
          `${o.trains} x ${s.extraction}+${s.scrub ?? 0}`,
          formatPercent(r.probability, 1),
          `${formatPercent(r.interval.lower, 1)} - ${formatPercent(r.interval.upper, 1)}`,
          formatPercent(r.purity.organic.p05, 3),
          formatPercent(r.purity.aqueous.p05, 3),
        ];
      }),
    ),
  );
  out.push('((a) and (b) have the same purity at every draw: (b) is (a) scaled.)');
  return out.join('\n');
}

if (process.argv[1]?.endsWith('03-parallel-trains.ts')) console.log(report());
