// Question (issue 12): what does simulateCascade cost on a linear cascade against the bare Thomas kernel
// (bench/bareThomas.ts) on the same case, measured side by side in one run? Target: at most 1.5× the kernel
// at 20 + 20 × 2, 100 + 100 × 6 and 1,000 + 1,000 × 15.
import { bench, describe } from 'vitest';
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
    bench('bare Thomas kernel (baseline)', () => {
      bareThomas(s as BareSpec);
    });
    bench('simulateCascade', () => {
      simulateCascade(s);
    });
  });
}
