// Question (issue 12): what does a linear cascade solve cost against the bare Thomas kernel
// (bench/bareThomas.ts) on the same case, measured side by side in one run? Target: at most 1.5× the kernel
// at 20 + 20 × 2, 100 + 100 × 6 and 1,000 + 1,000 × 15. Rows: the kernel; simulateCascade (checks and
// normalises the spec, solves, builds the full result); a prepared cascade's solve with new feed amounts
// each call (prepareCascade once, as a design loop, sweep or Monte Carlo study would); and preparing plus
// one solve (what a single solve through the prepared API costs).
import { bench, describe } from 'vitest';
import { prepareCascade } from '../src/entries/sx.js';
import { simulateCascade } from '../src/index.js';
import { type BareSpec, bareThomas } from './bareThomas.js';
import { spec } from './specs.js';

for (const [n, c] of [
  [40, 2],
  [200, 6],
  [2000, 15],
] as const) {
  describe(`linear ${n / 2} + ${n / 2} stages × ${c} species`, () => {
    const s = spec(n, c, 'distribution');
    const prepared = prepareCascade(s);
    // Two feeds in turn (the spec's and one 10 % richer), so that every solve sees new amounts.
    const feeds = [0, 1].map((k) => new Float64Array(c).fill((1 + 0.1 * k) / c));
    let call = 0;
    bench('bare Thomas kernel (baseline)', () => {
      bareThomas(s as BareSpec);
    });
    bench('simulateCascade', () => {
      simulateCascade(s);
    });
    bench('prepared: solve({ feed })', () => {
      prepared.solve({ feed: feeds[call++ & 1] as Float64Array });
    });
    bench('prepareCascade + one solve', () => {
      prepareCascade(s).solve();
    });
  });
}
