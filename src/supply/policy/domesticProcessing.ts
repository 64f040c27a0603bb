/**
 * A domestic-processing mandate: no exports of its stages from its country while it is in force (a route
 * closed to every destination and element, without a licence).
 */
import type { Policy } from '../types.js';
import { country, stagesAt } from './route.js';
import type { PolicyKind } from './types.js';

/** The `domesticProcessing` policy kind. */
export const domesticProcessing: PolicyKind<Extract<Policy, { kind: 'domesticProcessing' }>> = {
  keys: ['kind', 'id', 'country', 'stages', 'from', 'to'],
  resolve: (at, p, { scenario }) => ({
    routes: {
      stages: stagesAt(`${at}.stages`, p.stages),
      exporter: country(scenario)(`${at}.country`, p.country),
      destinations: undefined,
      elements: undefined,
    },
    licensed: () => 0,
    licenceDelayMonths: 0,
    stockpile: undefined,
  }),
};
