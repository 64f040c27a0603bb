// The cascade-dynamics report (src/report/kinds/dynamics.ts): each start-up metric is labelled for what it
// measures, with its unit, and carries the result's number: per outlet (product, raffinate, side draws) the
// time to meet its spec and hold it and the time until its impurity settles; the time until every outlet's
// flows are within the flow band, which is never called "steady state".
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/report/kinds/common.js';
import { DEFAULT_FLOW_BAND, DEFAULT_IMPURITY_WITHIN } from '../../src/report/kinds/dynamics.js';
import { type ReportTable, type ScenarioReport, scenarioReport } from '../../src/report/scenarioReport.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import {
  type CascadeDynamicsOptions,
  type CascadeDynamicsResult,
  simulateCascadeDynamics,
} from '../../src/sx/dynamics/dynamics.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';

const TIME = 'time unit of the flows';

// test/sx/dynamics.test.ts `linear`, with a side draw of a tenth of stage 3's aqueous. At steady state the
// product is 61.4 % B, the raffinate 81.1 % A and the draw 69.0 % A.
const drawn: CascadeSpec = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: distribution({ A: 0.85, B: 1.5 }),
  draws: [{ stage: 3, phase: 'aqueous', fraction: 0.1 }],
};
const holdup = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } };
const options: CascadeDynamicsOptions = {
  holdup,
  duration: 60,
  sampleEvery: 0.5,
  startup: 'feed',
  tolerance: 1e-3,
  spec: { product: { B: 0.61 }, raffinate: 0.8, draws: [{ A: 0.65 }] },
  impurityWithin: 0.2,
};

function kpi(report: ScenarioReport, label: string) {
  const k = report.kpis.find((x) => x.label === label);
  if (!k) throw new Error(`no KPI '${label}' in ${report.kpis.map((x) => x.label).join(' | ')}`);
  return k;
}

function table(report: ScenarioReport, name: string): ReportTable {
  const t = report.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

function cells(t: ReportTable, column: string): (string | number)[] {
  const j = t.columns.indexOf(column);
  if (j < 0) throw new Error(`no column '${column}' in ${t.columns.join(' | ')}`);
  return t.rows.map((r) => r[j] as string | number);
}

/** Every word a report shows: KPI labels and values, table titles, columns and cells, notes. */
function words(report: ScenarioReport): string {
  return [
    ...report.kpis.flatMap((k) => [k.label, String(k.value), k.unit ?? '']),
    ...report.tables.flatMap((t) => [t.title, ...t.columns, ...t.rows.flat().map(String)]),
    ...report.evidence.notes,
    report.evidence.scope ?? '',
  ].join('\n');
}

describe('scenarioReport(cascade-dynamics)', () => {
  const input = { spec: drawn, options };
  const r = simulateCascadeDynamics(drawn, options);
  const report = scenarioReport('cascade-dynamics', input, r);

  it('the run reaches every spec, so the times below are numbers (checked, not assumed)', () => {
    for (const o of [r.outlets.product, r.outlets.raffinate, r.outlets.draws[0]]) {
      expect(o?.timeToSpec).toBeGreaterThan(0);
      expect(o?.timeToSteadyImpurity).toBeGreaterThan(0);
    }
    expect(r.timeToFlowBand).toBeGreaterThan(0);
  });

  it('gives each outlet its time to spec and to its steady impurity, labelled with the spec and the band, in the time unit', () => {
    const p = r.outlets.product;
    const spec = kpi(report, 'Organic product: time to reach B ≥ 61 % and hold it to the end of the run');
    expect(spec).toEqual({ label: spec.label, value: p.timeToSpec, unit: TIME });
    const steady = 100 * (p.steadyImpurity as number);
    const settle = kpi(
      report,
      `Organic product: time until its impurity (1 − B purity) stays within ±20 % of its steady ${Number(steady.toPrecision(3))} %`,
    );
    expect(settle).toEqual({ label: settle.label, value: p.timeToSteadyImpurity, unit: TIME });
    // The raffinate's spec is a bare purity: it applies to its main species, A.
    expect(kpi(report, 'Raffinate: time to reach A ≥ 80 % and hold it to the end of the run').value).toBe(
      r.outlets.raffinate.timeToSpec,
    );
    // The side draw, named with its stage and phase.
    expect(
      kpi(report, 'Side draw 1 (stage 3, aqueous): time to reach A ≥ 65 % and hold it to the end of the run')
        .value,
    ).toBe(r.outlets.draws[0]?.timeToSpec);
  });

  it("gives the flow band's time under its own name and band, never as a time to steady state", () => {
    const band = kpi(
      report,
      "Time until every outlet's flows are within the band (±0.001 of each outlet's steady total)",
    );
    expect(band).toEqual({ label: band.label, value: r.timeToFlowBand, unit: TIME });
    // ... with each outlet's purity at that time: in the band is not on spec.
    const t = r.timeToFlowBand as number;
    const x = r.samples.find((s) => s.time === t);
    const pct = (p: number | undefined) => formatValue(100 * (p as number));
    expect(report.evidence.notes[0]).toBe(
      `Outlet flows within the band: yes, from t = ${formatValue(t)} (every species flow of every outlet ` +
        "within ±0.001 × that outlet's steady total of its steady value). A band on flows, not on purity: " +
        `whether a product is on spec is its time to spec. At t = ${formatValue(t)}: organic product B ` +
        `${pct(x?.product.purity.B)} %, raffinate A ${pct(x?.raffinate.purity.A)} %, side draw 1 (stage 3, ` +
        `aqueous) A ${pct(x?.draws[0]?.purity.A)} %.`,
    );
    expect(words(report)).not.toMatch(/time to steady state|reached steady state|steady state reached/i);
  });

  it('says for each spec when it was met, and the time resolution', () => {
    expect(report.evidence.notes.slice(1, 4)).toEqual([
      `Spec of the organic product (B ≥ 61 %): met from t = ${r.outlets.product.timeToSpec} to the end.`,
      `Spec of the raffinate (A ≥ 80 %): met from t = ${r.outlets.raffinate.timeToSpec} to the end.`,
      `Spec of the side draw 1 (stage 3, aqueous) (A ≥ 65 %): met from t = ${r.outlets.draws[0]?.timeToSpec} to the end.`,
    ]);
    expect(report.evidence.notes[4]).toBe(
      'Every start-up time is a sample time: known to within the sampling interval (0.5 time unit of the flows).',
    );
  });

  it('tabulates the start-up times per outlet, units in every column', () => {
    const t = table(report, 'startup-times');
    expect(cells(t, 'Outlet')).toEqual(['Organic product', 'Raffinate', 'Side draw 1 (stage 3, aqueous)']);
    expect(cells(t, 'Species watched')).toEqual(['B', 'A', 'A']);
    expect(cells(t, 'Spec purity (%)')).toEqual([61, 80, 65]);
    expect(cells(t, `Time to meet the spec and hold it to the end (${TIME})`)).toEqual([
      r.outlets.product.timeToSpec,
      r.outlets.raffinate.timeToSpec,
      r.outlets.draws[0]?.timeToSpec,
    ]);
    expect(cells(t, `Time until the impurity stays within ±20 % of the steady impurity (${TIME})`)).toEqual([
      r.outlets.product.timeToSteadyImpurity,
      r.outlets.raffinate.timeToSteadyImpurity,
      r.outlets.draws[0]?.timeToSteadyImpurity,
    ]);
    const steady = r.steady ?? expect.unreachable('the cascade has a steady state');
    expect(cells(t, 'Steady purity (%)')[2]).toBeCloseTo(100 * (steady.draws[0]?.purity.A as number), 9);
    for (const c of t.columns.slice(2)) expect(c).toMatch(/\((%|time unit of the flows)\)$/);
  });

  it('carries the side draw and the hold-up in the transient table, and the initial hold-up in the inventory', () => {
    const t = table(report, 'transient');
    expect(t.rows).toHaveLength(r.samples.length);
    expect(cells(t, 'Side draw 1 A (amount/time)')).toEqual(r.samples.map((x) => x.draws[0]?.flows.A));
    expect(cells(t, 'Held B (amount)')).toEqual(r.samples.map((x) => x.inventory.B));
    const inventory = table(report, 'inventory');
    expect(cells(inventory, 'Held at time 0 (amount)')).toEqual([r.initialInventory.A, r.initialInventory.B]);
    expect(cells(inventory, 'Held at the end (amount)')).toEqual([r.inventory.A, r.inventory.B]);
    const steady = table(report, 'steady-outlets');
    expect(cells(steady, 'Outlet').at(-1)).toBe('side draw 1 (stage 3, aqueous)');
  });

  it('a spec missed at the end: "not reached in the run" and a note with the purity at the end', () => {
    const short = { ...options, duration: 0.5, sampleEvery: 0.1 };
    const run = simulateCascadeDynamics(drawn, short);
    expect(run.outlets.product.timeToSpec).toBeUndefined();
    const rep = scenarioReport('cascade-dynamics', { spec: drawn, options: short }, run);
    expect(kpi(rep, 'Organic product: time to reach B ≥ 61 % and hold it to the end of the run')).toEqual({
      label: 'Organic product: time to reach B ≥ 61 % and hold it to the end of the run',
      value: 'not reached in the run',
    });
    const last = run.samples.at(-1);
    const b = Number((100 * (last?.product.purity.B as number)).toPrecision(6));
    expect(rep.evidence.notes).toContain(
      `Spec of the organic product (B ≥ 61 %): NOT met at the end of the run (B ${b} % at t = 0.5).`,
    );
    expect(rep.evidence.notes[0]).toMatch(/^Outlet flows within the band: NO/);
    expect(
      cells(table(rep, 'startup-times'), `Time to meet the spec and hold it to the end (${TIME})`)[0],
    ).toBe('not reached');
  });

  it('a pre-loaded start is on spec and in both bands from time 0; outlets without a spec say so', () => {
    const pre = { holdup, duration: 5, startup: 'preloaded' as const, spec: { product: 0.6 } };
    const run = simulateCascadeDynamics(drawn, pre);
    const rep = scenarioReport('cascade-dynamics', { spec: drawn, options: pre }, run);
    expect(kpi(rep, 'Organic product: time to reach B ≥ 60 % and hold it to the end of the run').value).toBe(
      0,
    );
    expect(kpi(rep, 'Raffinate: time to meet its spec purity and hold it').value).toBe('no spec given');
    expect(
      kpi(rep, "Time until every outlet's flows are within the band (±0.0001 of each outlet's steady total)")
        .value,
    ).toBe(0);
    const settle = rep.kpis.filter((k) => k.label.includes('stays within ±10 % of its steady'));
    expect(settle.map((k) => k.value)).toEqual([0, 0, 0]);
    expect(cells(table(rep, 'startup-times'), 'Spec purity (%)')).toEqual([60, 'no spec', 'no spec']);
  });

  it('the default bands named in labels are the model defaults', () => {
    const bare = { holdup, duration: 40, sampleEvery: 0.5 };
    const run = simulateCascadeDynamics(drawn, bare);
    const explicit = simulateCascadeDynamics(drawn, {
      ...bare,
      tolerance: DEFAULT_FLOW_BAND,
      impurityWithin: DEFAULT_IMPURITY_WITHIN,
    });
    expect(run.timeToFlowBand).toBe(explicit.timeToFlowBand);
    expect(run.outlets).toEqual(explicit.outlets);
    // ... and neither is what a nearby band gives (the comparison can tell bands apart).
    const other = simulateCascadeDynamics(drawn, { ...bare, tolerance: 2e-4, impurityWithin: 0.05 });
    expect(other.timeToFlowBand).not.toBe(run.timeToFlowBand);
    expect(other.outlets.product.timeToSteadyImpurity).not.toBe(run.outlets.product.timeToSteadyImpurity);
    const rep = scenarioReport('cascade-dynamics', { spec: drawn, options: bare }, run);
    expect(rep.kpis.map((k) => k.label)).toContain(
      "Time until every outlet's flows are within the band (±0.0001 of each outlet's steady total)",
    );
  });

  it('without a steady state at the final operating point, the times say so', () => {
    const none: CascadeDynamicsResult = {
      ...r,
      steady: undefined,
      steadyIssue: 'INFEASIBLE (crafted)',
      timeToFlowBand: undefined,
      timeToSteadyState: undefined,
      reachedSteadyState: false,
      outlets: {
        product: { ...r.outlets.product, steadyImpurity: undefined, timeToSteadyImpurity: undefined },
        raffinate: { ...r.outlets.raffinate, steadyImpurity: undefined, timeToSteadyImpurity: undefined },
        draws: [],
      },
    };
    const rep = scenarioReport('cascade-dynamics', { spec: drawn, options }, none);
    expect(
      kpi(rep, "Time until every outlet's flows are within the band (±0.001 of each outlet's steady total)")
        .value,
    ).toBe('no steady state');
    expect(
      kpi(rep, 'Organic product: time until its impurity stays within ±20 % of its steady impurity').value,
    ).toBe('no steady state');
    expect(rep.evidence.notes).toContain(
      'No steady state at the final operating point: INFEASIBLE (crafted)',
    );
  });
});
