/**
 * `reesim bench`: the throughput questions users ask of an installed reesim, answered on their machine
 * (the development benchmarks with their recorded results are in the repository's bench/ folder).
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { monteCarlo } from '../engine/monteCarlo.js';
import { formatNumber, textTable } from '../report/text.js';
import { baseline2024 } from '../supply/baseline/baseline2024.js';
import { simulateSupplyChain } from '../supply/simulate.js';
import { designCascade } from '../sx/design/designCascade.js';
import { designSeparationTrain } from '../sx/design/separationTrain.js';
import { distribution, separationFactors } from '../sx/equilibrium/equilibrium.js';
import { separationFactorModel } from '../sx/equilibrium/extractants.js';
import { simulateCascade } from '../sx/steady/simulateCascade.js';
import type { Io } from './run.js';

/** One workload: what it answers, and one repetition of it (returns how many model runs it made). */
interface Workload {
  readonly name: string;
  readonly run: () => Promise<number> | number;
}

/** A saturated Pr/Nd-like cascade with product reflux (β 1.5, 26 + 26 stages): ~1 ms per solve. */
const prNd = {
  stages: { extraction: 26, scrub: 26 },
  feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
  organic: { volume: 4.09 / 0.18 },
  scrub: { volume: 1, reflux: 3.34 },
  equilibrium: separationFactors({ A: 1.5, B: 1 }),
};

/** A linear 1,000-stage, 6-species cascade (distribution ratios 0.5·1.3^i). */
const linear = (() => {
  const names = ['S0', 'S1', 'S2', 'S3', 'S4', 'S5'];
  return {
    stages: { extraction: 500, scrub: 500 },
    feed: { flows: Object.fromEntries(names.map((s) => [s, 1 / 6])), volume: 1 },
    organic: { volume: 1 },
    scrub: { volume: 0.5 },
    equilibrium: distribution(Object.fromEntries(names.map((s, i) => [s, 0.5 * 1.3 ** i]))),
  };
})();

/** Runs `model` on `input` once: one model run. */
function once<I>(model: (input: I) => unknown, input: I): number {
  model(input);
  return 1;
}

function workloads(threads: number | undefined): Workload[] {
  return [
    {
      name: 'steady state, 1,000 stages x 6 species (distribution ratios)',
      run: () => once(simulateCascade, linear),
    },
    {
      name: 'steady state, Pr/Nd 26 + 26 stages, saturated with reflux',
      run: () => once(simulateCascade, prNd),
    },
    {
      name: "design Pr/Nd with P507 at 99.9 % / 99.9 % (Xu's flows + stage search)",
      run: () => {
        designCascade({
          feed: { Pr: 0.27, Nd: 0.73 },
          equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
          purity: { organic: 0.999, aqueous: 0.999 },
        });
        return 1;
      },
    },
    {
      name: 'separation train La, Ce, Pr, Nd, Sm at 99.9 % (P507)',
      run: () => {
        designSeparationTrain({ feed: { La: 33, Ce: 49, Pr: 4.3, Nd: 12, Sm: 0.8 } });
        return 1;
      },
    },
    {
      name: 'supply chain: baseline 2024, 12 months (12 LPs)',
      run: async () => {
        await simulateSupplyChain(baseline2024, { start: '2024-01', months: 12 });
        return 1;
      },
    },
    {
      name: `Monte Carlo: 1,000 runs of the Pr/Nd cascade (threads: ${threads ?? `${Math.min(availableParallelism(), 256)}, one per core`})`,
      run: async () => {
        const r = await monteCarlo(
          {
            model: 'cascade',
            base: prNd,
            runs: 1000,
            outputs: ['loadedOrganic.flows.A'],
            parameters: [{ path: 'scrub.reflux', distribution: { kind: 'uniform', min: 3.2, max: 3.5 } }],
          },
          { ...(threads === undefined ? {} : { threads }), progressBar: false },
        );
        return r.runs.length;
      },
    },
  ];
}

/** Median of a sorted copy. */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Times each workload (at least 3 repetitions, up to ~`budget` ms each) and prints a table. */
export async function benchCommand(
  flags: { threads?: number; json?: boolean; budget?: number },
  io: Io,
): Promise<number> {
  const budget = flags.budget ?? 1500;
  const rows: { name: string; repetitions: number; medianMs: number; runsPerSecond: number }[] = [];
  for (const w of workloads(flags.threads)) {
    await w.run(); // warm-up
    const times: number[] = [];
    let runs = 0;
    const start = performance.now();
    while (times.length < 3 || (performance.now() - start < budget && times.length < 200)) {
      const t0 = performance.now();
      runs = await w.run();
      times.push(performance.now() - t0);
    }
    const m = median(times);
    rows.push({ name: w.name, repetitions: times.length, medianMs: m, runsPerSecond: (runs * 1000) / m });
    if (flags.json !== true) io.stderr.write(`  ${w.name}: ${formatNumber(m, 3)} ms\n`);
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify({ machine, results: rows }, null, 2)}\n`);
  } else {
    io.stdout.write(
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n\n${textTable(
        ['workload', 'repetitions', 'median', 'model runs/s'],
        rows.map((r) => [
          r.name,
          String(r.repetitions),
          `${formatNumber(r.medianMs, 3)} ms`,
          formatNumber(r.runsPerSecond, 3),
        ]),
      )}\n`,
    );
  }
  return 0;
}
