// Valid inputs of the models as plain data (what a scenario file holds), shared by the hostile-input tests:
// each is mutated field by field, or several fields at once, from here.

/** A Pr/Nd cascade with a scrub section and product reflux (Xu's saturated model). */
export const CASCADE_SPEC = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { Nd: 0.5, Pr: 0.5 }, volume: 1 },
  organic: { volume: 2 / 0.18 },
  scrub: { volume: 1, reflux: 0.5 },
  equilibrium: { kind: 'separationFactors', beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
};

/** A Pr/Nd design at 99 % both ways. */
export const DESIGN_REQUEST = {
  feed: { Nd: 0.7, Pr: 0.3 },
  equilibrium: { kind: 'separationFactors', beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
  purity: { organic: 0.99, aqueous: 0.99 },
};

/** A short start-up of a small linear cascade: `{ spec, options }` as a file holds it. */
export const DYNAMICS_RUN = {
  spec: {
    stages: { extraction: 3, scrub: 2 },
    feed: { flows: { A: 1, B: 1 }, volume: 1 },
    organic: { volume: 1 },
    scrub: { volume: 1, reflux: 0.3 },
    equilibrium: { kind: 'distribution', D: { A: 2, B: 0.5 } },
  },
  options: { holdup: { mixer: { residenceTime: 0.1 }, settler: { residenceTime: 0.3 } }, duration: 3 },
};

/** The parallelization study of the Pr/Nd line of examples/scenarios/parallel-lines.yaml. */
export const PARALLEL_LINES_REQUEST = {
  feed: { Pr: 1.3247, Nd: 3.7062 },
  unit: 'kmol/h',
  feedVolume: 5.0309,
  system: 'P507',
  purity: { organic: 0.999, aqueous: 0.999 },
  k: 2,
  f: 1.25,
  beta: 1.7,
  strip: { acidExcess: 0.1 },
  startup: { hours: 20, sampleEvery: 10, lines: ['c'] },
};

/** A four-element train at 99 %. */
export const TRAIN_REQUEST = { feed: { La: 0.3, Ce: 0.4, Pr: 0.1, Nd: 0.2 }, purity: 0.99 };

/** One mine, one refinery exporting to Japan under a half licence, and a month's disruption. */
export const SUPPLY_SCENARIO = {
  name: 'one mine, one refinery',
  countries: { US: 'United States', JP: 'Japan' },
  facilities: [
    { id: 'mine', country: 'US', kind: 'mine', capacity: 12_000, mix: { deposit: 'mountain-pass' } },
    { id: 'sx', country: 'US', kind: 'separation', capacity: 12_000, recovery: 0.9 },
  ],
  links: [
    { from: 'mine', to: 'sx', stage: 'concentrate' },
    { from: 'sx', to: 'country:JP', stage: 'oxide' },
  ],
  demand: [{ id: 'oxide', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
  policies: [
    {
      kind: 'exportControl',
      id: 'ban',
      exporter: 'US',
      stages: ['oxide'],
      approvalRate: 0.5,
      from: '2025-02',
    },
  ],
  events: [{ kind: 'disruption', id: 'cut', target: 'mine', from: '2025-02', months: 1, severity: 0.5 }],
};

/** The run options the supply tests use: three months from January 2025, no warm-up. */
export const SUPPLY_OPTIONS = { start: '2025-01', months: 3, warmUpMonths: 0 };
