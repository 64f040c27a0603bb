/**
 * An export control: shipments out of the exporter at its stages (of its elements, to its destinations)
 * need a licence. The licensed share of the route's flow before the control passes (a schedule of shares
 * when the approval rate changes), each shipment delayed by the licence's months.
 */
import { fail } from '../../core/errors.js';
import { fraction, integer, oneOf, optional, record } from '../../core/validate.js';
import { monthIndex } from '../calendar.js';
import type { ApprovalStep, Policy } from '../types.js';
import { country, listOf, stagesAt } from './route.js';
import type { PolicyKind } from './types.js';

/**
 * An export control's approval rate in month index `month` (while it is in force): the constant, or the
 * rate of the schedule's last step at or before the month (steps are checked to be in order, the first at
 * the control's first month).
 */
export function approvalAt(rate: number | readonly ApprovalStep[], month: number): number {
  if (typeof rate === 'number') return rate;
  let r = (rate[0] as ApprovalStep).rate;
  for (const step of rate) {
    if (monthIndex('approvalRate.from', step.from) > month) break;
    r = step.rate;
  }
  return r;
}

/** An approval rate: a fraction, or steps of fractions in month order, the first at the control's first month. */
function checkApproval(path: string, rate: unknown, from: number): void {
  if (!Array.isArray(rate)) {
    fraction(path, rate);
    return;
  }
  if (rate.length === 0) fail('MISSING', path, rate, 'a fraction or at least one { from, rate } step');
  let last = Number.NEGATIVE_INFINITY;
  rate.forEach((step: unknown, k) => {
    const s = record(`${path}[${k}]`, step, '{ from, rate }');
    const m = monthIndex(`${path}[${k}].from`, s.from);
    if (k === 0 && m !== from)
      fail('OUT_OF_RANGE', `${path}[0].from`, s.from, "the control's first month (its from)");
    if (!(m > last)) fail('OUT_OF_RANGE', `${path}[${k}].from`, s.from, 'a month after the step before');
    last = m;
    fraction(`${path}[${k}].rate`, s.rate);
  });
}

/** The `exportControl` policy kind. */
export const exportControl: PolicyKind<Extract<Policy, { kind: 'exportControl' }>> = {
  keys: [
    'kind',
    'id',
    'exporter',
    'stages',
    'elements',
    'destinations',
    'approvalRate',
    'licenceDelayMonths',
    'from',
    'to',
    'provenance',
  ],
  resolve: (at, p, { scenario, net, from }) => {
    const stages = stagesAt(`${at}.stages`, p.stages);
    const listed = country(scenario);
    const exporter = listed(`${at}.exporter`, p.exporter);
    const elements = optional<string[] | undefined>(p.elements, undefined, (v) =>
      listOf(`${at}.elements`, v, 'element symbols', (path, e) => oneOf(path, e, net.elements)),
    );
    const destinations = optional<string[] | undefined>(p.destinations, undefined, (v) =>
      listOf(`${at}.destinations`, v, 'country codes', listed),
    );
    checkApproval(`${at}.approvalRate`, p.approvalRate, from);
    return {
      routes: { exporter, stages, destinations, elements },
      licensed: (month) => approvalAt(p.approvalRate, month),
      licenceDelayMonths: optional(p.licenceDelayMonths, 0, (v) => integer(`${at}.licenceDelayMonths`, v, 0)),
      stockpile: undefined,
    };
  },
};
