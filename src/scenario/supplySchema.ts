/**
 * The schema of a supply-chain scenario file's input (kind `supply-chain`): `{ scenario, options }` as
 * {@link simulateSupplyChain} takes them, where `scenario` is either a whole {@link SupplyScenario} written
 * out, or a reference: a base (`baseline2024` or a scenario written out), built-in scenario layers applied in
 * order (`withExportLicensing2025`, `withMpDomesticProcessing`, ...) and entries added last.
 *
 * Quantities are t REO per year unless a field says otherwise; months are 'YYYY-MM'. The schemas check
 * types, enums, finiteness, months and simple ranges; ids that must exist, months in order and the other
 * checks that need the whole scenario stay with the model.
 */
import { z } from 'zod';
import { RARE_EARTHS } from '../chemistry/elements.js';
import { ReesimError } from '../core/errors.js';
import type { SupplyChainRun } from '../study/models.js';
import { baseline2024 } from '../supply/baseline/baseline2024.js';
import { MAX_TONNES } from '../supply/reo.js';
import { withDevelopments2025 } from '../supply/scenarios/developments2025.js';
import { withDiversification } from '../supply/scenarios/diversification.js';
import { withExportLicensing2025 } from '../supply/scenarios/exportControls2025.js';
import { withLynasHeavyRareEarths } from '../supply/scenarios/lynasHeavy.js';
import { withMpDomesticProcessing } from '../supply/scenarios/mpDomestic.js';
import { withMyanmarDisruption } from '../supply/scenarios/myanmarDisruption.js';
import { withPakistanUsDeal } from '../supply/scenarios/pakistanUs.js';
import { withSerraVerde } from '../supply/scenarios/serraVerde.js';
import { withTurkeyBeylikova } from '../supply/scenarios/turkeyBeylikova.js';
import type { FacilityKind, Stage, SupplyScenario } from '../supply/types.js';
import {
  fraction,
  integerFrom,
  listed,
  listOf,
  nameRecord,
  nonNegative,
  numberIn,
  provenanceSchema,
  safeName,
  unionBy,
} from './flowsheetSchema.js';

// ---------------------------------------------------------------------------------------------------------
// Pieces

/** Most entries of each list of a scenario (facilities, links, demand, policies, events). */
const MAX_ENTRIES = 10_000;
const MAX_LAYERS = 100;

/** Years a scenario may refer to (demand years, months): far enough either way for any question. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const MONTH_RANGE = `a month 'YYYY-MM' from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12`;

/**
 * A month, 'YYYY-MM' (the pattern the model's calendar accepts) in the years `FIRST_YEAR` to `LAST_YEAR`:
 * demand compounds monthly from its year, so a month thousands of years away overflows.
 */
const month = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month 'YYYY-MM'")
    .refine(
      (v) => {
        const year = /^(\d{4})-/.exec(v)?.[1];
        return year === undefined || (Number(year) >= FIRST_YEAR && Number(year) <= LAST_YEAR);
      },
      { message: MONTH_RANGE, params: { code: 'OUT_OF_RANGE', expected: MONTH_RANGE } },
    )
    .meta({ description: `${description}, 'YYYY-MM' (${FIRST_YEAR}-01 to ${LAST_YEAR}-12).` });

/** An id or a country code: the models key records by them (no name every JavaScript object has). */
const text = (description: string, what = 'a name') => safeName(what, description);

/** A facility id or `country:XX`; neither the id nor XX may be a name every JavaScript object has. */
const end = (description: string) =>
  text(description, 'a facility id or country:XX').superRefine((v, ctx) => {
    const code = v.startsWith('country:') ? v.slice('country:'.length) : undefined;
    if (code === undefined || !(code in Object.prototype || code === 'prototype')) return;
    const expected = `country:XX with a country code other than '${code}' (a built-in name of every JavaScript object)`;
    ctx.addIssue({ code: 'custom', message: expected, params: { code: 'UNKNOWN_KEY', expected } });
  });

/** The elements the supply model tracks: the rare earths but Pm (src/supply/network.ts). */
const SUPPLY_ELEMENTS = RARE_EARTHS.filter((e) => e !== 'Pm');
const element = listed(
  SUPPLY_ELEMENTS,
  `a rare-earth element symbol the supply model tracks (${SUPPLY_ELEMENTS.join(', ')}; not Pm)`,
);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const STAGES = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'] as const satisfies readonly Stage[];
const FACILITY_KINDS = [
  'mine',
  'concentrator',
  'cracking',
  'separation',
  'metal',
  'magnet',
  'recycling',
] as const satisfies readonly FacilityKind[];

const stage = z.enum(STAGES).meta({ description: 'Stage of material along the chain.' });
const stages = (description: string) => listOf(stage, STAGES.length, 'stages', description);
const elements = (description: string) => listOf(element, SUPPLY_ELEMENTS.length, 'elements', description);
const byElement = (description: string) =>
  nameRecord(numberIn(0, MAX_TONNES, description), 'an element symbol', element).meta({ description });
const outage = z
  .strictObject({
    ratePerMonth: fraction('Chance per month that an outage starts.'),
    months: integerFrom(1, 'Length of an outage, months.'),
  })
  .meta({ description: 'Random outages: chance per month that one starts, and its length.' });

/** A facility (src/supply/types.ts `Facility`). */
const facilitySchema = z
  .strictObject({
    id: text('Unique facility id.', 'a facility id'),
    name: z.string().optional().meta({ description: 'Display name.' }),
    country: text('Country code (ISO 3166 alpha-2 or a short name).', 'a country code'),
    kind: z.enum(FACILITY_KINDS).meta({ description: 'What it does; sets the stage it produces.' }),
    capacity: z
      .union([
        numberIn(0, MAX_TONNES, 't per year'),
        z.strictObject({
          value: numberIn(0, MAX_TONNES, 't per year'),
          provenance: provenanceSchema.optional(),
        }),
      ])
      .meta({
        description:
          'Nameplate capacity of its output, t REO per year (metal, magnet: t of RE content), or { value, provenance }.',
      }),
    start: month('First month of output (default: before the run)').optional(),
    rampMonths: nonNegative('Months from start to nameplate (linear ramp).').optional(),
    availability: fraction(
      'Planned availability, fraction of capacity usable on average. Default 1.',
    ).optional(),
    outage: outage.optional(),
    mix: unionBy(
      (v) => (isRecord(v) && 'deposit' in v ? 1 : 0),
      [
        nameRecord(nonNegative('fraction'), 'an element symbol', element),
        z.strictObject({ deposit: text('Deposit id (see deposits).', 'a deposit id') }),
      ],
    )
      .optional()
      .meta({
        description:
          'Mines: element mix of their REO (fractions by element) or { deposit }; recyclers: the mix of the oxide they recover.',
      }),
    recovery: unionBy(
      (v) => (typeof v === 'number' ? 0 : 1),
      [
        fraction('One recovery for every element.'),
        nameRecord(fraction('fraction'), 'an element symbol', element),
      ],
    )
      .optional()
      .meta({
        description: 'Conversion stages: fraction of input recovered to output (one, or per element).',
      }),
    elements: elements(
      'Separation: the elements it separates; metal and magnet makers: the elements they take. Default all.',
    ).optional(),
    cost: nonNegative('Operating cost, $ per t output.').optional(),
    provenance: provenanceSchema.optional(),
  })
  .meta({ description: 'A facility: one kind, in one country.' });

const linkSchema = z
  .strictObject({
    from: end('Facility id, or country:XX for any facility of that country at the stage.'),
    to: end('Facility id, or country:XX (its facilities and its market at the stage).'),
    stage,
    leadTime: nonNegative(
      'Months from shipment to arrival (default 0 within a country, 2 between).',
    ).optional(),
    capacity: nonNegative('t REO per year the route can carry (default unlimited).').optional(),
    cost: nonNegative('$ per t (default 0 within a country, 50 between).').optional(),
  })
  .meta({ description: 'A trade or transfer route for one stage.' });

const growth = (description: string) => numberIn(-0.5, 1, description);

const demandSchema = z
  .strictObject({
    id: text('Unique demand id.', 'a demand id'),
    country: text('Country code.', 'a country code'),
    sector: z.string().min(1).meta({ description: 'Sector, e.g. magnets.' }),
    stage,
    elements: byElement('t per year by element in `year`.'),
    year: z
      .number()
      .int()
      .min(FIRST_YEAR)
      .max(LAST_YEAR)
      .optional()
      .meta({
        description: `Year of \`elements\`, ${FIRST_YEAR} to ${LAST_YEAR} (default: the first year run).`,
      }),
    growth: growth('Growth per year, fraction (0.05 = 5 %/yr), in [-0.5, 1].').optional(),
    priority: nonNegative('Priority weight in the allocation. Default 1.').optional(),
    provenance: provenanceSchema.optional(),
  })
  .meta({ description: 'Demand of a country and sector at a stage.' });

const from = month('First month in force');
const to = month('Last month in force (inclusive; open-ended when absent)').optional();

const policySchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('exportControl'),
      id: text('Unique policy id.', 'a policy id'),
      exporter: text('Exporting country code.', 'a country code'),
      stages: stages('Stages controlled.'),
      elements: elements('Elements controlled (default all).').optional(),
      destinations: listOf(
        text('country', 'a country code'),
        1000,
        'countries',
        'Destinations (default all).',
      ).optional(),
      approvalRate: z
        .union([
          fraction('0 = ban; in (0, 1): fraction of the pre-control flow licensed.'),
          listOf(
            z.strictObject({
              from,
              rate: fraction('Fraction of the pre-control flow licensed from this month on.'),
            }),
            600,
            'steps',
            "A schedule: each rate holds from its month to the next step; the first step at the control's from.",
          ),
        ])
        .meta({ description: 'Fraction of the pre-control flow licensed, or a schedule of such fractions.' }),
      licenceDelayMonths: integerFrom(0, 'Months a licence adds to a shipment.').optional(),
      from,
      to,
      provenance: provenanceSchema.optional(),
    })
    .meta({ description: 'Exports of some stages and elements need a licence, or are banned.' }),
  z
    .strictObject({
      kind: z.literal('domesticProcessing'),
      id: text('Unique policy id.', 'a policy id'),
      country: text('Country code.', 'a country code'),
      stages: stages('Stages that may not be exported.'),
      from,
      to,
    })
    .meta({ description: 'No exports of some stages from a country (a domestic-processing mandate).' }),
  z
    .strictObject({
      kind: z.literal('stockpile'),
      id: text('Unique policy id.', 'a policy id'),
      country: text('Country code (needs demand at the stage).', 'a country code'),
      stage: stage.meta({ description: 'A separated stage: oxide, metal or magnet.' }),
      elements: byElement(
        "Capacity by element, t in the stage's unit (t REO for oxide, t RE for metal, magnet).",
      ),
      initial: byElement('Held at the start by element (default 0; at most the capacity).').optional(),
      releaseBelow: fraction(
        "Release when the market would get less than this fraction of the month's demand. Default 1.",
      ).optional(),
      from,
      to,
      provenance: provenanceSchema.optional(),
    })
    .meta({
      description: 'A strategic stockpile that fills from surplus and releases to cover a shortfall.',
    }),
]);

const eventSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('disruption'),
      id: text('Unique event id.', 'an event id'),
      target: end('A facility id, or country:XX for every facility of a country.'),
      from: month('First month'),
      months: integerFrom(1, 'Length, months.'),
      severity: fraction('Fraction of capacity lost. Default 1.').optional(),
    })
    .meta({ description: 'Capacity lost for some months.' }),
  z
    .strictObject({
      kind: z.literal('newFacility'),
      id: text('Unique event id.', 'an event id'),
      facility: facilitySchema,
    })
    .meta({ description: 'A facility added (it starts at its own start month).' }),
  z
    .strictObject({
      kind: z.literal('facilityChange'),
      id: text('Unique event id; also the id of the changed facility (links may name it).', 'an event id'),
      facility: text('Id of the facility that changes.', 'a facility id'),
      from: month('First month of the change'),
      rampMonths: integerFrom(
        0,
        'Months over which capacity moves from the old to the new figure. Default 0.',
      ).optional(),
      capacity: z
        .union([
          numberIn(0, MAX_TONNES, 't per year'),
          z.strictObject({
            value: numberIn(0, MAX_TONNES, 't per year'),
            provenance: provenanceSchema.optional(),
          }),
        ])
        .optional()
        .meta({ description: 'New nameplate capacity, t per year, or { value, provenance }.' }),
      availability: fraction('New planned availability, fraction of capacity.').optional(),
      recovery: unionBy(
        (v) => (typeof v === 'number' ? 0 : 1),
        [
          fraction('One recovery for every element.'),
          nameRecord(fraction('fraction'), 'an element symbol', element),
        ],
      )
        .optional()
        .meta({ description: 'New recovery (one, or per element).' }),
      elements: elements(
        'New element list (separation: separated; metal and magnet makers: taken).',
      ).optional(),
      provenance: provenanceSchema.optional(),
    })
    .meta({
      description:
        'A facility changes from a month on (capacity, availability, recovery, elements): it runs as facility `id` with its links and inventories; capacity moves from the old to the new figure over rampMonths.',
    }),
  z
    .strictObject({
      kind: z.literal('demandGrowth'),
      id: text('Unique event id.', 'an event id'),
      demand: text('Id of the demand entry.', 'a demand id'),
      growth: growth('New growth per year, fraction, in [-0.5, 1] (compounding monthly).'),
      from: month('First month at the new rate'),
    })
    .meta({ description: 'A demand entry grows at another rate from a month on.' }),
]);

const entries = <T extends z.ZodType>(item: T, what: string, description: string) =>
  listOf(item, MAX_ENTRIES, what, description);

const countries = nameRecord(z.string(), 'a country code').meta({
  description: 'Country codes (ISO 3166 alpha-2 or short names) to display names.',
});

/** The shape of a whole supply-chain scenario (src/supply/types.ts `SupplyScenario`). */
const scenarioShape = {
  name: z.string().meta({ description: 'Scenario name.' }),
  description: z.string().optional().meta({ description: 'What the scenario is.' }),
  countries,
  facilities: entries(facilitySchema, 'facilities', 'Facilities.'),
  links: entries(linkSchema, 'links', 'Trade and transfer routes.'),
  demand: entries(demandSchema, 'demand entries', 'Demand by country, sector and stage.'),
  policies: entries(
    policySchema,
    'policies',
    'Policies (export controls, domestic processing, stockpiles).',
  ).optional(),
  events: entries(eventSchema, 'events', 'Events (disruptions, new facilities, demand changes).').optional(),
};

/**
 * The schema of a whole supply-chain scenario written out (a {@link SupplyScenario}); at most 10,000
 * facilities, links, demand entries, policies and events each.
 *
 * @example
 * ```ts
 * supplyScenarioSchema.safeParse(baseline2024).success; // true
 * supplyScenarioSchema.safeParse({ ...baseline2024, colour: 'red' }).success; // false
 * ```
 */
export const supplyScenarioSchema = z
  .strictObject(scenarioShape)
  .meta({ description: 'A supply-chain scenario: countries, facilities, routes, demand, policies, events.' });

// ---------------------------------------------------------------------------------------------------------
// Layers: the built-in scenario functions of src/supply/scenarios

const rampMonths = (description: string) => integerFrom(0, description).optional();
const reoPerYear = (description: string) => numberIn(0, 1e6, description).optional();

const licensingParams = z.strictObject({
  approvalRate: fraction(
    'One share of the pre-control flow licensed, instead of the schedule observed in 2025 (China magnet exports).',
  ).optional(),
  licenceDelayMonths: integerFrom(
    0,
    'Months a licence adds to a shipment. Default 0 with the observed schedule, 2 with approvalRate (assumed).',
  ).optional(),
  october: z.enum(['resumed', 'extended']).optional().meta({
    description:
      "The October 2025 additions after their suspension ends on 10 November 2026: 'resumed' (default, assumed) or 'extended'.",
  }),
});
const mpParams = z.strictObject({
  from: month('First month with no US concentrate exports (default 2025-04)').optional(),
  noSalesToChinaFrom: month('First month with no US oxide sales to China (default 2025-07)').optional(),
  ndprCapacity: reoPerYear("NdPr oxide capacity MP ramps up to, t/yr (default 6,000; at least the base's)."),
  rampStart: month('First month of the separation ramp (default 2025-01)').optional(),
  rampMonths: rampMonths('Months from rampStart to ndprCapacity. Default 21.'),
  magnets: z
    .boolean()
    .optional()
    .meta({ description: 'Add Independence and 10X (metal, magnets). Default true.' }),
  tenXStart: month('First month of 10X (default 2028-01)').optional(),
});
const pakistanParams = z.strictObject({
  firstShipment: month('First month of concentrate output and shipments (default 2025-10)').optional(),
  concentrate: reoPerYear('Pakistani concentrate at full rate, t REO/yr. Default 500 (assumed).'),
  rampMonths: rampMonths('Months from the first shipment to the full rate. Default 12 (assumed).'),
  refineryStart: month('First month of the refinery in Pakistan (default 2028-01, assumed)').optional(),
});
const turkeyParams = z.strictObject({
  start: month('First month of output (default 2028-01)').optional(),
  rampMonths: rampMonths('Months from the start to nameplate. Default 24 (assumed).'),
  reoPerYear: reoPerYear('Separated oxide at nameplate, t REO/yr. Default 10,000.'),
});
const serraVerdeParams = z.strictObject({
  start: month('First month of output (default 2024-01)').optional(),
  rampMonths: rampMonths('Months from the start to nameplate. Default 24.'),
  reoPerYear: reoPerYear('MREC output at nameplate, t REO/yr. Default 5,000.'),
  offtakeEnds: month('First month without shipments to China (default 2027-01)').optional(),
  westernSeparator: text(
    'Separation facility of the base that takes the MREC then. Default fr-solvay.',
    'a facility id',
  ).optional(),
});
const myanmarParams = z.strictObject({
  from: month('First month of the disruption (default 2024-10)').optional(),
  months: integerFrom(1, 'Its length in months. Default 6.').optional(),
  severity: fraction('Fraction of capacity lost. Default 0.5 (assumed).').optional(),
  targets: z
    .array(end('id'))
    .min(1, 'at least one target')
    .max(1000, 'at most 1,000 targets')
    .readonly()
    .meta({
      description: 'Facility ids or country:XX (default the Kachin mine and leach plant).',
      readOnly: undefined,
    })
    .optional(),
  outage: outage.optional(),
});
const lynasParams = z.strictObject({
  start: month('First month of heavy rare-earth output (default 2025-05)').optional(),
  rampMonths: rampMonths(
    'Months over which capacity moves to the changed line (unchanged capacity: no effect). Default 6 (assumed).',
  ),
});
const developmentsParams = z.strictObject({
  kalgoorlieOutage: z
    .boolean()
    .optional()
    .meta({ description: "Lynas's Kalgoorlie power outages of late 2025. Default true." }),
  vietnamOreBan: z
    .boolean()
    .optional()
    .meta({ description: "Vietnam's raw-ore export ban from 2026. Default true." }),
});
const diversificationParams = z.strictObject({
  mp: mpParams.optional().meta({ description: 'Parameters of mpDomesticProcessing.' }),
  pakistan: pakistanParams.optional().meta({ description: 'Parameters of pakistanUsDeal.' }),
  turkey: turkeyParams.optional().meta({ description: 'Parameters of turkeyBeylikova.' }),
  serraVerde: serraVerdeParams.optional().meta({ description: 'Parameters of serraVerde.' }),
});

const layer = <K extends string, P extends z.ZodType>(name: K, params: P, description: string) =>
  z.strictObject({ layer: z.literal(name), params: params.optional() }).meta({ description });

const layerSchema = z.discriminatedUnion('layer', [
  layer('exportLicensing2025', licensingParams, "China's 2025 export licensing (withExportLicensing2025)."),
  layer('mpDomesticProcessing', mpParams, 'MP Materials separating at home (withMpDomesticProcessing).'),
  layer('pakistanUsDeal', pakistanParams, 'The Pakistan-US deal (withPakistanUsDeal).'),
  layer('turkeyBeylikova', turkeyParams, "Turkey's Beylikova (withTurkeyBeylikova)."),
  layer('serraVerde', serraVerdeParams, "Brazil's Serra Verde (withSerraVerde)."),
  layer('myanmarDisruption', myanmarParams, "A disruption of Myanmar's supply (withMyanmarDisruption)."),
  layer('lynasHeavyRareEarths', lynasParams, "Lynas's heavy rare earths (withLynasHeavyRareEarths)."),
  layer(
    'developments2025',
    developmentsParams,
    "The Kalgoorlie outage of late 2025 and Vietnam's ore-export ban (withDevelopments2025).",
  ),
  layer(
    'diversification',
    diversificationParams,
    'MP, Pakistan, Turkey and Serra Verde (withDiversification).',
  ),
]);

/** The name of each built-in scenario layer. */
export type SupplyLayerName = z.output<typeof layerSchema>['layer'];

// ---------------------------------------------------------------------------------------------------------
// The input

const referenceSchema = z
  .strictObject({
    base: unionBy(
      (v) => (typeof v === 'string' ? 0 : 1),
      [z.literal('baseline2024'), supplyScenarioSchema],
    ).meta({
      description: "The base: 'baseline2024' (the built-in baseline) or a scenario written out.",
    }),
    layers: listOf(
      layerSchema,
      MAX_LAYERS,
      'layers',
      'Built-in scenario layers, applied in order.',
    ).optional(),
    add: z
      .strictObject({
        countries: countries.optional(),
        facilities: scenarioShape.facilities.optional(),
        links: scenarioShape.links.optional(),
        demand: scenarioShape.demand.optional(),
        policies: scenarioShape.policies,
        events: scenarioShape.events,
      })
      .optional()
      .meta({ description: 'Entries appended after the layers (countries merged).' }),
    name: z
      .string()
      .optional()
      .meta({ description: 'Name of the result (default: what the layers make it).' }),
    description: z.string().optional().meta({ description: 'Description of the result.' }),
  })
  .meta({ description: 'A scenario built from a base, layers and added entries.' });

/**
 * The schema of a supply-chain scenario's input: `{ scenario, options }`, the scenario written out or
 * referenced (`{ base, layers?, add?, name?, description? }`), the options those of
 * {@link simulateSupplyChain} (`start` 'YYYY-MM', `months` 1 to 600, `seed`, `warmUpMonths`). Resolve a parsed input with
 * {@link resolveSupplyInput}.
 *
 * @example
 * ```ts
 * const ok = supplyInputSchema.safeParse({
 *   scenario: { base: 'baseline2024', layers: [{ layer: 'exportLicensing2025' }] },
 *   options: { start: '2025-01', months: 12 },
 * });
 * ok.success; // true
 * const bad = supplyInputSchema.safeParse({ scenario: { base: 'baseline2024' }, options: { start: '2025-13', months: 12 } });
 * bad.error?.issues[0]?.path; // ['options', 'start']
 * ```
 */
export const supplyInputSchema = z
  .strictObject({
    scenario: unionBy(
      (v) => (isRecord(v) && 'base' in v ? 1 : 0),
      [supplyScenarioSchema, referenceSchema],
    ).meta({
      description: 'A scenario written out, or { base, layers?, add? }.',
    }),
    options: z
      .strictObject({
        start: month('First month of the run'),
        months: z.number().int().min(1).max(600).meta({ description: 'Number of months, 1 to 600.' }),
        seed: z.union([z.string(), z.number()]).optional().meta({
          description: "Seed of the random outages (default 'reesim'; a number counts as its text).",
        }),
        warmUpMonths: z.number().int().min(0).max(120).optional().meta({
          description:
            'Months run before start and left out of the result, so the pipeline is filled (default 6).',
        }),
      })
      .meta({ description: 'Run options.' }),
  })
  .meta({ description: 'A supply-chain run: the scenario and the run options.' });

/** A supply-chain scenario's input as parsed by {@link supplyInputSchema}. */
export type SupplyInput = z.output<typeof supplyInputSchema>;

type Reference = z.output<typeof referenceSchema>;
type Layer = z.output<typeof layerSchema>;

function applyLayer(base: SupplyScenario, l: Layer): SupplyScenario {
  switch (l.layer) {
    case 'exportLicensing2025':
      return withExportLicensing2025(base, l.params);
    case 'mpDomesticProcessing':
      return withMpDomesticProcessing(base, l.params);
    case 'pakistanUsDeal':
      return withPakistanUsDeal(base, l.params);
    case 'turkeyBeylikova':
      return withTurkeyBeylikova(base, l.params);
    case 'serraVerde':
      return withSerraVerde(base, l.params);
    case 'myanmarDisruption':
      return withMyanmarDisruption(base, l.params);
    case 'lynasHeavyRareEarths':
      return withLynasHeavyRareEarths(base, l.params);
    case 'developments2025':
      return withDevelopments2025(base, l.params);
    case 'diversification':
      return withDiversification(base, l.params);
  }
}

/**
 * A layer function's problem (`withSerraVerde.params.westernSeparator`, `withMpDomesticProcessing.base...`)
 * at the layer in the file: `input.scenario.layers[i].params...`, or the layer itself when what it needs
 * is missing from the scenario it is applied to.
 */
function atLayer(e: unknown, index: number): unknown {
  if (!(e instanceof ReesimError)) return e;
  const at = `input.scenario.layers[${index}]`;
  const moved = e.issues.map((issue) => {
    const [, part = '', rest = ''] = /^with[A-Za-z0-9]+\.(params|base)(.*)$/s.exec(issue.path) ?? [];
    return { ...issue, path: part === 'params' ? `${at}.params${rest}` : at };
  });
  const [first, ...others] = moved;
  return first ? new ReesimError(first, others) : e;
}

function resolveReference(ref: Reference): SupplyScenario {
  let s: SupplyScenario = ref.base === 'baseline2024' ? baseline2024 : ref.base;
  (ref.layers ?? []).forEach((l, i) => {
    try {
      s = applyLayer(s, l);
    } catch (e) {
      throw atLayer(e, i);
    }
  });
  const add = ref.add;
  if (add !== undefined) {
    s = {
      ...s,
      countries: { ...s.countries, ...add.countries },
      facilities: [...s.facilities, ...(add.facilities ?? [])],
      links: [...s.links, ...(add.links ?? [])],
      demand: [...s.demand, ...(add.demand ?? [])],
      ...(add.policies === undefined ? {} : { policies: [...(s.policies ?? []), ...add.policies] }),
      ...(add.events === undefined ? {} : { events: [...(s.events ?? []), ...add.events] }),
    };
  }
  if (ref.name !== undefined) s = { ...s, name: ref.name };
  if (ref.description !== undefined) s = { ...s, description: ref.description };
  return s;
}

/**
 * The {@link SupplyChainRun} of a parsed supply-chain input: a scenario written out as it is; a reference
 * as its base (`'baseline2024'` is {@link baseline2024}) with each layer applied in order, then the `add`
 * entries appended (countries merged), then `name` and `description` set. The options pass through; the
 * model fills their defaults and checks the scenario as a whole.
 *
 * @param input the output of `supplyInputSchema.parse`
 * @throws ReesimError from a layer whose base lacks what it needs (e.g. Lynas Malaysia) or is applied twice
 * @example
 * ```ts
 * const run = resolveSupplyInput(
 *   supplyInputSchema.parse({
 *     scenario: { base: 'baseline2024', layers: [{ layer: 'exportLicensing2025', params: { approvalRate: 0.3 } }] },
 *     options: { start: '2025-01', months: 12 },
 *   }),
 * );
 * run.scenario.name; // 'baseline-2024 + China export licensing 2025'
 * run.scenario.policies?.length; // 2
 * ```
 */
export function resolveSupplyInput(input: SupplyInput): SupplyChainRun {
  const s = input.scenario;
  return { scenario: 'base' in s ? resolveReference(s) : s, options: input.options };
}
