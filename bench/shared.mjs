// What the engine's scripted benchmarks share (bench/speedup.mjs, bench/chunks.mjs, bench/pieces.mjs).

/**
 * The study they time: a saturated 26 + 26-stage Pr/Nd-like cascade with product reflux (~0.5 ms a solve),
 * and a Monte Carlo study of it (β and the feed drawn per run, two outputs). Built with the given
 * package's `separationFactors`.
 */
export function prNdStudy(separationFactors, runs = 1000) {
  const heavy = {
    stages: { extraction: 26, scrub: 26 },
    feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
    organic: { volume: 4.09 / 0.18 },
    scrub: { volume: 1, reflux: 3.34 },
    equilibrium: separationFactors({ A: 1.5, B: 1 }),
  };
  const study = {
    model: 'cascade',
    base: heavy,
    runs,
    outputs: ['product.purity.A', 'raffinate.purity.B'],
    parameters: [
      { path: 'equilibrium.beta.A', distribution: { kind: 'uniform', min: 1.35, max: 1.65 } },
      { path: 'feed.flows.A', distribution: { kind: 'triangular', min: 0.7, mode: 0.75, max: 0.8 } },
    ],
  };
  return { heavy, study };
}

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `x` rounded to `digits` decimals (for the printed tables). */
export const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * bench/supply.bench.ts's ensemble, built with the given package: `runs` runs of baseline-2024 under
 * China's 2025 export licensing, 36 months from 2024-01, each with a random Kachin outage history and
 * random licence terms.
 */
export function supplyEnsemble(pkg, runs) {
  const licensed = pkg.withExportLicensing2025(pkg.baseline2024);
  const scenario = {
    ...licensed,
    facilities: licensed.facilities.map((f) =>
      f.id === 'mm-kachin' ? { ...f, outage: { ratePerMonth: 0.05, months: 3 } } : f,
    ),
  };
  return {
    model: 'supply-chain',
    base: { scenario, options: { start: '2024-01', months: 36, seed: 0 } },
    parameters: [
      { path: 'options.seed', distribution: { kind: 'uniform', min: 0, max: 1e9 } },
      {
        path: 'scenario.facilities.mm-kachin.outage.ratePerMonth',
        distribution: { kind: 'uniform', min: 0, max: 0.1 },
      },
      {
        path: 'scenario.facilities.mm-kachin.outage.months',
        distribution: { kind: 'discrete', values: [1, 3, 6, 12] },
      },
      {
        path: 'scenario.policies.cn-licensing-2025-04.approvalRate.0.rate',
        distribution: { kind: 'uniform', min: 0.2, max: 0.8 },
      },
      {
        path: 'scenario.policies.cn-licensing-2025-04.licenceDelayMonths',
        distribution: { kind: 'discrete', values: [1, 2, 3, 4] },
      },
    ],
    outputs: [
      'years.2026.demand.jp-magnets.shortfall.Dy',
      'years.2026.demand.us-magnets.shortfall.Tb',
      'balanceResidual',
    ],
    runs,
  };
}
