// Random small cascades for the dynamics' random tests (test/sx/dynamicsRandom.test.ts): every model the
// dynamics simulate (linear, loading-limited, saturated), Murphree efficiency, entrainment, side draws,
// product reflux, a strip section and every start-up policy. Plain data, so a failing case prints as a spec.
import fc from 'fast-check';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import type { CascadeDynamicsOptions, CascadeStartup } from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';

/** A random case: the spec, the hold-ups' residence times and the start-up policy. */
export interface RandomCase {
  readonly spec: CascadeSpec;
  readonly mixer: number;
  readonly settler: number;
  readonly startup: CascadeStartup;
}

const NAMES = ['La', 'Ce', 'Pr', 'Nd'];

export const randomCaseArb: fc.Arbitrary<RandomCase> = fc
  .record({
    extraction: fc.integer({ min: 1, max: 3 }),
    scrub: fc.integer({ min: 0, max: 2 }),
    species: fc.integer({ min: 1, max: 3 }),
    model: fc.constantFrom('linear', 'langmuir', 'saturated'),
    ratios: fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
    feed: fc.array(fc.double({ min: 0.05, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
    organic: fc.double({ min: 0.3, max: 4, noNaN: true }),
    load: fc.double({ min: 0.1, max: 3, noNaN: true }),
    reflux: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.6, noNaN: true })),
    murphree: fc.oneof(fc.constant(1), fc.double({ min: 0.4, max: 1, noNaN: true })),
    aqueousMurphree: fc.boolean(),
    entrain: fc.oneof(
      fc.constant([0, 0] as const),
      fc.tuple(fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true })),
    ),
    draw: fc.option(
      fc.record({
        at: fc.double({ min: 0, max: 0.999, noNaN: true }),
        phase: fc.constantFrom('aqueous', 'organic'),
        fraction: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      }),
    ),
    strip: fc.option(
      fc.record({
        stages: fc.integer({ min: 1, max: 3 }),
        D: fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        acidVolume: fc.double({ min: 0.3, max: 3, noNaN: true }),
      }),
      { freq: 3 },
    ),
    mixer: fc.double({ min: 0.02, max: 0.1, noNaN: true }),
    settler: fc.double({ min: 0.1, max: 1, noNaN: true }),
    startup: fc.constantFrom('empty', 'feed', 'preloaded', 'totalReflux'),
  })
  .map((a): RandomCase => {
    const names = NAMES.slice(0, a.species);
    const flows = Object.fromEntries(names.map((s, i) => [s, a.feed[i] as number]));
    const feedTotal = names.reduce((x, s) => x + (flows[s] as number), 0);
    const ratio = Object.fromEntries(names.map((s, i) => [s, a.ratios[i] as number]));
    const total = a.extraction + a.scrub;
    const saturatedShare = 0.05 + (0.55 * (a.load - 0.1)) / 2.9;
    // Reflux: a share of what the loaded organic can carry (the saturated organic's load, else 10 % of the
    // feed); a saturated scrub section needs some (a barren scrub would leave its aqueous dry).
    const refluxShare = a.model === 'saturated' && a.scrub > 0 ? Math.max(a.reflux, 0.05) : a.reflux;
    const reflux = refluxShare * (a.model === 'saturated' ? saturatedShare : 0.1) * feedTotal;
    const equilibrium =
      a.model === 'linear'
        ? distribution(ratio)
        : a.model === 'langmuir'
          ? distribution(ratio, { capacity: (a.load * feedTotal) / a.organic })
          : // The organic carries 5-60 % of the feed, so most draws have a steady state.
            separationFactors(Object.fromEntries(names.map((s, i) => [s, 1 + (a.ratios[i] as number)])), {
              loading: (saturatedShare * feedTotal) / a.organic,
            });
    const aqueousMurphree = a.aqueousMurphree && a.model === 'linear';
    const drawStage = total >= 3 && a.draw ? 2 + Math.floor(a.draw.at * (total - 2)) : undefined;
    const spec: CascadeSpec = {
      stages: { extraction: a.extraction, scrub: a.scrub },
      feed: { flows, volume: 1 },
      organic: { volume: a.organic },
      scrub: { volume: 0.5, ...(reflux > 0 ? { reflux } : {}) },
      equilibrium,
      ...(a.murphree < 1
        ? { efficiency: { murphree: a.murphree, phase: aqueousMurphree ? 'aqueous' : 'organic' } }
        : {}),
      ...(a.entrain[0] > 0 || a.entrain[1] > 0
        ? { entrainment: { aqueousInOrganic: a.entrain[0], organicInAqueous: a.entrain[1] } }
        : {}),
      ...(drawStage !== undefined && a.draw
        ? { draws: [{ stage: drawStage, phase: a.draw.phase, fraction: a.draw.fraction }] }
        : {}),
      // A strip section with acid for three times the feed (3 mol H+ per mol stripped).
      ...(a.strip
        ? {
            strip: {
              stages: a.strip.stages,
              acid: { amount: 9 * feedTotal, volume: a.strip.acidVolume },
              distribution: a.strip.D,
            },
          }
        : {}),
    };
    const startup: CascadeStartup =
      a.startup === 'totalReflux' ? { kind: 'totalReflux', duration: 5 * a.settler } : a.startup;
    return { spec, mixer: a.mixer, settler: a.settler, startup };
  });

/** The dynamics options of a case: residence-time hold-ups, dt at its largest stable value. */
export function caseOptions(c: RandomCase, duration: number): CascadeDynamicsOptions {
  return {
    holdup: { mixer: { residenceTime: c.mixer }, settler: { residenceTime: c.settler } },
    duration,
    dt: c.mixer,
    sampleEvery: duration / 50,
    startup: c.startup,
  };
}
