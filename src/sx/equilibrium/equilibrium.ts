/**
 * Equilibrium models of a solvent-extraction stage: how a stage splits each species between the aqueous
 * and the organic phase. Models are plain data (`kind` plus numbers), so a cascade spec can be written in a
 * scenario file and sent to a worker thread; the solvers dispatch on `kind`.
 *
 * Species are any names (element symbols, or `A`/`B`); amounts are per unit time in any consistent unit
 * (mol/h for the separation-factor model, whose loading is in mol per litre of organic).
 */
import { fail } from '../../core/errors.js';
import { isRecord, knownKeys, optional, positive, safeKey } from '../../core/validate.js';
import type { PhDependentModel } from './phDependent.js';

/**
 * Constant distribution ratios D = C_org / C_aq per species (linear isotherm): a stage with aqueous volume
 * flow A and organic volume flow O sends y = D·(O/A)·x of each species to the organic (extraction factor
 * ε = D·O/A). Exact Kremser behaviour.
 *
 * With a loading `capacity` Q (amount per unit organic volume) the isotherm is the competitive Langmuir
 * form C_org,i = D_i C_aq,i / (1 + Σ_k D_k C_aq,k / Q), i.e. y_i = ε_i x_i / (1 + Σ_k ε_k x_k / (Q·O)) in
 * amounts per unit time: constant D while the organic is lightly loaded, and at high loading an organic
 * that carries at most Q·O in all, shared between species in proportion to D_i x_i (Xu's saturated organic
 * is this limit, with β_i = D_i).
 */
export interface DistributionModel {
  readonly kind: 'distribution';
  /** Distribution ratio of each species at low loading, C_org / C_aq (dimensionless, > 0). */
  readonly D: Readonly<Record<string, number>>;
  /** Loading capacity of the organic, amount per unit organic volume (> 0); absent: no limit (linear). */
  readonly capacity?: number;
}

/**
 * Xu Guangxian's constant-separation-factor model: the organic is saturated and carries a fixed total
 * rare-earth amount per litre (`loading`), split between species by y_i = β_i x_i / Σ_k β_k x_k
 * (x: the stage's aqueous amounts). β is relative: only ratios matter (β_A/β_B is the separation factor).
 */
export interface SeparationFactorModel {
  readonly kind: 'separationFactors';
  /** Relative extractability of each species (> 0); β_i / β_j is the separation factor of i over j. */
  readonly beta: Readonly<Record<string, number>>;
  /** Total loading of the organic, amount per unit organic volume (e.g. 0.18 mol/L for P507 1.5 M at 36 %). */
  readonly loading: number;
}

/** Any equilibrium model ({@link PhDependentModel}: the pH-dependent model of `phDependent.ts`). */
export type EquilibriumModel = DistributionModel | SeparationFactorModel | PhDependentModel;

/** Default organic loading of the separation-factor model: P507 1.5 mol/L, 36 % saponified, / 3 (ree-data 2.6, D, H). */
export const DEFAULT_LOADING = (1.5 * 0.36) / 3;

function positiveRecord(path: string, value: unknown): Record<string, number> {
  if (!isRecord(value)) fail('INVALID_TYPE', path, value, 'a record of species -> positive number');
  const out: Record<string, number> = {};
  const names = Object.keys(value);
  if (names.length === 0) fail('MISSING', path, value, 'at least one species');
  for (const name of names) {
    safeKey(`${path}.${name}`, name, 'a species name');
    const x = positive(`${path}.${name}`, value[name]);
    if (x > 1e12 || x < 1e-12) fail('OUT_OF_RANGE', `${path}.${name}`, x, 'a number in [1e-12, 1e12]');
    out[name] = x;
  }
  return out;
}

/**
 * A constant-distribution-ratio model, optionally with a loading capacity of the organic.
 *
 * Without `capacity` the isotherm is linear (C_org = D·C_aq; Kremser behaviour). With it, the competitive
 * Langmuir isotherm C_org,i = D_i C_aq,i / (1 + Σ_k D_k C_aq,k / capacity): D_i is the ratio at low
 * loading, and the organic's total content tends to `capacity` as the aqueous strengthens (a cation
 * exchanger's saponified extractant can bind at most a third of its mol as RE³⁺: 0.18 mol/L for P507 1.5 M
 * at 36 %, ree-data 2.6). The competitive Langmuir form is the standard multicomponent isotherm of
 * site-limited sorption; its saturated limit is Xu's constant-separation-factor organic with β_i = D_i.
 * **Assumption:** one capacity shared by all species (each bound RE takes the same extractant).
 *
 * @param D distribution ratio C_org / C_aq per species (at low loading), each in [1e-12, 1e12]
 * @param options.capacity loading capacity, amount per unit organic volume in (0, 1e12] (the same amount
 *   unit as the cascade's flows); default none (linear isotherm)
 * @throws ReesimError for an empty record or a ratio that is not a positive finite number
 * @example
 * ```ts
 * const m = distribution({ A: 0.85, B: 1.275 });
 * m.kind; // 'distribution'
 * m.D.B; // 1.275
 * distribution({ Nd: 2 }, { capacity: 0.18 }).capacity; // 0.18
 * ```
 */
export function distribution(
  D: Readonly<Record<string, number>>,
  options: { readonly capacity?: number } = {},
): DistributionModel {
  const ratios = positiveRecord('distribution.D', D);
  if (!isRecord(options)) fail('INVALID_TYPE', 'distribution.options', options, '{ capacity? }');
  knownKeys('distribution.options', options, ['capacity']);
  if (options.capacity === undefined) return { kind: 'distribution', D: ratios };
  return {
    kind: 'distribution',
    D: ratios,
    capacity: capacityValue('distribution.capacity', options.capacity),
  };
}

/** A loading capacity: amount per unit organic volume in (0, 1e12]. */
function capacityValue(path: string, value: unknown): number {
  const q = positive(path, value);
  if (q > 1e12) fail('OUT_OF_RANGE', path, q, 'a capacity in (0, 1e12]');
  return q;
}

/**
 * Xu's constant-separation-factor model.
 *
 * @param beta relative extractability per species (only ratios matter), each in [1e-12, 1e12]
 * @param options.loading organic loading, amount per unit organic volume (default {@link DEFAULT_LOADING},
 *   0.18 mol/L)
 * @example
 * ```ts
 * const m = separationFactors({ Nd: 1.5, Pr: 1 });
 * m.beta.Nd / m.beta.Pr; // 1.5
 * m.loading; // 0.18
 * ```
 */
export function separationFactors(
  beta: Readonly<Record<string, number>>,
  options: { readonly loading?: number } = {},
): SeparationFactorModel {
  const ratios = positiveRecord('separationFactors.beta', beta);
  if (!isRecord(options)) fail('INVALID_TYPE', 'separationFactors.options', options, '{ loading? }');
  knownKeys('separationFactors.options', options, ['loading']);
  const loading = optional(options.loading, DEFAULT_LOADING, (v) => positive('separationFactors.loading', v));
  return { kind: 'separationFactors', beta: ratios, loading };
}
