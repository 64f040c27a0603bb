/**
 * Study labels of the `cascade-dynamics` model: outputs of a {@link CascadeDynamicsResult} (its steady
 * state and samples as a cascade's outlets, start-up times, hold-ups) and parameters of `{ spec, options }`.
 * Units as the dynamics report's: the spec's declared `flowUnits` with times in hours, else unnamed.
 */
import { field } from '../kinds/common.js';
import { cascadeOutputs, cascadeParameters, OUTLET, outletName, outletRules, sxUnits } from './cascade.js';
import { BALANCE, byRules, fraction, type ModelLabels, quantity, under } from './rules.js';

const spec = (base: unknown) => field(base, 'spec');
const units = (base: unknown) => sxUnits(field(spec(base), 'flowUnits'));

/** ` at sample 3`, or ` at the end of the run` for the last (`-1`). */
function atSample(k: string | undefined): string {
  return k === '-1' ? ' at the end of the run' : ` at sample ${k}`;
}

const TIMES: Readonly<Record<string, string>> = {
  timeToSpec: 'time to reach its spec purity and hold it',
  timeToSteadyImpurity: 'time until its impurity stays near its steady impurity',
};

const OPTIONS: Readonly<Record<string, string>> = {
  duration: 'Simulated time',
  sampleEvery: 'Sampling interval',
  dt: 'Largest time step',
};

/** The `cascade-dynamics` model: the base is `{ spec, options }`. */
export const dynamicsLabels: ModelLabels = {
  outputs: byRules([
    under(/steady/, cascadeOutputs(spec), () => ' at steady state'),
    under(/samples\.(-1|\d+)/, byRules(outletRules(units)), ([, k]) => atSample(k)),
    [
      /^samples\.(-1|\d+)\.inventory\.([^.]+)$/,
      ([, k, s], base) => quantity(`Hold-up of ${s}${atSample(k)}`, units(base).stock),
    ],
    [/^samples\.(-1|\d+)\.time$/, ([, k], base) => quantity(`Time${atSample(k)}`, units(base).time)],
    [
      new RegExp(`^outlets\\.${OUTLET}\\.(timeToSpec|timeToSteadyImpurity)$`),
      ([, o = '', k = ''], base) => quantity(`${outletName(o)}: ${TIMES[k] ?? k}`, units(base).time),
    ],
    [
      new RegExp(`^outlets\\.${OUTLET}\\.steadyImpurity$`),
      ([, o = '']) => fraction(`${outletName(o)}: steady impurity`),
    ],
    [
      /^(timeToFlowBand|timeToSteadyState)$/,
      (_, base) => quantity('Time until the outlet flows stay in the flow band', units(base).time),
    ],
    [/^reachedSteadyState$/, () => quantity('Outlet flows ended in the flow band (1 = yes)')],
    [/^inventory\.([^.]+)$/, ([, s], base) => quantity(`Hold-up of ${s} at the end`, units(base).stock)],
    [
      /^initialInventory\.([^.]+)$/,
      ([, s], base) => quantity(`Hold-up of ${s} at the start`, units(base).stock),
    ],
    [/^totalIn\.([^.]+)$/, ([, s], base) => quantity(`${s} that entered`, units(base).stock)],
    [/^totalOut\.([^.]+)$/, ([, s], base) => quantity(`${s} that left`, units(base).stock)],
    [/^balanceError$/, () => BALANCE],
    [/^steps$/, () => quantity('Time steps')],
    [/^dt$/, (_, base) => quantity('Largest time step', units(base).time)],
    [/^splitIterations$/, () => quantity('Most iterations of a mixer equilibrium split')],
  ]),
  parameters: byRules([
    under(/spec/, cascadeParameters(spec), () => ''),
    [
      /^options\.(duration|sampleEvery|dt)$/,
      ([, k = ''], base) => quantity(OPTIONS[k] ?? k, units(base).time),
    ],
    [/^options\.tolerance$/, () => quantity('Flow band (relative to each outlet’s steady total)')],
    [/^options\.impurityWithin$/, () => quantity('Impurity band (relative to the steady impurity)')],
  ]),
};
