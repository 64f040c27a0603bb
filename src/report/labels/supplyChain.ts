/**
 * Study labels of the `supply-chain` model: outputs of a {@link SupplyChainResult} by year (t REO up to
 * oxide, t of RE metal for metal and magnets, as the supply-chain report gives them; shares as fractions)
 * and parameters of `{ scenario, options }`: facilities and events by id, a capacity in t REO/yr or
 * t RE metal/yr by what the facility makes (looked up in the base scenario; t/yr when it is not there).
 */
import { isRecord } from '../../core/validate.js';
import { field } from '../kinds/common.js';
import { BALANCE, byRules, fraction, ID, type ModelLabels, quantity } from './rules.js';

const METAL = new Set(['metal', 'magnet']);

/** t REO up to oxide, t of RE metal for metal and magnets. */
function tonnes(stage: string | undefined): string {
  return METAL.has(stage ?? '') ? 't RE metal' : 't REO';
}

/** `Oxide`, `Concentrate`: a stage as the first word of a label. */
function capital(stage: string | undefined): string {
  const s = stage ?? '';
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The entry of a list of the base scenario with this id (a facility, an event, a demand). */
function byId(base: unknown, list: string, id: string | undefined): unknown {
  const entries = field(field(base, 'scenario'), list);
  return Array.isArray(entries) ? entries.find((e) => isRecord(e) && e.id === id) : undefined;
}

/**
 * The unit of a facility's capacity, from its kind: t REO/yr, or t RE metal/yr for metal and magnet
 * makers; t/yr when the base does not say. `id` is a facility, a new facility's event or a change's event.
 */
function capacityUnit(base: unknown, id: string | undefined): string {
  const event = byId(base, 'events', id);
  const changed = field(event, 'facility');
  const facility =
    typeof changed === 'string'
      ? (byId(base, 'facilities', changed) ?? field(byId(base, 'events', changed), 'facility'))
      : (changed ?? byId(base, 'facilities', id));
  const kind = field(facility, 'kind');
  if (typeof kind !== 'string') return 't/yr';
  return `${tonnes(kind)}/yr`;
}

/** The unit of a demand entry's amounts, by its stage; t when the base does not say. */
function demandUnit(base: unknown, id: string | undefined): string {
  const stage = field(byId(base, 'demand', id), 'stage');
  return typeof stage === 'string' ? tonnes(stage) : 't';
}

const YEAR = '^years\\.(\\d{4})\\.';
const STAGE = '(concentrate|mixed|oxide|metal|magnet)';
/** A facility, or a new facility's event, by id. */
const FACILITY = `^scenario\\.(?:facilities\\.${ID}|events\\.${ID}\\.facility)\\.`;

/** A field of an event, or of a demand entry, by id. */
const event = (rest: string) => new RegExp(`^scenario\\.events\\.${ID}\\.${rest}$`);
const demand = (rest: string) => new RegExp(`^scenario\\.demand\\.${ID}\\.${rest}$`);

const STOCKPILE: Readonly<Record<string, string>> = {
  held: 'held at the end of',
  filled: 'filled in',
  released: 'released in',
};

/** The `supply-chain` model: the base is `{ scenario, options }`. */
export const supplyChainLabels: ModelLabels = {
  outputs: byRules([
    [new RegExp(`${YEAR}separatedShare\\.([^.]+)$`), ([, y, c]) => fraction(`Separated share of ${c}, ${y}`)],
    [
      new RegExp(`${YEAR}production\\.${STAGE}\\.([^.]+)$`),
      ([, y, s, c]) => quantity(`${capital(s)} production of ${c}, ${y}`, tonnes(s)),
    ],
    [
      new RegExp(`${YEAR}elementProduction\\.${STAGE}\\.([^.]+)\\.([^.]+)$`),
      ([, y, s, c, el]) => quantity(`${el} ${s} production of ${c}, ${y}`, tonnes(s)),
    ],
    [
      new RegExp(`${YEAR}recycled\\.([^.]+)$`),
      ([, y, c]) => quantity(`Oxide recycled in ${c}, ${y}`, 't REO'),
    ],
    [new RegExp(`${YEAR}inventory$`), ([, y]) => quantity(`Held in inventories at the end of ${y}`, 't REO')],
    [new RegExp(`${YEAR}inTransit$`), ([, y]) => quantity(`In transit at the end of ${y}`, 't REO')],
    [
      new RegExp(`${YEAR}trade\\.${STAGE}:([^.>]+)>([^.]+)$`),
      ([, y, s, from, to]) => quantity(`${capital(s)} shipped ${from} → ${to}, ${y}`, tonnes(s)),
    ],
    [
      new RegExp(`${YEAR}demand\\.([^.]+)\\.(demanded|met)$`),
      ([, y, d, k], base) =>
        quantity(`Demand ${d}: ${k === 'met' ? 'met' : 'asked'}, ${y}`, demandUnit(base, d)),
    ],
    [
      new RegExp(`${YEAR}demand\\.([^.]+)\\.shortfall\\.([^.]+)$`),
      ([, y, d, el], base) => quantity(`Shortfall of ${el} for demand ${d}, ${y}`, demandUnit(base, d)),
    ],
    [
      new RegExp(`${YEAR}stockpiles\\.([^.]+)\\.(held|filled|released)$`),
      ([, y, id, k = '']) => quantity(`Stockpile ${id}: ${STOCKPILE[k] ?? k} ${y}`, 't'),
    ],
    [new RegExp(`${YEAR}months$`), ([, y]) => quantity(`Months of ${y} in the run`)],
    [/^balanceResidual$/, () => BALANCE],
    [/^lp\.solves$/, () => quantity('Monthly LP solves')],
    [/^lp\.notOptimal$/, () => quantity('Monthly LP solves not optimal')],
    [/^warmUpMonths$/, () => quantity('Warm-up months')],
  ]),
  parameters: byRules([
    [
      new RegExp(`${FACILITY}capacity(?:\\.value)?$`),
      ([, f, e], base) => quantity(`${f || e} capacity`, capacityUnit(base, f || e)),
    ],
    [new RegExp(`${FACILITY}availability$`), ([, f, e]) => fraction(`${f || e} availability`)],
    [new RegExp(`${FACILITY}rampMonths$`), ([, f, e]) => quantity(`${f || e} ramp-up`, 'months')],
    [
      new RegExp(`${FACILITY}outage\\.ratePerMonth$`),
      ([, f, e]) => quantity(`${f || e} outage chance`, 'per month'),
    ],
    [new RegExp(`${FACILITY}outage\\.months$`), ([, f, e]) => quantity(`${f || e} outage length`, 'months')],
    [new RegExp(`${FACILITY}recovery$`), ([, f, e]) => fraction(`${f || e} recovery`)],
    [new RegExp(`${FACILITY}recovery\\.([^.]+)$`), ([, f, e, el]) => fraction(`${f || e} recovery of ${el}`)],
    [new RegExp(`${FACILITY}cost$`), ([, f, e]) => quantity(`${f || e} operating cost`, '$/t')],
    [event('capacity(?:\\.value)?'), ([, e], base) => quantity(`${e} capacity`, capacityUnit(base, e))],
    [event('availability'), ([, e]) => fraction(`${e} availability`)],
    [event('rampMonths'), ([, e]) => quantity(`${e} ramp-up`, 'months')],
    [event('severity'), ([, e]) => fraction(`${e} severity (capacity lost)`)],
    [event('months'), ([, e]) => quantity(`${e} length`, 'months')],
    [event('growth'), ([, e]) => quantity(`${e} demand growth`, 'per year')],
    [
      demand('elements\\.([^.]+)'),
      ([, d, el], base) => quantity(`Demand ${d} of ${el}`, `${demandUnit(base, d)}/yr`),
    ],
    [demand('growth'), ([, d]) => quantity(`Demand ${d} growth`, 'per year')],
  ]),
};
