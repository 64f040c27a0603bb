// Question: how fast does the dynamic cascade step? Target (issue): above 50 million species-stage updates
// per second for the linear model on this 2-core machine. Each case runs a fixed number of explicit steps
// (duration / dt); updates per second = steps × stages × species / mean time. The saturated model adds a
// Newton root per mixer per step.
import { bench, describe } from 'vitest';
import { normaliseCascade } from '../src/sx/cascadeSpec.js';
import { simulateCascadeDynamics } from '../src/sx/dynamics/dynamics.js';
import { advance, emptyState, operatingPoint } from '../src/sx/dynamics/dynamicsModel.js';
import { spec } from './specs.js';

// 3-min mixers, 30-min settlers (hours), feed-filled start; dt = 0.005 h: 10,000 steps in 50 h.
const options = {
  holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
  duration: 50,
  dt: 0.005,
  sampleEvery: 5,
  startup: 'feed',
} as const;

for (const [model, cases] of [
  [
    'distribution',
    [
      [100, 6],
      [1000, 2],
      [100, 15],
    ],
  ],
  [
    'separationFactors',
    [
      [100, 2],
      [100, 6],
    ],
  ],
] as const) {
  describe(`dynamics, ${model}: 10,000 steps`, () => {
    for (const [n, c] of cases) {
      const s = spec(n, c, model);
      bench(`${n} stages × ${c} species (${(n * c) / 100} M species-stage updates)`, () => {
        simulateCascadeDynamics(s, options);
      });
    }
  });
}

// The explicit step alone (no set-up, sampling or steady solve), linear model.
describe('dynamics core: 10,000 explicit steps, distribution ratios', () => {
  for (const [n, c] of [
    [100, 6],
    [1000, 2],
  ] as const) {
    const p = normaliseCascade(spec(n, c, 'distribution'));
    const fill = (flow: Float64Array, tau: number) => Float64Array.from(flow, (q) => q * tau);
    const op = operatingPoint(p, {
      mixerAqueous: fill(p.aqueousVolume, 0.05),
      mixerOrganic: fill(p.organicVolume, 0.05),
      settlerAqueous: fill(p.aqueousVolume, 0.5),
      settlerOrganic: fill(p.organicVolume, 0.5),
    });
    const state = emptyState(n, c);
    bench(`${n} stages × ${c} species (${(n * c) / 100} M species-stage updates)`, () => {
      advance(op, state, 0.005, 10_000, false);
    });
  }
});
