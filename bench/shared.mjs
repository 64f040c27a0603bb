// What the engine's scripted benchmarks share (bench/speedup.mjs, bench/chunks.mjs).

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
