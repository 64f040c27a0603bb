// Question: what does a verified cascade design cost? designCascade runs Xu's closed forms, a McCabe–Thiele
// staircase and a search of stage-wise simulations (each a Newton solve of the whole cascade); the cost is
// (simulations) × (one solve at that size). Cases: ree-data 3.8a and 3.8d, a 4-species LREE cut, and a hard
// binary cut (β = 1.3, 99.9 % / 99.9 %).
import { bench, describe } from 'vitest';
import { type DesignRequest, designCascade, separationFactorModel, separationFactors } from '../src/index.js';

const CASES: [string, DesignRequest][] = [
  [
    '3.8a: β = 2, 99.9 % / 99.99 % (≈ 46 stages)',
    {
      feed: { A: 0.5, B: 0.5 },
      equilibrium: separationFactors({ A: 2, B: 1 }),
      purity: { organic: 0.999, aqueous: 0.9999 },
    },
  ],
  [
    '3.8d: Pr/Nd P507, 99.9 % / 99.9 % (≈ 52 stages)',
    {
      feed: { Pr: 0.25, Nd: 0.75 },
      equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
      purity: { organic: 0.999, aqueous: 0.999 },
    },
  ],
  [
    'La, Ce | Pr, Nd with P507, 99.9 % groups (4 species)',
    {
      feed: { La: 0.3, Ce: 0.5, Pr: 0.05, Nd: 0.15 },
      keys: { A: 'Pr', B: 'Ce' },
      equilibrium: separationFactorModel('P507', ['La', 'Ce', 'Pr', 'Nd']),
      purity: { organic: 0.999, aqueous: 0.999 },
    },
  ],
  [
    'β = 1.3, 99.9 % / 99.9 % (≈ 100 stages)',
    {
      feed: { A: 0.5, B: 0.5 },
      equilibrium: separationFactors({ A: 1.3, B: 1 }),
      purity: { organic: 0.999, aqueous: 0.999 },
    },
  ],
];

describe('designCascade: Xu flows + verified minimal stage counts', () => {
  for (const [name, request] of CASES) {
    const d = designCascade(request);
    bench(`${name}: ${d.stages.extraction} + ${d.stages.scrub}, ${d.simulations} simulations`, () => {
      designCascade(request);
    });
  }
});
