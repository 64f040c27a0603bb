// Question: how long does planning, designing and verifying a whole separation train take?
// (1) Mountain Pass-like chloride, P507: La, Ce, Pr, Nd, Sm at >= 99.9 % and a Eu-Gd concentrate.
// (2) The Longnan ionic-clay feed (deposits.longnan, the REO % taken as mol/h), all 15 rare earths at
//     99.9 % (issue 12's target: < 5 s, with progress; the two-outlet plan and the three-outlet screen).
import { bench, describe } from 'vitest';
import { deposits } from '../src/entries/chemistry.js';
import { designSeparationTrain } from '../src/index.js';

const longnan = Object.fromEntries(
  Object.entries(deposits.longnan.distribution.value).filter(([, v]) => (v as number) > 0),
) as Record<string, number>;

describe('separation train', () => {
  bench('Mountain Pass chloride -> La, Ce, Pr, Nd, Sm at 99.9 % (5 cascades)', () => {
    designSeparationTrain({
      feed: { La: 33, Ce: 49, Pr: 4.3, Nd: 12, Sm: 0.8, Eu: 0.1, Gd: 0.2 },
      products: ['La', 'Ce', 'Pr', 'Nd', 'Sm', { name: 'EuGd', elements: ['Eu', 'Gd'] }],
    });
  });
  bench(
    'Longnan clay -> 15 rare earths at 99.9 % (14 cascades)',
    () => {
      designSeparationTrain({ feed: longnan, purity: 0.999 });
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
