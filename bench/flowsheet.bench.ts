// Questions: how long does one steady-state evaluation of a whole plant take, and what does a single
// unit operation cost? (Monte Carlo over flowsheets, issue 4, multiplies these.)
import { bench, describe } from 'vitest';
import { mountainPass } from '../examples/01-mountain-pass-to-metal.js';
import { SPECIES_COUNT } from '../src/entries/chemistry.js';
import { makeStream, partition } from '../src/entries/streams.js';
import { beneficiation, mine } from '../src/entries/units.js';
import { simulateFlowsheet } from '../src/index.js';

const ore = mine({ deposit: 'mountain-pass', oreRate: 130 }).outlets.ore;
const fractions = new Array<number>(SPECIES_COUNT).fill(0.3);
const liquor = makeStream('solution', { La: 1, Ce: 2, Nd: 1, H2O: 100 });

describe('flowsheet', () => {
  bench('Mountain Pass ore to NdPr metal (14 blocks, 1 recycle, 2 SX cuts designed and verified)', () => {
    simulateFlowsheet(mountainPass);
  });
});

describe('unit operations', () => {
  bench('mine', () => {
    mine({ deposit: 'mountain-pass', oreRate: 130 });
  });
  bench('beneficiation (grade-targeted flotation)', () => {
    beneficiation(ore, { method: 'flotation', recovery: 0.675, concentrateGrade: 0.6 });
  });
  bench('partition (24 species)', () => {
    partition(liquor, fractions);
  });
});
