// Example 3: the parallelization study. How do you raise the output of a Pr/Nd line by k at fixed purity?
//
// Base: example 2's line: the Pr and Nd of Mountain Pass's 2024 concentrate (45,455 t REO/yr, ree-data
// 4.4, CH06 distribution, ree-data 5.1) as 1.0 mol/L chloride, split with P507 (β Nd/Pr 1.5, 0.18 mol/L
// loading, ree-data 2.2, 2.6) into 99.9 % Nd (organic product) and 99.9 % Pr (raffinate) by designCascade,
// each train with its strip section (designCascade's defaults: 5 mol/L HCl with 10 % excess, strip D 0.05
// assumed, stages for a residual loading of a tenth of the Nd the raffinate may hold); the Nd product is the
// strip liquor less the reflux.
// Ways to raise the output (the a-e), each measured by the models (evaluateLine):
//   (a) k copies of the base train; (b) one train, k x every flow, k x larger mixer-settlers;
//   (c) the base's stages split into k shorter trains, each fed the base feed; (d) one train at the base
//   organic flow with more feed and more stages (the reflux falls); (e) a better extractant (β 1.7, 2.0).
// Assumed: residence 5 min mixer + 20 min settler per phase and stage (ree-data 4.2); capital index = sum
// over mixer-settlers of volume^0.6 (six-tenths rule), relative to the base line.
// Start-up (one train, outlets sampled every 10 h): when each product meets 99.9 % and holds it to the end
// of the run, and when its impurity settles within 10 % of its steady value; from a feed-filled start
// (every aqueous hold-up full of feed, barren organic) and after 1,000 h at total reflux (no feed, outlets
// returned), simulated 50,000 h; pre-loaded (every tank holding what it holds at steady state; also with
// one species' hold-up scaled to 10 kmol less or more), simulated 20,000 h. The flow band (every outlet
// flow within 1e-3 of its outlet's steady total) is what this study used to call the time to steady state.
// Monte Carlo: β x U[0.9, 1.1], feed Nd fraction +-0.02, Murphree 0.85-1 (organic); flows fixed as
// designed except the product draw, set to the target split of the actual feed; seed 'parallel-trains'.
//
// Run: npx tsx examples/03-parallel-trains.ts   (output committed beside this file and checked by a test)
import { depositDistribution, oxideMassPerMole } from '../src/entries/chemistry.js';
import { formatNumber, formatPercent, textTable } from '../src/entries/report.js';
import {
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  evaluateLine,
  fixedOrganicTrain,
  type LineMetrics,
  type LineOption,
  largerTrain,
  organicCeiling,
  parallelTrains,
  purityRisk,
  splitTrains,
  withStageMargin,
} from '../src/entries/study.js';
import { separationFactorModel, simulateCascadeDynamics } from '../src/index.js';

/** MP 2024 concentrate, t REO per year (ree-data 4.4). */
const CONCENTRATE_REO = 45_455;
const HOURS = 8760;
/** Start-up runs: simulated time and sampling interval (h), the total-reflux period, the pre-load offset (kmol). */
const HORIZON = 50_000;
const PRELOADED_HORIZON = 20_000;
const SAMPLE = 10;
const REFLUX = 1000;
const OFF = 10;
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
    strip: {},
  });
  // Start-up runs only for distinct trains: (a) runs the base train itself and (b) the base train with every
  // flow scaled by k (the same equations, so the same start-up: tested in test/study/parallelTrains.test.ts);
  // the (d) trains (67 and 88 stages) are left out to keep the example short.
  const startup = { horizon: HORIZON, sampleEvery: SAMPLE, totalRefluxDuration: REFLUX };
  const ref = evaluateLine(baseLine(base), { ...startup, startups: ['feed', 'totalReflux'] });
  const preloaded = evaluateLine(baseLine(base), {
    horizon: PRELOADED_HORIZON,
    sampleEvery: SAMPLE,
    startups: ['preloaded'],
  });
  const none = { startups: [] } as const;
  const lines: LineMetrics[] = [ref];
  for (const k of [2, 4]) {
    lines.push(evaluateLine(parallelTrains(base, k), none));
    lines.push(evaluateLine(largerTrain(base, k), none));
    lines.push(evaluateLine(splitTrains(base, k), startup));
  }
  const ceiling = organicCeiling(base);
  lines.push(
    evaluateLine(fixedOrganicTrain(base, 1.25), none),
    evaluateLine(fixedOrganicTrain(base, 1.4), none),
  );
  const better = [1.7, 2].map((beta) => betterExtractantTrain(base, beta, 2));
  lines.push(...better.map((o) => evaluateLine(o, startup)));

  const out: string[] = [
    '# Raising a Pr/Nd line (P507, 99.9 % / 99.9 %) by k: five ways, from the models',
    '',
  ];
  const d = base.design;
  out.push(
    `Base train: feed ${formatNumber(F, 3)} kmol/h RE (Nd fraction ${formatNumber(d.fA, 4)}), ` +
      `${d.stages.extraction} + ${d.stages.scrub} + ${d.strip?.stages ?? 0} stages (extraction + scrub + strip), ` +
      `S = ${formatNumber(d.organicLoad, 3)}, W = ${formatNumber(d.scrubLoad, 3)} mol per mol feed, ` +
      `organic ${formatNumber(d.flows.organicVolume, 2)} m3/h`,
  );
  const st = ref.strip;
  out.push(
    `Strip section per train: ${st?.stages ?? 0} stages, ${formatNumber(d.strip?.acid ?? 0, 2)} kmol/h H+ in ` +
      `${formatNumber(d.strip?.acidVolume ?? 0, 2)} m3/h (O/A ${formatNumber(d.strip?.phaseRatio ?? 0, 1)}); ` +
      `${formatNumber(st?.acidConsumed ?? 0, 2)} kmol/h consumed, ${formatNumber(st?.acidFree ?? 0, 2)} kmol/h ` +
      `left free in the liquor; the stripped organic returns ${formatPercent(st?.residualLoading ?? 0, 4)} ` +
      'of its rare earths to stage 1.',
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
        `${m.trains} x ${m.stages.extraction}+${m.stages.scrub}+${m.stages.strip}`,
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

  out.push('Costs (output relative to the base; reagents per tonne of both oxide products):');
  out.push(
    textTable(
      ['line', 'output', 'stages', 'mixer-settler m3', 'capital idx', 'solvent m3', 'NaOH t/t', 'HCl t/t'],
      lines.map((m) => [
        m.label,
        `${formatNumber(m.output.organic / ref.output.organic, 2)}x`,
        `${m.stageCount}`,
        formatNumber(m.equipmentVolume, 0),
        formatNumber(m.capitalIndex / ref.capitalIndex, 2),
        formatNumber(m.solventInventory, 0),
        formatNumber(m.reagentsPerProduct.NaOH, 2),
        formatNumber(m.reagentsPerProduct.HCl, 2),
      ]),
    ),
  );
  out.push(
    `(d) ceiling: at the base organic flow the feed can rise at most S/S_pinch = ${formatNumber(ceiling, 3)}x ` +
      `(infinitely many stages); k = 2 is infeasible for (d).`,
  );
  out.push('');

  // A time: the sample time, or why there is none (the steady state misses the target; or the run's end).
  const hours = (t: number | undefined, steadyMeets = true) =>
    t !== undefined ? formatNumber(t, 0) : steadyMeets ? 'not in run' : 'never';
  type Run = LineMetrics['startup'][number];
  type Times = Pick<Run, 'product' | 'raffinate' | 'timeToFlowBand'>;
  const startupRow = (label: string, m: LineMetrics, r: Times) => [
    label,
    hours(r.product.timeToSpec, m.purity.organic >= 0.999),
    hours(r.raffinate.timeToSpec, m.purity.aqueous >= 0.999),
    hours(r.product.timeToSteadyImpurity),
    hours(r.raffinate.timeToSteadyImpurity),
    hours(r.timeToFlowBand),
  ];
  const startupHeader = [
    'Nd product >= 99.9 %',
    'Pr raffinate >= 99.9 %',
    'Nd impurity +-10 %',
    'Pr impurity +-10 %',
    'flows within 1e-3',
  ];
  out.push(
    `Start-up from a feed-filled start, one train: h from time 0 until the condition holds at every later ` +
      `sample (${SAMPLE} h samples, ${HORIZON} h simulated; 'never': the steady state misses 99.9 %; ` +
      "'not in run': not by the run's end). (a) and (b) start up as the base train; the (d) trains " +
      'were not run:',
  );
  const fed = lines.filter((m) => m.startup.length > 0);
  out.push(
    textTable(
      ['line', ...startupHeader],
      fed.map((m) => startupRow(m.label, m, m.startup.find((r) => r.policy === 'feed') as Run)),
    ),
  );
  out.push('');

  // The base train's start-up policies, and the steady profile pre-loaded with one species' inventory off.
  const policy = (p: Run['policy']) =>
    [...ref.startup, ...preloaded.startup].find((r) => r.policy === p) as Run;
  const steadyHeld = policy('preloaded').inventory.initial;
  const offBy = (species: 'Pr' | 'Nd', delta: number) => {
    const r = simulateCascadeDynamics(base.train, {
      holdup: { mixer: { residenceTime: 5 / 60 }, settler: { residenceTime: 20 / 60 } },
      duration: PRELOADED_HORIZON,
      sampleEvery: SAMPLE,
      dt: 5 / 60,
      startup: { kind: 'preloaded', inventory: { [species]: (steadyHeld[species] ?? 0) + delta } },
      tolerance: 1e-3,
      spec: { product: { Nd: 0.999 }, raffinate: { Pr: 0.999 } },
      impurityWithin: 0.1,
    });
    const run: Times = {
      product: r.outlets.product,
      raffinate: r.outlets.raffinate,
      timeToFlowBand: r.timeToFlowBand,
    };
    return { run, balanceError: r.balanceError };
  };
  const variants = [
    ['Pr', -OFF],
    ['Nd', -OFF],
    ['Nd', OFF],
  ] as const;
  const off = variants.map(([sp, d]) => ({
    label: `pre-loaded, ${d > 0 ? '+' : ''}${d} kmol ${sp}`,
    ...offBy(sp, d),
  }));
  out.push(
    `Start-up policies, base train (the same times; total reflux for ${REFLUX} h counts from time 0; ` +
      `pre-loaded starts simulated ${PRELOADED_HORIZON} h, with the steady profile or with one species ` +
      `scaled to ${OFF} kmol less or more than its steady hold-up):`,
  );
  out.push(
    textTable(
      ['start-up', ...startupHeader],
      [
        startupRow('feed-filled', ref, policy('feed')),
        startupRow(`feed-filled, ${REFLUX} h total reflux`, ref, policy('totalReflux')),
        startupRow('pre-loaded (steady profile)', ref, policy('preloaded')),
        ...off.map((v) => startupRow(v.label, ref, v.run)),
      ],
    ),
  );
  const kmol = (x: number | undefined) => formatNumber(x ?? Number.NaN, 1);
  const fed0 = policy('feed');
  const held = fed0.inventory;
  const band = fed0.purityAtFlowBand;
  out.push(
    `Held in the base train, feed-filled start (kmol Pr / Nd): at time 0 ${kmol(held.initial.Pr)} / ` +
      `${kmol(held.initial.Nd)}; most of Pr at any sample ${kmol(held.largest.Pr)}; when both products ` +
      `are on target ${kmol(held.atSpec?.Pr)} / ${kmol(held.atSpec?.Nd)}; at ${HORIZON} h ` +
      `${kmol(held.final.Pr)} / ${kmol(held.final.Nd)}; at steady state ${kmol(steadyHeld.Pr)} / ` +
      `${kmol(steadyHeld.Nd)}.`,
  );
  out.push(
    `When the outlet flows enter their 1e-3 band (${hours(fed0.timeToFlowBand)} h) the Nd product is ` +
      `${band ? formatPercent(band.organic, 3) : '-'} and the Pr raffinate ${band ? formatPercent(band.aqueous, 3) : '-'}.`,
  );
  const ok = [...lines, preloaded].every(
    (m) => m.evidence.converged && m.evidence.balanceError <= 1e-9 && m.evidence.startupBalanceError <= 1e-9,
  );
  const offOk = off.every((v) => v.balanceError <= 1e-9);
  out.push(`every steady solve converged, balance and start-up inventory errors <= 1e-9: ${ok && offOk}`);
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
          `${o.trains} x ${s.extraction}+${s.scrub ?? 0}+${o.train.strip?.stages ?? 0}`,
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
