// Parts of a supply chain that can do nothing are warnings, never silent (issue 13): a refinery no route
// feeds, a facility whose output reaches no demand, a facility without capacity, a demand no mine reaches,
// a policy that touches no route. Oracles: scenarios built so that exactly that part is cut off, and the
// same scenarios with the missing route added (no warning).
import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../src/report/markdown.js';
import { scenarioReport, summaryText } from '../../src/report/scenarioReport.js';
import { loadScenario, scenarioWarnings } from '../../src/scenario/load.js';
import { baseline2024 } from '../../src/supply/baseline/baseline2024.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { SupplyScenario } from '../../src/supply/types.js';
import { supplyWarnings } from '../../src/supply/warnings.js';

/** A mine in AU shipping concentrate to a refinery in US, whose oxide meets US demand. */
const chain: SupplyScenario = {
  name: 'two-country chain',
  countries: { AU: 'Australia', US: 'United States', JP: 'Japan' },
  facilities: [
    { id: 'mine', country: 'AU', kind: 'mine', capacity: 10_000, mix: { La: 0.3, Ce: 0.4, Nd: 0.3 } },
    { id: 'refinery', country: 'US', kind: 'separation', capacity: 8_000 },
  ],
  links: [{ from: 'mine', to: 'refinery', stage: 'concentrate' }],
  demand: [{ id: 'us-oxide', country: 'US', sector: 'magnets', stage: 'oxide', elements: { Nd: 1_000 } }],
};

const warn = (s: SupplyScenario) => supplyWarnings(s).map((w) => [w.code, w.path]);

describe('supplyWarnings', () => {
  it('a connected chain has none', () => {
    expect(warn(chain)).toEqual([]);
  });

  it('a 10 kt/yr refinery added without a trade link: FACILITY_UNREACHED and FACILITY_UNSHIPPED at its id (was 0 t for 36 months without a word)', () => {
    const s: SupplyScenario = {
      ...chain,
      events: [
        {
          kind: 'newFacility',
          id: 'jp-plant',
          facility: {
            id: 'jp-refinery',
            country: 'JP',
            kind: 'separation',
            capacity: 10_000,
            start: '2025-01',
          },
        },
      ],
    };
    expect(warn(s)).toEqual([
      ['FACILITY_UNREACHED', 'facilities.jp-refinery'],
      ['FACILITY_UNSHIPPED', 'facilities.jp-refinery'],
    ]);
    // A link from the mine and a Japanese demand for its oxide: nothing to warn.
    const linked: SupplyScenario = {
      ...s,
      links: [...s.links, { from: 'mine', to: 'jp-refinery', stage: 'concentrate' }],
      demand: [
        ...s.demand,
        { id: 'jp-oxide', country: 'JP', sector: 'magnets', stage: 'oxide', elements: { Nd: 500 } },
      ],
    };
    expect(warn(linked)).toEqual([]);
  });

  it('a demand no mine reaches, and one for an element no mine produces: DEMAND_UNREACHED', () => {
    const s: SupplyScenario = {
      ...chain,
      demand: [
        ...chain.demand,
        { id: 'jp-metal', country: 'JP', sector: 'magnets', stage: 'metal', elements: { Nd: 100 } },
        { id: 'us-dy', country: 'US', sector: 'magnets', stage: 'oxide', elements: { Dy: 10, Nd: 5 } },
      ],
    };
    const w = supplyWarnings(s);
    expect(w.map((x) => [x.code, x.path])).toEqual([
      ['DEMAND_UNREACHED', 'demand.jp-metal'],
      ['DEMAND_UNREACHED', 'demand.us-dy'],
    ]);
    expect(w[1]?.message).toContain('no route from a mine or recycler brings Dy to');
  });

  it('a route through a plant without capacity, or one that does not take the element, reaches nothing (review cases)', () => {
    // Mine -> separation plant with capacity 0 -> metal plant -> US metal demand: the metal plant and the
    // demand get nothing, and say so.
    const stopped: SupplyScenario = {
      ...chain,
      facilities: [
        chain.facilities[0] as SupplyScenario['facilities'][number],
        { id: 'refinery', country: 'US', kind: 'separation', capacity: 0 },
        { id: 'metal', country: 'US', kind: 'metal', capacity: 1_000 },
      ],
      links: [...chain.links, { from: 'refinery', to: 'metal', stage: 'oxide' }],
      demand: [{ id: 'us-metal', country: 'US', sector: 'magnets', stage: 'metal', elements: { Nd: 100 } }],
    };
    expect(warn(stopped)).toEqual([
      ['FACILITY_UNSHIPPED', 'facilities.mine'], // its only way to a demand is through the idle plant
      ['FACILITY_NO_CAPACITY', 'facilities.refinery'],
      ['FACILITY_UNREACHED', 'facilities.metal'],
      ['DEMAND_UNREACHED', 'demand.us-metal'],
    ]);
    // A separation plant that takes only La and Ce cannot bring Nd to the oxide demand.
    const laCe: SupplyScenario = {
      ...chain,
      facilities: [
        chain.facilities[0] as SupplyScenario['facilities'][number],
        { id: 'refinery', country: 'US', kind: 'separation', capacity: 8_000, elements: ['La', 'Ce'] },
      ],
      demand: [
        { id: 'us-oxide', country: 'US', sector: 'magnets', stage: 'oxide', elements: { Nd: 1_000, La: 10 } },
      ],
    };
    const w = supplyWarnings(laCe);
    expect(w.map((x) => [x.code, x.path])).toEqual([['DEMAND_UNREACHED', 'demand.us-oxide']]);
    expect(w[0]?.message).toContain('brings Nd to');
  });

  it('an export control or mandate that touches no route: POLICY_NO_EFFECT; one that does: none', () => {
    const s: SupplyScenario = {
      ...chain,
      policies: [
        // AU exports concentrate only: an oxide control on AU and a control on the US touch nothing.
        {
          kind: 'exportControl',
          id: 'au-oxide',
          exporter: 'AU',
          stages: ['oxide'],
          approvalRate: 0,
          from: '2024-06',
        },
        {
          kind: 'domesticProcessing',
          id: 'us-mandate',
          country: 'US',
          stages: ['concentrate'],
          from: '2024-06',
        },
        // To the US only, at the concentrate stage: the AU -> US route.
        {
          kind: 'exportControl',
          id: 'au-to-us',
          exporter: 'AU',
          stages: ['concentrate'],
          destinations: ['US'],
          approvalRate: 0.5,
          from: '2024-06',
        },
        {
          kind: 'exportControl',
          id: 'au-to-jp',
          exporter: 'AU',
          stages: ['concentrate'],
          destinations: ['JP'],
          approvalRate: 0.5,
          from: '2024-06',
        },
        // The AU ore carries La, Ce and Nd: a control of its Dy and Tb touches nothing, one of its Nd does.
        {
          kind: 'exportControl',
          id: 'au-heavies',
          exporter: 'AU',
          stages: ['concentrate'],
          elements: ['Dy', 'Tb'],
          approvalRate: 0,
          from: '2024-06',
        },
        {
          kind: 'exportControl',
          id: 'au-nd',
          exporter: 'AU',
          stages: ['concentrate'],
          elements: ['Nd', 'Dy'],
          approvalRate: 0,
          from: '2024-06',
        },
      ],
    };
    expect(warn(s)).toEqual([
      ['POLICY_NO_EFFECT', 'policies.au-oxide'],
      ['POLICY_NO_EFFECT', 'policies.us-mandate'],
      ['POLICY_NO_EFFECT', 'policies.au-to-jp'],
      ['POLICY_NO_EFFECT', 'policies.au-heavies'],
    ]);
    expect(supplyWarnings(s).find((w) => w.path === 'policies.au-heavies')?.message).toContain(
      'concentrate with Dy, Tb out of AU',
    );
  });

  it('a facility with no capacity: FACILITY_NO_CAPACITY', () => {
    const s: SupplyScenario = {
      ...chain,
      facilities: [...chain.facilities, { id: 'spare', country: 'US', kind: 'separation', capacity: 0 }],
      links: [...chain.links, { from: 'mine', to: 'spare', stage: 'concentrate' }],
    };
    expect(warn(s)).toEqual([['FACILITY_NO_CAPACITY', 'facilities.spare']]);
  });

  it('the 2024 baseline warns only of Solvay La Rochelle, idle by design (no 2024 feed route in its source)', () => {
    expect(warn(baseline2024)).toEqual([['FACILITY_UNREACHED', 'facilities.fr-solvay']]);
  });

  it('simulateSupplyChain returns them with its result', async () => {
    const s: SupplyScenario = {
      ...chain,
      facilities: [...chain.facilities, { id: 'lonely', country: 'JP', kind: 'metal', capacity: 100 }],
    };
    const r = await simulateSupplyChain(s, { start: '2024-01', months: 2 });
    expect(r.warnings.map((w) => w.path)).toEqual(['facilities.lonely', 'facilities.lonely']);
    expect((await simulateSupplyChain(chain, { start: '2024-01', months: 2 })).warnings).toEqual([]);
    // The console summary and the Markdown report list them.
    const report = scenarioReport(
      'supply-chain',
      { scenario: s, options: { start: '2024-01', months: 2 } },
      r,
    );
    expect(summaryText(report)).toContain('Warnings (2):\n  - facilities.lonely: no route brings oxide');
    const md = markdownReport({
      title: 't',
      kind: 'supply-chain',
      report,
      charts: [],
      input: { text: '', format: 'yaml' },
    });
    expect(md).toContain('- **Warning:** facilities.lonely: no route takes lonely');
  });
});

describe('scenarioWarnings (reesim validate)', () => {
  it('gives the warnings with their file paths, for a supply-chain file and a study of one', () => {
    const scenario = [
      '    name: idle refinery',
      '    countries: { AU: Australia, US: United States }',
      '    facilities:',
      '      - { id: mine, country: AU, kind: mine, capacity: 100, mix: { Nd: 1 } }',
      '      - { id: refinery, country: US, kind: separation, capacity: 100 }',
      '    links: []',
      '    demand: [{ id: us, country: US, sector: magnets, stage: oxide, elements: { Nd: 10 } }]',
    ];
    const run = [
      'kind: supply-chain',
      'input:',
      '  scenario:',
      ...scenario,
      '  options: { start: 2024-01, months: 1 }',
    ];
    const loaded = loadScenario(run.join('\n'), 'yaml');
    const w = loaded.scenario ? scenarioWarnings(loaded.scenario) : [];
    expect(w.map((x) => x.split(':')[0])).toEqual([
      'input.scenario.facilities.mine', // unshipped: no route from it
      'input.scenario.facilities.refinery', // unreached (it serves its own country's demand)
      'input.scenario.demand.us',
    ]);
    expect(w[1]).toMatch(/\[FACILITY_UNREACHED\]$/);
    const study = [
      'kind: sweep',
      'input:',
      '  model: supply-chain',
      '  base:',
      '    scenario:',
      ...scenario.map((l) => `  ${l}`),
      '    options: { start: 2024-01, months: 1 }',
      '  axes: [{ path: options.months, values: [1, 2] }]',
      '  outputs: [balanceResidual]',
    ];
    const s = loadScenario(study.join('\n'), 'yaml');
    expect(s.issues).toBeUndefined();
    expect((s.scenario ? scenarioWarnings(s.scenario) : [])[0]).toMatch(
      /^input\.base\.scenario\.facilities\.mine: /,
    );
  });
});
