/**
 * A strategic stockpile of a country at a separated stage: while in force it fills from material beyond
 * its market's demand and releases into a shortfall (the month's LP carries its fill and release; the state
 * its holding). It restricts no route.
 */
import { fail } from '../../core/errors.js';
import { fraction, inRange, oneOf, optional, record } from '../../core/validate.js';
import { MAX_TONNES, toReo } from '../reo.js';
import type { Policy } from '../types.js';
import type { PolicyKind } from './types.js';

/** The `stockpile` policy kind. */
export const stockpile: PolicyKind<Extract<Policy, { kind: 'stockpile' }>> = {
  keys: ['kind', 'id', 'country', 'stage', 'elements', 'initial', 'releaseBelow', 'from', 'to', 'provenance'],
  resolve: (at, p, { net, from, to, stockpiles }) => {
    const stage = oneOf(`${at}.stage`, p.stage, ['oxide', 'metal', 'magnet'] as const);
    const market = net.markets.findIndex((m) => m.country === p.country && m.stage === stage);
    if (market < 0)
      fail(
        'INFEASIBLE',
        `${at}.country`,
        p.country,
        `a country with ${stage} demand (a stockpile serves a market)`,
      );
    if (stockpiles.some((s) => s.market === market))
      fail('INFEASIBLE', `${at}.country`, p.country, `one stockpile per country and stage (${stage})`);
    const capacity = new Float64Array(net.elements.length);
    const initial = new Float64Array(net.elements.length);
    const caps = record(`${at}.elements`, p.elements, 'capacity by element, t');
    const init = p.initial === undefined ? {} : record(`${at}.initial`, p.initial, 'holding by element, t');
    for (const [e, v] of Object.entries(caps)) {
      const i = net.elements.indexOf(e);
      if (i < 0) fail('UNKNOWN_KEY', `${at}.elements.${e}`, e, 'a rare-earth element symbol (not Pm)');
      capacity[i] = inRange(`${at}.elements.${e}`, v, 0, MAX_TONNES) * toReo(stage, e);
    }
    for (const [e, v] of Object.entries(init)) {
      const i = net.elements.indexOf(e);
      if (i < 0 || !(e in caps))
        fail('UNKNOWN_KEY', `${at}.initial.${e}`, e, 'an element listed in elements');
      initial[i] = inRange(`${at}.initial.${e}`, v, 0, caps[e] as number) * toReo(stage, e);
    }
    const releaseBelow = optional(p.releaseBelow, 1, (v) => fraction(`${at}.releaseBelow`, v));
    return {
      routes: undefined,
      licensed: () => 1,
      licenceDelayMonths: 0,
      stockpile: { id: p.id, market, stage, from, to, capacity, initial, releaseBelow },
    };
  },
};
