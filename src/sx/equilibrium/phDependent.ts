/**
 * The pH-dependent equilibrium model of an acidic extractant (DEHPA and kin), as PrOMMiS (the DOE's
 * Process Optimization and Modeling for Minerals Sustainability library, github prommis/prommis,
 * `solvent_extraction`) writes it: each metal's distribution ratio follows an empirical correlation in the
 * stage's pH and free-extractant dosage, every metal ion extracted releases protons to the aqueous and
 * binds as many extractant molecules in the organic, and bisulfate may dissociate in each stage's aqueous.
 *
 * Quantities: amounts in mol per unit time (mol/h), volume flows in L per unit time (L/h), so stage
 * concentrations are mol/L; pH = −log10 of the free H+ concentration in mol/L (no activity coefficients,
 * as in PrOMMiS).
 *
 * Species that stay in one phase: the proton, bisulfate and sulfate are aqueous only, the free extractant
 * is organic only. In a cascade result their amount in the other phase is 0 at every stage; the solver
 * (`phDependentSolver.ts`) carries each of them as one unknown per stage.
 */
import { fail } from '../../core/errors.js';
import {
  finite,
  inRange,
  knownKeys,
  nonEmptyString,
  optional,
  positive,
  record,
  safeKey,
} from '../../core/validate.js';

/**
 * A metal whose distribution ratio follows the PrOMMiS correlation
 * log10 D = (m0 + m1·dosage)·pH + B0 + B1·log10(dosage), dosage in % v/v of extractant.
 */
export interface PhCorrelation {
  readonly m0: number;
  readonly m1: number;
  readonly B0: number;
  readonly B1: number;
  /** Protons released (and extractant molecules bound) per metal ion extracted; 3 for a trivalent ion. */
  readonly protons: number;
}

/** A metal with a constant distribution ratio D = C_org/C_aq (>= 0; 0: it stays in the aqueous). */
export interface PhConstant {
  readonly D: number;
  /** Protons released (and extractant molecules bound) per metal ion extracted. */
  readonly protons: number;
}

/** A metal's equilibrium: a pH correlation or a constant distribution ratio. */
export type PhMetal = PhCorrelation | PhConstant;

/** The extractant: its species name and what turns its free concentration into a dosage in % v/v. */
export interface PhExtractant {
  /** Species name of the free extractant (organic only), e.g. `DEHPA`. */
  readonly species: string;
  /** Molar mass, g/mol (DEHPA 322.431). */
  readonly molarMass: number;
  /** Reference density, g/L: dosage (% v/v) = 100 · C_extractant (g/L) / density (PrOMMiS: 975.8). */
  readonly density: number;
}

/** The bisulfate equilibrium HSO4− ⇌ H+ + SO4²− in each stage's aqueous. */
export interface PhBisulfate {
  /** Species names of HSO4− and SO4²− (aqueous only). */
  readonly hso4: string;
  readonly so4: string;
  /** pKa2 of sulfuric acid, −log10 of Ka in mol/L (1.99 in PrOMMiS). */
  readonly pKa: number;
}

/**
 * The PrOMMiS pH-dependent model: per-metal correlations or constants, the proton and extractant species,
 * and an optional bisulfate equilibrium.
 */
export interface PhDependentModel {
  readonly kind: 'phDependent';
  /** Each extractable metal's equilibrium, by species name. */
  readonly metals: Readonly<Record<string, PhMetal>>;
  /** Species name of H+ (aqueous only). */
  readonly proton: string;
  readonly extractant: PhExtractant;
  readonly bisulfate?: PhBisulfate;
}

/** The parameters {@link phDependent} accepts: as {@link PhDependentModel}, with `protons` optional (3). */
export interface PhDependentParams {
  readonly metals: Readonly<
    Record<string, Omit<PhCorrelation, 'protons'> | Omit<PhConstant, 'protons'> | PhMetal>
  >;
  readonly proton: string;
  readonly extractant: PhExtractant;
  readonly bisulfate?: PhBisulfate;
}

/** Default protons released per metal ion extracted (a trivalent rare earth exchanging with H+). */
export const DEFAULT_PROTONS = 3;

function speciesName(path: string, value: unknown): string {
  return safeKey(path, nonEmptyString(path, value), 'a species name');
}

/** A correlation coefficient: finite, |x| <= 100. */
const coefficient = (path: string, value: unknown) => inRange(path, value, -100, 100);

function checkMetal(path: string, value: unknown): PhMetal {
  const m = record(path, value, '{ m0, m1, B0, B1, protons? } or { D, protons? }');
  const protons = optional(m.protons, DEFAULT_PROTONS, (v) => inRange(`${path}.protons`, v, 0, 10));
  if ('D' in m) {
    knownKeys(path, m, ['D', 'protons']);
    return { D: inRange(`${path}.D`, m.D, 0, 1e12), protons };
  }
  knownKeys(path, m, ['m0', 'm1', 'B0', 'B1', 'protons']);
  return {
    m0: coefficient(`${path}.m0`, m.m0),
    m1: coefficient(`${path}.m1`, m.m1),
    B0: coefficient(`${path}.B0`, m.B0),
    B1: coefficient(`${path}.B1`, m.B1),
    protons,
  };
}

/**
 * Validates a pH-dependent model (hand-written or from {@link phDependent}) and returns its normalised copy
 * (`protons` filled in). Used by the cascade spec's validation.
 *
 * @throws ReesimError naming the first bad field under `path`
 * @example
 * ```ts
 * const m = checkPhDependent('model', {
 *   kind: 'phDependent',
 *   metals: { La: { m0: 0.54, m1: 0, B0: -1.93, B1: 0 } },
 *   proton: 'H+',
 *   extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
 * });
 * m.metals.La.protons; // 3
 * ```
 */
export function checkPhDependent(path: string, value: unknown): PhDependentModel {
  const m = record(path, value, 'a phDependent(...) model');
  knownKeys(path, m, ['kind', 'metals', 'proton', 'extractant', 'bisulfate']);
  if (m.kind !== 'phDependent') fail('INVALID_TYPE', `${path}.kind`, m.kind, "'phDependent'");
  const metalsIn = record(`${path}.metals`, m.metals, 'a record of metal -> its equilibrium parameters');
  const names = Object.keys(metalsIn);
  if (names.length === 0) fail('MISSING', `${path}.metals`, metalsIn, 'at least one metal');
  const metals: Record<string, PhMetal> = {};
  for (const name of names) {
    safeKey(`${path}.metals.${name}`, name, 'a species name');
    metals[name] = checkMetal(`${path}.metals.${name}`, metalsIn[name]);
  }
  const proton = speciesName(`${path}.proton`, m.proton);
  const e = record(`${path}.extractant`, m.extractant, '{ species, molarMass, density }');
  knownKeys(`${path}.extractant`, e, ['species', 'molarMass', 'density']);
  const extractant: PhExtractant = {
    species: speciesName(`${path}.extractant.species`, e.species),
    molarMass: inRange(
      `${path}.extractant.molarMass`,
      positive(`${path}.extractant.molarMass`, e.molarMass),
      1,
      1e4,
    ),
    density: inRange(`${path}.extractant.density`, positive(`${path}.extractant.density`, e.density), 1, 1e5),
  };
  const bisulfate = optional(m.bisulfate, undefined, (v): PhBisulfate => {
    const b = record(`${path}.bisulfate`, v, '{ hso4, so4, pKa }');
    knownKeys(`${path}.bisulfate`, b, ['hso4', 'so4', 'pKa']);
    return {
      hso4: speciesName(`${path}.bisulfate.hso4`, b.hso4),
      so4: speciesName(`${path}.bisulfate.so4`, b.so4),
      pKa: inRange(`${path}.bisulfate.pKa`, b.pKa, -10, 20),
    };
  });
  // Every role needs its own species.
  const roles: [string, string][] = [
    ['proton', proton],
    ['extractant.species', extractant.species],
  ];
  if (bisulfate) roles.push(['bisulfate.hso4', bisulfate.hso4], ['bisulfate.so4', bisulfate.so4]);
  const seen = new Set(names);
  for (const [role, name] of roles) {
    if (seen.has(name))
      fail('INFEASIBLE', `${path}.${role}`, name, 'a species name used by no other role or metal');
    seen.add(name);
  }
  return bisulfate
    ? { kind: 'phDependent', metals, proton, extractant, bisulfate }
    : { kind: 'phDependent', metals, proton, extractant };
}

/**
 * The pH-dependent equilibrium model of an acidic extractant (PrOMMiS's DEHPA model): a stage's metal i
 * goes to the organic with C_org = D_i · C_aq (mol/L), where
 *
 *   log10 D_i = (m0 + m1·dosage)·pH + B0 + B1·log10(dosage)   (or a constant D_i),
 *   dosage (% v/v) = 100 · C_extractant,free (g/L) / density,  pH = −log10 C_H+ (mol/L),
 *
 * both taken in the stage (its aqueous and organic outlets). Each ion extracted releases `protons` H+ to
 * the aqueous and binds as many extractant molecules (default 3, Ca 2 in PrOMMiS); with `bisulfate`,
 * C_H+ · C_SO4 = Ka · C_HSO4 holds in each stage's aqueous. So extraction acidifies the aqueous and uses
 * up extractant, which lowers the next metal's D: the cascade must be solved with the acid and extractant
 * balances (see {@link reesim!simulateCascade | simulateCascade}).
 *
 * **Assumptions:** constant phase volumes; concentrations, not activities; the correlation's fit range
 * (PrOMMiS: pH ~1–3, 2–10 % DEHPA) is not enforced. **The user specifies:** every metal's parameters,
 * the proton and extractant species, the extractant's molar mass (g/mol) and reference density (g/L), and
 * optionally the bisulfate species and pKa2. **Units:** cascade amounts in mol per unit time and volumes in
 * L per unit time. **Source:** PrOMMiS `solvent_extraction_reaction_package.py` (correlations from the
 * Phase 1 report of the DOE coal-byproduct REE project) and its 3-stage DEHPA steady test.
 *
 * @param params.metals per metal `{ m0, m1, B0, B1, protons? }` (coefficients in [−100, 100]) or
 *   `{ D, protons? }` (D in [0, 1e12]); `protons` in [0, 10], default 3
 * @param params.proton species name of H+
 * @param params.extractant `{ species, molarMass, density }`: free extractant, g/mol, g/L
 * @param params.bisulfate optional `{ hso4, so4, pKa }`
 * @throws ReesimError for a bad parameter, with its path (`phDependent.metals.La.m0`)
 * @example
 * ```ts
 * const m = phDependent({
 *   metals: { La: { m0: 0.54, m1: 0, B0: -1.93, B1: 0 }, Ca: { D: 0.0658, protons: 2 } },
 *   proton: 'H+',
 *   extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
 *   bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: 1.99 },
 * });
 * m.kind; // 'phDependent'
 * m.metals.La.protons; // 3
 * // La at pH 2 (any dosage): D = 10^(0.54·2 − 1.93)
 * phDistributionRatio(m.metals.La, 2, 5); // 0.1413
 * ```
 */
export function phDependent(params: PhDependentParams): PhDependentModel {
  const p = record('phDependent', params, 'pH-dependent model parameters');
  return checkPhDependent('phDependent', { ...p, kind: 'phDependent' });
}

/** Every species a pH-dependent model names: metals, proton, extractant, and bisulfate's two. */
export function phDependentSpecies(m: PhDependentModel): string[] {
  const out = [...Object.keys(m.metals), m.proton, m.extractant.species];
  if (m.bisulfate) out.push(m.bisulfate.hso4, m.bisulfate.so4);
  return out;
}

/**
 * A metal's distribution ratio D = C_org/C_aq at a given pH and extractant dosage (% v/v), by
 * {@link phDependent}'s correlation (or its constant).
 *
 * @example
 * ```ts
 * // Y in PrOMMiS: (m0, m1, B0, B1) = (1.63166, 0.15166, -2.12601, 0.26612), pH 1.5, 5 % DEHPA
 * phDistributionRatio({ m0: 1.63166, m1: 0.15166, B0: -2.12601, B1: 0.26612, protons: 3 }, 1.5, 5); // 44.15
 * ```
 */
export function phDistributionRatio(metal: PhMetal, pH: number, dosage: number): number {
  if ('D' in metal) return metal.D;
  const ph = finite('phDistributionRatio.pH', pH);
  const d = positive('phDistributionRatio.dosage', dosage);
  const log10D = (metal.m0 + metal.m1 * d) * ph + metal.B0 + metal.B1 * Math.log10(d);
  if (!(log10D < 300 && log10D > -300))
    fail('OUT_OF_RANGE', 'phDistributionRatio', log10D, 'log10 D in (−300, 300)');
  return 10 ** log10D;
}
