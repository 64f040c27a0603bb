/**
 * The report of a dynamic cascade run ({@link CascadeDynamicsResult}): when each outlet (net organic
 * product, raffinate, side draws) meets its purity spec and holds it, when its impurity settles near its
 * steady value, when every outlet's flows enter the flow band, the outlets and the hold-ups over time.
 *
 * Each start-up metric is named for what it measures: the flow band (`timeToFlowBand`) is a band on flows,
 * not on purity, so it is never called "steady state" here; the time a product is on spec is
 * `outlets.*.timeToSpec`.
 */
import type { CascadeDynamicsResult, CascadeSample, OutletTimes } from '../../sx/dynamics/dynamics.js';
import type { CascadeOutlet } from '../../sx/steady/simulateCascade.js';
import { definedPurity, inflowRate } from '../outletPurity.js';
import { AMOUNT, declaredUnits, UNITS_NOTE, unitsNote, VOLUME } from './cascade.js';
import {
  expectFields,
  field,
  formatValue,
  type Kpi,
  kpi,
  outletsTable,
  percent,
  profileTable,
  type ReportParts,
  type ReportTable,
} from './common.js';

/** Dynamics run in the time unit of the volume flows: the unit of times when the spec declares no `flowUnits`. */
export const TIME = 'time unit of the flows';

const DYNAMICS_UNITS_NOTE = `${UNITS_NOTE} Times are in the time unit of those flows.`;

/** The units of a dynamics report: the spec's declared `flowUnits` (times then in hours), or unnamed. */
interface DynamicsUnits {
  readonly amount: string;
  readonly volume: string;
  readonly time: string;
  readonly note: string;
}

function dynamicsUnits(input: unknown): DynamicsUnits {
  const u = declaredUnits(field(field(input, 'spec'), 'flowUnits'));
  return u
    ? { amount: u.amount, volume: u.volume, time: 'h', note: unitsNote(u) }
    : { amount: AMOUNT, volume: VOLUME, time: TIME, note: DYNAMICS_UNITS_NOTE };
}

/**
 * The defaults of `simulateCascadeDynamics` (src/sx/dynamics/dynamicsOptions.ts) for the flow band and the
 * impurity band, for labels when the scenario leaves them out (test/report pins them to the model's).
 */
export const DEFAULT_FLOW_BAND = 1e-4;
export const DEFAULT_IMPURITY_WITHIN = 0.1;

/** The bands the run used, read from the scenario input `{ spec, options }` (defaults where absent). */
function bandsOf(input: unknown): { readonly tolerance: number; readonly impurityWithin: number } {
  const options = field(input, 'options');
  const number = (key: string, fallback: number) => {
    const v = field(options, key);
    return typeof v === 'number' ? v : fallback;
  };
  return {
    tolerance: number('tolerance', DEFAULT_FLOW_BAND),
    impurityWithin: number('impurityWithin', DEFAULT_IMPURITY_WITHIN),
  };
}

/** One outlet of the run: its name, its start-up times, how to find it in a sample and at steady state. */
interface Outlet {
  readonly name: string;
  readonly times: OutletTimes;
  readonly at: (x: CascadeSample) => CascadeOutlet | undefined;
  readonly steady: CascadeOutlet | undefined;
}

/** The product, the raffinate and each side draw (named with its stage and phase when the input gives them). */
function outletsOf(input: unknown, r: CascadeDynamicsResult): Outlet[] {
  const draws = field(field(input, 'spec'), 'draws');
  const drawName = (k: number) => {
    const d = Array.isArray(draws) ? draws[k] : undefined;
    const stage = field(d, 'stage');
    const phase = field(d, 'phase');
    return typeof stage === 'number' && typeof phase === 'string'
      ? `Side draw ${k + 1} (stage ${stage}, ${phase})`
      : `Side draw ${k + 1}`;
  };
  return [
    { name: 'Organic product', times: r.outlets.product, at: (x) => x.product, steady: r.steady?.product },
    { name: 'Raffinate', times: r.outlets.raffinate, at: (x) => x.raffinate, steady: r.steady?.raffinate },
    ...r.outlets.draws.map(
      (times, k): Outlet => ({
        name: drawName(k),
        times,
        at: (x) => x.draws[k],
        steady: r.steady?.draws[k],
      }),
    ),
  ];
}

/** `Nd ≥ 99.9 %`, or undefined without a spec. */
function specText(t: OutletTimes): string | undefined {
  return t.target === undefined || t.species === undefined
    ? undefined
    : `${t.species} ≥ ${formatValue(percent(t.target))} %`;
}

/** The two start-up KPIs of one outlet: time to its spec and holding it; time to its steady impurity band. */
function outletKpis(
  o: Outlet,
  impurityWithin: number,
  steadyIssue: string | undefined,
  units: DynamicsUnits,
): Kpi[] {
  const t = o.times;
  const spec = specText(t);
  const out: Kpi[] = [];
  if (spec === undefined) {
    out.push(kpi(`${o.name}: time to meet its spec purity and hold it`, 'no spec given'));
  } else {
    const label = `${o.name}: time to reach ${spec} and hold it to the end of the run`;
    out.push(
      t.timeToSpec === undefined
        ? kpi(label, 'not reached in the run')
        : kpi(label, t.timeToSpec, units.time),
    );
  }
  const band = formatValue(percent(impurityWithin));
  if (t.species === undefined || t.steadyImpurity === undefined) {
    out.push(
      kpi(
        `${o.name}: time until its impurity stays within ±${band} % of its steady impurity`,
        steadyIssue === undefined ? 'no outlet flow' : 'no steady state',
      ),
    );
  } else {
    const label =
      `${o.name}: time until its impurity (1 − ${t.species} purity) stays within ±${band} % of its ` +
      `steady ${formatValue(Number(percent(t.steadyImpurity).toPrecision(3)))} %`;
    out.push(
      t.timeToSteadyImpurity === undefined
        ? kpi(label, 'not reached in the run')
        : kpi(label, t.timeToSteadyImpurity, units.time),
    );
  }
  return out;
}

/** One row per outlet: the species watched, its spec, its steady purity and the two start-up times. */
function startupTimesTable(
  outlets: readonly Outlet[],
  impurityWithin: number,
  units: DynamicsUnits,
): ReportTable {
  const band = formatValue(percent(impurityWithin));
  const time = (x: number | undefined, missing: string) => (x === undefined ? missing : x);
  return {
    name: 'startup-times',
    title:
      'Start-up times of each outlet, from time 0, each a sample time (known to within the sampling interval; ' +
      "samples at total reflux or with the outlet empty never count); 'not reached': not by the end of the run",
    columns: [
      'Outlet',
      'Species watched',
      'Spec purity (%)',
      'Steady purity (%)',
      'Steady impurity (%)',
      `Time to meet the spec and hold it to the end (${units.time})`,
      `Time until the impurity stays within ±${band} % of the steady impurity (${units.time})`,
    ],
    rows: outlets.map((o) => {
      const t = o.times;
      const steady = t.steadyImpurity === undefined ? '' : percent(1 - t.steadyImpurity);
      return [
        o.name,
        t.species ?? '',
        t.target === undefined ? 'no spec' : percent(t.target),
        steady,
        t.steadyImpurity === undefined ? '' : percent(t.steadyImpurity),
        t.target === undefined ? '' : time(t.timeToSpec, 'not reached'),
        t.steadyImpurity === undefined ? '' : time(t.timeToSteadyImpurity, 'not reached'),
      ];
    }),
  };
}

/** The notes on each outlet with a spec: met from when, or missed at the end and by how much. */
function specNotes(outlets: readonly Outlet[], last: CascadeSample | undefined, feedRate: number): string[] {
  return outlets.flatMap((o) => {
    const t = o.times;
    const spec = specText(t);
    if (spec === undefined || t.species === undefined) return [];
    if (t.timeToSpec !== undefined)
      return [
        `Spec of the ${lower(o.name)} (${spec}): met from t = ${formatValue(t.timeToSpec)} to the end.`,
      ];
    const end = last && o.at(last);
    const p = end && definedPurity(end, t.species, feedRate);
    const at = last ? ` at t = ${formatValue(last.time)}` : '';
    const now = p === undefined ? `no flow${at}` : `${t.species} ${formatValue(percent(p))} %${at}`;
    return [`Spec of the ${lower(o.name)} (${spec}): NOT met at the end of the run (${now}).`];
  });
}

function lower(name: string): string {
  return name
    .replace(/^Organic/, 'organic')
    .replace(/^Raffinate/, 'raffinate')
    .replace(/^Side/, 'side');
}

/**
 * The first note: whether and when every outlet's flows entered the flow band, what that band is not, and
 * the purity of each outlet (in its watched species) at that time.
 */
function flowBandNote(
  r: CascadeDynamicsResult,
  outlets: readonly Outlet[],
  tolerance: number,
  feedRate: number,
): string {
  const band = `±${formatValue(tolerance)} × that outlet's steady total`;
  if (r.timeToFlowBand === undefined)
    return (
      `Outlet flows within the band: NO (by the end of the run not every species flow of every outlet was ` +
      `within ${band} of its steady value; "Converged" refers only to the steady-state solve of the final ` +
      'operating point).'
    );
  const t = r.timeToFlowBand;
  const sample = r.samples.find((x) => x.time === t);
  const purities = outlets.flatMap((o) => {
    const out = sample && o.at(sample);
    const p = out && o.times.species !== undefined && definedPurity(out, o.times.species, feedRate);
    return typeof p === 'number' ? [`${lower(o.name)} ${o.times.species} ${formatValue(percent(p))} %`] : [];
  });
  const then = purities.length > 0 ? ` At t = ${formatValue(t)}: ${purities.join(', ')}.` : '';
  return (
    `Outlet flows within the band: yes, from t = ${formatValue(t)} (every species flow of every outlet ` +
    `within ${band} of its steady value). A band on flows, not on purity: whether a product is on spec is ` +
    `its time to spec.${then}`
  );
}

/** The transient table: each outlet's flows and purities and the cascade's hold-up at every sample. */
function transientTable(
  r: CascadeDynamicsResult,
  outlets: readonly Outlet[],
  feedRate: number,
  units: DynamicsUnits,
): ReportTable {
  const purity = (o: CascadeOutlet | undefined, s: string): number | string => {
    const p = o && definedPurity(o, s, feedRate);
    return p === undefined ? '' : percent(p);
  };
  const short = (o: Outlet) => o.name.replace(/^Organic product/, 'Product').replace(/ \(.*\)$/, '');
  return {
    name: 'transient',
    title:
      'Transient: outlets and hold-up at each sample time (product: net organic product; purity empty where ' +
      'the outlet carries less than 1e-9 of the feed)',
    columns: [
      `Time (${units.time})`,
      'Operation',
      ...outlets.flatMap((o) => r.species.map((s) => `${short(o)} ${s} (${units.amount})`)),
      ...outlets.flatMap((o) => r.species.map((s) => `${short(o)} ${s} purity (%)`)),
      ...r.species.map((s) => `Held ${s} (amount)`),
    ],
    rows: r.samples.map((x) => [
      x.time,
      x.operation,
      ...outlets.flatMap((o) => r.species.map((s) => o.at(x)?.flows[s] ?? 0)),
      ...outlets.flatMap((o) => r.species.map((s) => purity(o.at(x), s))),
      ...r.species.map((s) => x.inventory?.[s] ?? 0),
    ]),
  };
}

/** The report of a `cascade-dynamics` run; `input` is the scenario's `{ spec, options }` (for the bands' values). */
export function dynamicsReport(input: unknown, result: unknown): ReportParts {
  expectFields('cascade-dynamics', result, [
    'species',
    'samples',
    'outlets',
    'final',
    'balanceError',
    'steps',
  ]);
  const r = result as CascadeDynamicsResult;
  const units = dynamicsUnits(input);
  const { tolerance, impurityWithin } = bandsOf(input);
  const last = r.samples.at(-1);
  const outlets = outletsOf(input, r);
  // An outlet carrying less than 1e-9 of the feed has no purity: an empty cell, not a ratio of round-off.
  const feedRate = inflowRate(r);
  const purityKpi = (label: string, o: CascadeOutlet | undefined, s: string): Kpi => {
    const p = o && definedPurity(o, s, feedRate);
    return p === undefined ? kpi(label, 'undefined (no flow)') : kpi(label, percent(p), '%');
  };

  const flowBandLabel = `Time until every outlet's flows are within the band (±${formatValue(tolerance)} of each outlet's steady total)`;
  const kpis: Kpi[] = [
    ...outlets.flatMap((o) => outletKpis(o, impurityWithin, r.steadyIssue, units)),
    r.timeToFlowBand === undefined
      ? kpi(flowBandLabel, r.steady ? 'not reached in the run' : 'no steady state')
      : kpi(flowBandLabel, r.timeToFlowBand, units.time),
  ];
  if (last) {
    kpis.push(kpi('Final time', last.time, units.time));
    for (const o of outlets)
      for (const s of r.species) kpis.push(purityKpi(`${o.name}: ${s} purity, final`, o.at(last), s));
  }
  if (r.steady) {
    for (const o of outlets)
      for (const s of r.species) kpis.push(purityKpi(`${o.name}: ${s} purity, steady state`, o.steady, s));
  }
  kpis.push(
    kpi('Time steps', r.steps),
    kpi('Largest time step', r.dt, units.time),
    kpi('Most iterations of a mixer equilibrium split', r.splitIterations ?? 0),
  );

  const tables: ReportTable[] = [
    startupTimesTable(outlets, impurityWithin, units),
    transientTable(r, outlets, feedRate, units),
    profileTable(
      'final-profile',
      'Stage profile at the end of the run (stage 1 = raffinate end)',
      r.species,
      r.final,
      units.amount,
    ),
    {
      name: 'inventory',
      title: 'Hold-up of the whole cascade at time 0 and at the end, and cumulative amounts in and out',
      columns: [
        'Species',
        'Held at time 0 (amount)',
        'Held at the end (amount)',
        'Entered (amount)',
        'Left (amount)',
      ],
      rows: r.species.map((s) => [
        s,
        r.initialInventory?.[s] ?? 0,
        r.inventory[s] ?? 0,
        r.totalIn[s] ?? 0,
        r.totalOut[s] ?? 0,
      ]),
    },
  ];
  if (r.steady) {
    tables.push(
      outletsTable(
        'steady-outlets',
        'Outlets at the steady state of the final operating point',
        r.species,
        [
          ['raffinate', r.steady.raffinate],
          ['loaded organic', r.steady.loadedOrganic],
          ['net product', r.steady.product],
          ...r.steady.draws.map((d, k): [string, CascadeOutlet] => [
            lower(outlets[k + 2]?.name ?? `Side draw ${k + 1}`),
            d,
          ]),
        ],
        units.amount,
        units.volume,
      ),
    );
  }

  // First, so that "Converged" (the steady-state solve) is not read as the run having settled.
  const notes: string[] = [
    flowBandNote(r, outlets, tolerance, feedRate),
    ...specNotes(outlets, last, feedRate),
  ];
  const interval = (r.samples[1]?.time ?? 0) - (r.samples[0]?.time ?? 0);
  if (interval > 0)
    notes.push(
      `Every start-up time is a sample time: known to within the sampling interval (${formatValue(interval)} ${units.time}).`,
    );
  if (r.steadyIssue) notes.push(`No steady state at the final operating point: ${r.steadyIssue}`);
  notes.push(
    `Balance residual: largest relative error of inventory = initial + in − out over all ${r.steps} time steps.`,
    units.note,
  );
  return {
    kpis,
    tables,
    evidence: {
      converged: r.steady ? r.steady.converged : true,
      scope: r.steady
        ? 'the steady-state solve of the final operating point, not whether the run settled'
        : 'no steady-state solve: the final operating point has no steady state (see the notes)',
      balanceResidual: r.balanceError,
      notes,
    },
  };
}
