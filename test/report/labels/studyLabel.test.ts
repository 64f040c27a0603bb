// Study paths in words (issue 16, "Monte Carlo summaries with readable labels and percentages"): each
// model's outputs and parameters get a label and a unit taken from the base where it declares them; a path
// no rule knows keeps its own text, with no unit and no scaling.
import { describe, expect, it } from 'vitest';
import { studyLabel } from '../../../src/report/labels/studyLabel.js';
import { getNumber } from '../../../src/study/paths.js';
import { distribution } from '../../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../../src/sx/steady/simulateCascade.js';

const cascade = (flowUnits?: 'mol/h' | 'kmol/h') => ({
  model: 'cascade',
  base: flowUnits === undefined ? {} : { flowUnits },
});

describe('studyLabel', () => {
  it("studyLabel(cascade study, 'product.purity.A'): Product purity of A, in %, ×100", () => {
    expect(studyLabel(cascade(), 'product.purity.A')).toEqual({
      label: 'Product purity of A',
      unit: '%',
      scale: 100,
      known: true,
    });
    expect(studyLabel(cascade(), 'raffinate.purity.B').label).toBe('Raffinate purity of B');
    expect(studyLabel(cascade(), 'toOrganic.A')).toMatchObject({ label: 'A to product', unit: '%' });
    expect(studyLabel(cascade(), 'draws[0].purity.M').label).toBe('Side draw 1 purity of M');
  });

  it("studyLabel(cascade study, 'product.flows.A'): in the spec's flowUnits, else amount/time", () => {
    expect(studyLabel(cascade('mol/h'), 'product.flows.A')).toEqual({
      label: 'Product flow of A',
      unit: 'mol/h',
      scale: 1,
      known: true,
    });
    expect(studyLabel(cascade('kmol/h'), 'product.flows.A').unit).toBe('kmol/h');
    expect(studyLabel(cascade('kmol/h'), 'raffinate.volume').unit).toBe('m³/h');
    // No declared unit: the scenario's own, as the cascade report says it (not a guessed mol/h).
    expect(studyLabel(cascade(), 'product.flows.A').unit).toBe('amount/time');
  });

  it('studyLabel(cascade study, balanceError): Balance residual (relative), no unit', () => {
    expect(studyLabel(cascade(), 'balanceError')).toEqual({
      label: 'Balance residual (relative)',
      scale: 1,
      known: true,
    });
  });

  it('studyLabel(cascade study, parameter): β, D, feed flows and volumes with their units', () => {
    const p = (path: string, flowUnits?: 'mol/h' | 'kmol/h') =>
      studyLabel(cascade(flowUnits), path, 'parameter');
    expect(p('equilibrium.beta.A')).toEqual({
      label: 'β of A (relative extractability)',
      scale: 1,
      known: true,
    });
    expect(p('equilibrium.scrub.D.B').label).toBe('Distribution ratio D of B, scrub section');
    expect(p('feed.flows.Nd', 'kmol/h')).toMatchObject({ label: 'Feed flow of Nd', unit: 'kmol/h' });
    expect(p('organic.volume', 'mol/h')).toMatchObject({ label: 'Organic volume flow', unit: 'L/h' });
    // A fraction parameter is shown as given: unit 'fraction', not ×100.
    expect(p('efficiency.murphree')).toMatchObject({ unit: 'fraction', scale: 1 });
  });

  it('studyLabel: every cascade output it names is a number of a real cascade result', () => {
    const spec = {
      stages: { extraction: 3, scrub: 2 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
      organic: { volume: 2 },
      scrub: { volume: 1 },
      equilibrium: distribution({ A: 3, B: 0.5 }),
    };
    const r = simulateCascade(spec);
    const paths = [
      'product.purity.A',
      'raffinate.purity.B',
      'loadedOrganic.flows.A',
      'product.flows.B',
      'raffinate.volume',
      'toOrganic.A',
      'stages.total',
      'balanceError',
      'residual',
      'iterations',
    ];
    for (const path of paths) {
      expect(Number.isFinite(getNumber(r, path)), path).toBe(true);
      expect(studyLabel({ model: 'cascade', base: spec }, path).known, path).toBe(true);
    }
  });

  it('studyLabel(design study, ...): the design report words; the verifying simulation named as such', () => {
    const design = { model: 'design', base: { flowUnits: 'kmol/h' } };
    expect(studyLabel(design, 'purity.organic')).toMatchObject({
      label: 'Organic product purity (A side)',
      unit: '%',
    });
    expect(studyLabel(design, 'flows.organicVolume')).toMatchObject({ unit: 'm³/h' });
    expect(studyLabel(design, 'simulation.product.purity.Nd')).toMatchObject({
      label: 'Product purity of Nd (verifying simulation)',
      unit: '%',
    });
    expect(studyLabel(design, 'purity.organic', 'parameter').label).toBe(
      'Organic product purity target (A side)',
    );
  });

  it('studyLabel(train study, ...): mol/h results; the feed in the request unit; positions kept', () => {
    const train = { model: 'train', base: { feed: { Nd: 1000 }, unit: 't REO/yr' } };
    expect(studyLabel(train, 'totals.NaOH')).toMatchObject({ label: 'NaOH (saponification)', unit: 'mol/h' });
    expect(studyLabel(train, 'products[0].purity')).toMatchObject({
      label: 'Purity of products[0]',
      unit: '%',
    });
    expect(studyLabel(train, 'feed.Nd', 'parameter')).toMatchObject({
      label: 'Feed of Nd',
      unit: 't REO/yr',
    });
  });

  it('studyLabel(flowsheet study, ...): product KPIs, energy, the balance; block parameters by id only', () => {
    const plant = { model: 'flowsheet', base: {} };
    expect(studyLabel(plant, 'kpis.products.ndpr.recovery.Nd')).toMatchObject({
      label: 'ndpr: Nd recovery',
      unit: '%',
    });
    expect(studyLabel(plant, 'kpis.energy')).toMatchObject({ label: 'Energy', unit: 'kW' });
    expect(studyLabel(plant, 'balance.residual').label).toBe('Balance residual (relative)');
    expect(studyLabel(plant, 'blocks.rougher.params.recovery', 'parameter').label).toBe(
      'Block rougher: recovery',
    );
    // A position is not an id: the path stays.
    expect(studyLabel(plant, 'blocks[2].params.recovery', 'parameter').label).toBe(
      'blocks[2].params.recovery',
    );
  });

  it('studyLabel(cascade-dynamics study, ...): steady state, samples and times in hours with flowUnits', () => {
    const dyn = { model: 'cascade-dynamics', base: { spec: { flowUnits: 'kmol/h' }, options: {} } };
    expect(studyLabel(dyn, 'steady.product.purity.A').label).toBe('Product purity of A at steady state');
    expect(studyLabel(dyn, 'samples[-1].raffinate.flows.B')).toMatchObject({
      label: 'Raffinate flow of B at the end of the run',
      unit: 'kmol/h',
    });
    expect(studyLabel(dyn, 'outlets.product.timeToSpec').unit).toBe('h');
    expect(studyLabel({ ...dyn, base: {} }, 'outlets.product.timeToSpec').unit).toBe(
      'time unit of the flows',
    );
    expect(studyLabel(dyn, 'spec.equilibrium.beta.A', 'parameter').label).toBe(
      'β of A (relative extractability)',
    );
  });

  it('studyLabel(supply-chain study, ...): shares in %, tonnages in t REO or t RE metal, capacities per year', () => {
    const supply = {
      model: 'supply-chain',
      base: {
        scenario: {
          facilities: [{ id: 'kachin', kind: 'mine' }],
          events: [
            { kind: 'newFacility', id: 'mp-domestic-separation', facility: { kind: 'separation' } },
            { kind: 'newFacility', id: 'eu-magnets', facility: { kind: 'magnet' } },
          ],
          demand: [{ id: 'eu-metal', stage: 'metal' }],
        },
        options: { start: '2024-01', months: 84 },
      },
    };
    expect(studyLabel(supply, 'years.2030.separatedShare.CN')).toEqual({
      label: 'Separated share of CN, 2030',
      unit: '%',
      scale: 100,
      known: true,
    });
    expect(studyLabel(supply, 'years.2030.production.oxide.US')).toMatchObject({
      label: 'Oxide production of US, 2030',
      unit: 't REO',
    });
    expect(studyLabel(supply, 'years.2030.production.magnet.JP').unit).toBe('t RE metal');
    expect(studyLabel(supply, 'years.2030.demand.eu-metal.shortfall.Nd').unit).toBe('t RE metal');
    expect(studyLabel(supply, 'balanceResidual').label).toBe('Balance residual (relative)');
    const p = (path: string) => studyLabel(supply, path, 'parameter');
    expect(p('scenario.events.mp-domestic-separation.facility.capacity.value')).toEqual({
      label: 'mp-domestic-separation capacity',
      unit: 't REO/yr',
      scale: 1,
      known: true,
    });
    expect(p('scenario.events.eu-magnets.facility.capacity').unit).toBe('t RE metal/yr');
    // Not in the base (a layer the report cannot see): t/yr, which is true of either.
    expect(p('scenario.events.elsewhere.facility.capacity.value').unit).toBe('t/yr');
    expect(p('scenario.facilities.kachin.availability')).toMatchObject({
      label: 'kachin availability',
      unit: 'fraction',
    });
  });

  it('studyLabel(parallel-lines study, ...): line costs in m³ and kmol/h, purities in %, positions kept', () => {
    const base = { feed: { Pr: 1.3247, Nd: 3.7062 }, unit: 't REO/yr' };
    const study = { model: 'parallel-lines', base };
    expect(studyLabel(study, 'lines.1.solventInventory')).toEqual({
      label: 'Solvent inventory of lines[1]',
      unit: 'm³',
      scale: 1,
      known: true,
    });
    expect(studyLabel(study, 'lines[2].purity.organic')).toMatchObject({
      label: 'Purity of the organic product of lines[2]',
      unit: '%',
      scale: 100,
    });
    expect(studyLabel(study, 'lines.0.output.aqueous').unit).toBe('kmol/h');
    expect(studyLabel(study, 'lines.3.outputOxide.organic')).toMatchObject({ unit: 'kg/h', known: true });
    expect(studyLabel(study, 'evidence.balanceError').label).toBe('Balance residual (relative)');
    expect(studyLabel(study, 'feed.Nd', 'parameter')).toMatchObject({
      label: 'Feed of Nd',
      unit: 't REO/yr',
    });
    expect(studyLabel(study, 'k', 'parameter').label).toBe('Output factor k');
    expect(studyLabel(study, 'lines.0.reagents.base').known).toBe(false);
  });

  it('studyLabel: an unknown path, model or study keeps the path, no unit, scale 1', () => {
    const raw = (path: string) => ({ label: path, scale: 1, known: false });
    expect(studyLabel(cascade(), 'stageFlows.aqueous')).toEqual(raw('stageFlows.aqueous'));
    expect(studyLabel(cascade(), 'product.purity')).toEqual(raw('product.purity'));
    expect(studyLabel({ model: 'supply-chain' }, 'separatedShare.CN[3]')).toEqual(
      raw('separatedShare.CN[3]'),
    );
    expect(studyLabel({ model: 'no-such-model' }, 'product.purity.A')).toEqual(raw('product.purity.A'));
    expect(studyLabel({ model: () => 1 }, 'product.purity.A')).toEqual(raw('product.purity.A'));
    expect(studyLabel(undefined, 'product.purity.A')).toEqual(raw('product.purity.A'));
    expect(studyLabel(cascade(), 'a..b')).toEqual(raw('a..b'));
    // A cascade path under another model is not that model's: the rules are per model.
    expect(studyLabel({ model: 'supply-chain' }, 'product.purity.A')).toEqual(raw('product.purity.A'));
  });
});
