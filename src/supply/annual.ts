/**
 * Calendar-year totals of a monthly supply-chain run: flows summed over the months of each year the run
 * covers, stocks taken at the year's last month, and each country's share of the year's separated output.
 */
import type { Stage } from './types.js';

/** One calendar year of a run (flows in t over the year's months in the run; stocks at its last month). */
export interface SupplyYear {
  /** Months of the run in this year (12 for a whole year). */
  readonly months: number;
  /** Output by stage and country, t (t REO up to oxide, t of RE metal for metal and magnets). */
  readonly production: Readonly<Record<Stage, Readonly<Record<string, number>>>>;
  /** Output of Nd, Pr, Dy and Tb by stage, country and element, t. */
  readonly elementProduction: Readonly<
    Record<Stage, Readonly<Record<string, Readonly<Record<string, number>>>>>
  >;
  /** International shipments by `stage:exporter>importer`, t. */
  readonly trade: Readonly<Record<string, number>>;
  /** Each demand entry by id: asked, got, and the shortfall by element, t. */
  readonly demand: Readonly<
    Record<
      string,
      {
        readonly country: string;
        readonly sector: string;
        readonly demanded: number;
        readonly met: number;
        readonly shortfall: Readonly<Record<string, number>>;
      }
    >
  >;
  /** Each country's share of the year's separated (oxide) output (0 when nothing was separated). */
  readonly separatedShare: Readonly<Record<string, number>>;
  /** Oxide recovered from scrap by country, t REO (not in `production.oxide`, which is separated output). */
  readonly recycled: Readonly<Record<string, number>>;
  /** Held in inventories and in transit at the year's last month in the run, t REO. */
  readonly inventory: number;
  readonly inTransit: number;
  /** The inventories at the year's last month in the run, broken down (absent when the run has none). */
  readonly inventoryBreakdown?: InventoryBreakdown;
  /** Each stockpile by id: held at the year's last month, filled and released over the year. */
  readonly stockpiles: Readonly<
    Record<string, { readonly held: number; readonly filled: number; readonly released: number }>
  >;
}

/**
 * What the facility and market inventories hold at a month's end (t REO; not in transit, not in
 * stockpiles), broken down: by the stage of the material (a facility's input buffer counts at the stage it
 * takes: concentrate at crackers, mixed at separation plants, oxide at metal makers, metal at magnet
 * makers; its output at its output stage; a market at its stage), by country, and by element. `surplus` is
 * what is held of elements that no demand entry asks for at any stage (in the baseline La, Ce and the
 * others beyond Nd, Pr, Dy, Tb): material nobody in the scenario buys, by element and by country. Levels
 * are stocks: they include what the run built up from its first simulated month, the warm-up's included
 * (surplus grows for as long as a run runs, so compare months of runs with the same start and warm-up).
 */
export interface InventoryBreakdown {
  readonly byStage: Readonly<Record<Stage, number>>;
  readonly byCountry: Readonly<Record<string, number>>;
  readonly byElement: Readonly<Record<string, number>>;
  readonly surplus: {
    readonly byElement: Readonly<Record<string, number>>;
    readonly byCountry: Readonly<Record<string, number>>;
  };
}

/** The monthly series of a supply-chain run (what {@link summariseYears} reads). */
export interface MonthlySeries {
  readonly months: readonly string[];
  /**
   * Output by stage and country (mines: concentrate; processing: their output), t REO per month up to
   * oxide and t of RE metal for metal and magnets (material moves internally as t REO equivalent).
   */
  readonly production: Readonly<Record<Stage, Readonly<Record<string, readonly number[]>>>>;
  /** Output of the magnet elements by stage, country and element (Nd, Pr, Dy, Tb), t per month. */
  readonly elementProduction: Readonly<
    Record<Stage, Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>>
  >;
  /** International shipments by `stage:exporter>importer`, t per month (by the month they leave). */
  readonly trade: Readonly<Record<string, readonly number[]>>;
  /**
   * Oxide recovered from scrap (facilities of kind `recycling`) by country, t REO per month; optional for
   * series written before recyclers existed (read as none).
   */
  readonly recycled?: Readonly<Record<string, readonly number[]>>;
  /** Each demand entry: asked and got, t per month in its stage's unit (t REO; t metal for metal/magnet). */
  readonly demand: readonly {
    readonly id: string;
    readonly country: string;
    readonly sector: string;
    readonly demanded: readonly number[];
    readonly met: readonly number[];
    /** Shortfall by element, t per month. */
    readonly shortfall: Readonly<Record<string, readonly number[]>>;
  }[];
  /** Held in facility and market inventories and in transit at each month's end, t REO. */
  readonly inventory: readonly number[];
  readonly inTransit: readonly number[];
  /** The facility and market inventories at each month's end, broken down (see {@link InventoryBreakdown}). */
  readonly inventoryBreakdown?: readonly InventoryBreakdown[];
  /** Each stockpile: held at each month's end, filled and released during the month (its stage's unit). */
  readonly stockpiles: readonly {
    readonly id: string;
    readonly held: readonly number[];
    readonly filled: readonly number[];
    readonly released: readonly number[];
  }[];
}

type Nested<T> = { readonly [key: string]: T | Nested<T> };

/** `tree` with every series replaced by its sum over the months `from` to `to` − 1. */
function sumTree(tree: Nested<readonly number[]>, from: number, to: number): Nested<number> {
  const out: Record<string, number | Nested<number>> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (Array.isArray(value)) {
      let sum = 0;
      for (let t = from; t < to; t++) sum += value[t] as number;
      out[key] = sum;
    } else out[key] = sumTree(value as Nested<readonly number[]>, from, to);
  }
  return out;
}

/**
 * Sums a monthly run by calendar year (see {@link SupplyYear}); keys are the years, '2024', '2025', ...
 *
 * @example
 * ```ts
 * const years = summariseYears({
 *   months: ['2024-12', '2025-01', '2025-02'],
 *   production: { concentrate: { US: [1, 2, 3] }, mixed: {}, oxide: { US: [0, 1, 1], CN: [0, 3, 1] },
 *     metal: {}, magnet: {} },
 *   elementProduction: { concentrate: {}, mixed: {}, oxide: {}, metal: {}, magnet: {} },
 *   trade: {}, demand: [], inventory: [5, 6, 7], inTransit: [0, 0, 1], stockpiles: [],
 * });
 * Object.keys(years); // ['2024', '2025']
 * years['2025']?.production.concentrate.US; // 5
 * years['2025']?.separatedShare.US; // 0.3333
 * years['2025']?.inventory; // 7
 * ```
 */
export function summariseYears(run: MonthlySeries): Record<string, SupplyYear> {
  const out: Record<string, SupplyYear> = {};
  let from = 0;
  while (from < run.months.length) {
    const year = (run.months[from] as string).slice(0, 4);
    let to = from;
    while (to < run.months.length && (run.months[to] as string).startsWith(year)) to++;
    const production = sumTree(run.production, from, to) as SupplyYear['production'];
    const oxide = production.oxide;
    const separated = Object.values(oxide).reduce((a, b) => a + b, 0);
    out[year] = {
      months: to - from,
      production,
      elementProduction: sumTree(run.elementProduction, from, to) as SupplyYear['elementProduction'],
      trade: sumTree(run.trade, from, to) as SupplyYear['trade'],
      demand: Object.fromEntries(
        run.demand.map((d) => {
          const sums = sumTree({ demanded: d.demanded, met: d.met }, from, to) as Record<string, number>;
          return [
            d.id,
            {
              country: d.country,
              sector: d.sector,
              demanded: sums.demanded as number,
              met: sums.met as number,
              shortfall: sumTree(d.shortfall, from, to) as Record<string, number>,
            },
          ];
        }),
      ),
      separatedShare: Object.fromEntries(
        Object.entries(oxide).map(([c, v]) => [c, separated > 0 ? v / separated : 0]),
      ),
      recycled: sumTree(run.recycled ?? {}, from, to) as Record<string, number>,
      inventory: run.inventory[to - 1] as number,
      inTransit: run.inTransit[to - 1] as number,
      ...(run.inventoryBreakdown ? { inventoryBreakdown: run.inventoryBreakdown[to - 1] } : {}),
      stockpiles: Object.fromEntries(
        run.stockpiles.map((sp) => [
          sp.id,
          {
            held: sp.held[to - 1] as number,
            ...(sumTree({ filled: sp.filled, released: sp.released }, from, to) as {
              filled: number;
              released: number;
            }),
          },
        ]),
      ),
    };
    from = to;
  }
  return out;
}
