/**
 * The supply-chain scenario: countries, facilities, trade links, demand, policies and events, as plain data
 * (scenario files, worker threads). Quantities are tonnes of rare-earth oxide equivalent (t REO) unless a
 * field says otherwise; rates are per year; dates are 'YYYY-MM'.
 */
import type { Provenance } from '../data/provenance.js';

/** Stages of material along the chain. */
export type Stage = 'concentrate' | 'mixed' | 'oxide' | 'metal' | 'magnet';

/**
 * Facility kinds and the stage each produces: mine/concentrator → concentrate, cracking → mixed, separation →
 * oxide, metal, magnet; `recycling` → oxide recovered from scrap that enters from outside the chain (e.g.
 * magnet-making swarf and end-of-life magnets), at its capacity and fixed element mix.
 */
export type FacilityKind =
  | 'mine'
  | 'concentrator'
  | 'cracking'
  | 'separation'
  | 'metal'
  | 'magnet'
  | 'recycling';

/** A month, 'YYYY-MM'. */
export type Month = string;

/** A number with where it came from. */
export interface SourcedValue {
  readonly value: number;
  readonly provenance?: Provenance;
}

/** A facility: one kind, in one country. */
export interface Facility {
  readonly id: string;
  readonly name?: string;
  readonly country: string;
  readonly kind: FacilityKind;
  /** Nameplate capacity of its output, t REO per year (for metal and magnet: t of RE content). */
  readonly capacity: number | SourcedValue;
  /** First month of output (default: before the run) and months from start to nameplate (linear ramp). */
  readonly start?: Month;
  readonly rampMonths?: number;
  /** Planned availability, fraction of capacity usable on average (default 1). */
  readonly availability?: number;
  /** Random outages: chance per month that one starts, and its length in months. */
  readonly outage?: { readonly ratePerMonth: number; readonly months: number };
  /**
   * Mines: the element mix of the REO they produce (fractions summing to 1), or a deposit id from `deposits`;
   * recyclers: the element mix of the oxide they recover (fractions).
   */
  readonly mix?: Readonly<Record<string, number>> | { readonly deposit: string };
  /** Conversion stages: fraction of input recovered to output (one number, or per element). */
  readonly recovery?: number | Readonly<Record<string, number>>;
  /**
   * Separation: the elements it separates (the rest leaves as residue, counted as lost); metal and magnet
   * makers: the elements they take (e.g. Nd, Pr, Dy, Tb for NdFeB). Default all.
   */
  readonly elements?: readonly string[];
  /** Operating cost, $ per t output (optional; enters the objective's cost term). */
  readonly cost?: number;
  readonly provenance?: Provenance;
}

/** A trade or transfer route between facilities or countries for one stage. */
export interface TradeLink {
  /** Facility id, or `country:XX` for any facility of that country at the right stage. */
  readonly from: string;
  readonly to: string;
  readonly stage: Stage;
  /** Months from shipment to arrival (default 0 within a country, 2 between countries). */
  readonly leadTime?: number;
  /** t REO per year the route can carry (default unlimited). */
  readonly capacity?: number;
  /** $ per t (default 0 within a country, 50 between countries: an assumption). */
  readonly cost?: number;
}

/** Demand of a country and sector at a stage, t per year by element (or a total with a mix). */
export interface Demand {
  readonly id: string;
  readonly country: string;
  readonly sector: string;
  readonly stage: Stage;
  /**
   * t per year by element in `year`: that calendar year's months add up to these (growth counts from the
   * middle of the year, so a growing demand asks a little less in January and more in December).
   */
  readonly elements: Readonly<Record<string, number>>;
  /** The year `elements` refers to (default: the year the run starts). */
  readonly year?: number;
  /** Growth per year, fraction (0.05 = 5 %/yr). */
  readonly growth?: number;
  /** Priority weight of this demand in the allocation (default 1). */
  readonly priority?: number;
  readonly provenance?: Provenance;
}

/** One step of an export control's approval schedule: the share licensed from `from` on. */
export interface ApprovalStep {
  readonly from: Month;
  readonly rate: number;
}

/** A policy in force from `from` to `to` (inclusive; open-ended when absent). */
export type Policy =
  | {
      /**
       * Exports from `exporter` at `stage` of `elements` (default all; at the unseparated stages, lots whose
       * mix carries one of them) to `destinations` (default all).
       */
      readonly kind: 'exportControl';
      readonly id: string;
      readonly exporter: string;
      readonly stages: readonly Stage[];
      readonly elements?: readonly string[];
      readonly destinations?: readonly string[];
      /**
       * Fraction of the pre-control flow licensed (0 = ban; 1 = everything, a licence only delays): one
       * number for the whole period, or a schedule of steps (each rate holds from its month to the next
       * step's; the first step at the policy's `from`), e.g. a licensing backlog that clears.
       */
      readonly approvalRate: number | readonly ApprovalStep[];
      readonly licenceDelayMonths?: number;
      readonly from: Month;
      readonly to?: Month;
      readonly provenance?: Provenance;
    }
  | {
      /** No exports of `stages` from `country` (a domestic-processing mandate). */
      readonly kind: 'domesticProcessing';
      readonly id: string;
      readonly country: string;
      readonly stages: readonly Stage[];
      readonly from: Month;
      readonly to?: Month;
    }
  | {
      /**
       * A strategic stockpile of `country` at a separated `stage` (oxide, metal or magnet; the country needs
       * demand at that stage): while in force it fills from material beyond the month's demand and releases
       * to cover a shortfall (see `releaseBelow`). Outside its months it holds what it has.
       */
      readonly kind: 'stockpile';
      readonly id: string;
      readonly country: string;
      readonly stage: Stage;
      /** Capacity by element, t in the stage's unit (t REO for oxide, t of RE metal for metal and magnet). */
      readonly elements: Readonly<Record<string, number>>;
      /** Held at the run's `start` by element, same unit (default 0; at most the capacity; untouched in the warm-up). */
      readonly initial?: Readonly<Record<string, number>>;
      /**
       * Release trigger: an element is released in a month when, without the stockpile, its market would get
       * less than this fraction of the month's demand, and then at most that shortfall (default 1: whenever
       * it would be short).
       */
      readonly releaseBelow?: number;
      readonly from: Month;
      readonly to?: Month;
      readonly provenance?: Provenance;
    };

/** An event: a disruption, a new facility, a demand change. */
export type SupplyEvent =
  | {
      readonly kind: 'disruption';
      readonly id: string;
      /** A facility id, or `country:XX` for every facility of a country. */
      readonly target: string;
      readonly from: Month;
      readonly months: number;
      /** Fraction of capacity lost (default 1). */
      readonly severity?: number;
    }
  | { readonly kind: 'newFacility'; readonly id: string; readonly facility: Facility }
  | {
      /**
       * From `from` on, facility `facility` runs as facility `id` (same kind and country, the same links,
       * the given fields changed and the rest carried over), e.g. a circuit added or a line expanded: its
       * inventories and the shipments still on their way move to `id`, and over `rampMonths` (default 0)
       * the capacity moves linearly from the old nameplate to the new (not from a ramp still under way). Links may name `id` for routes only the
       * changed facility has; a disruption of `facility` also hits `id`.
       */
      readonly kind: 'facilityChange';
      readonly id: string;
      readonly facility: string;
      readonly from: Month;
      readonly rampMonths?: number;
      readonly capacity?: number | SourcedValue;
      readonly availability?: number;
      readonly recovery?: number | Readonly<Record<string, number>>;
      readonly elements?: readonly string[];
      readonly provenance?: Provenance;
    }
  | {
      /** From `from` on, demand entry `demand` grows at `growth` per year instead (compounding monthly). */
      readonly kind: 'demandGrowth';
      readonly id: string;
      readonly demand: string;
      readonly growth: number;
      readonly from: Month;
    };

/** A whole scenario. */
export interface SupplyScenario {
  readonly name: string;
  readonly description?: string;
  /** Country codes (ISO 3166 alpha-2 or short names) to display names. */
  readonly countries: Readonly<Record<string, string>>;
  readonly facilities: readonly Facility[];
  readonly links: readonly TradeLink[];
  readonly demand: readonly Demand[];
  readonly policies?: readonly Policy[];
  readonly events?: readonly SupplyEvent[];
}
