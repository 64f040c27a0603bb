// Question: how long does planning, designing and verifying a whole light-RE separation train take?
// (Mountain Pass-like chloride, P507, La, Ce, Pr, Nd, Sm at >= 99.9 % and a Eu-Gd concentrate.)
import { bench, describe } from 'vitest';
import { designSeparationTrain } from '../src/index.js';

describe('separation train', () => {
  bench('Mountain Pass chloride -> La, Ce, Pr, Nd, Sm at 99.9 % (5 cascades)', () => {
    designSeparationTrain({
      feed: { La: 33, Ce: 49, Pr: 4.3, Nd: 12, Sm: 0.8, Eu: 0.1, Gd: 0.2 },
      products: ['La', 'Ce', 'Pr', 'Nd', 'Sm', { name: 'EuGd', elements: ['Eu', 'Gd'] }],
    });
  });
});
