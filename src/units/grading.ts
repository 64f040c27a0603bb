/**
 * Grading: quality control of a final product against a purity specification, in the trade's "N" grades
 * (3N = 99.9 %, 4N5 = 99.995 %, ...).
 *
 * **Model.** Purity is the element's mass fraction ({@link purity}): relative (REO/TREO for oxides, RE/TRE
 * for metal, how grades are quoted) or absolute (share of all dry mass). The grade is the highest whose
 * threshold the purity meets; comparisons allow 1e-12 for rounding, so a product made to exactly 99.9 %
 * grades 3N. The grading unit sends the whole stream to `accepted` when it meets the target, else to
 * `rejected`.
 *
 * **The user specifies:** `element` (a rare earth) and `target` (a purity fraction, e.g. 0.999); optionally
 * `basis` (`relative` by default).
 * **Data:** 2N 99 %, 2N5 99.5 % (USGS benchmark for Ce, La, Nd, Dy oxides), 3N 99.9 %, 4N 99.99 % (USGS
 * benchmark for Eu, Tb oxides), 5N 99.999 %, 6N 99.9999 % (ree-data 6.5; USGS25 primary high where noted);
 * 3N5 and 4N5 are the usual half-steps.
 */

import { RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { fail } from '../core/errors.js';
import { fraction, knownKeys, oneOf, orDefault, record } from '../core/validate.js';
import { cite, type Provenance } from '../data/provenance.js';
import { type PurityBasis, purity } from '../stream/composition.js';
import { split } from '../stream/split.js';
import { checkStream, type Stream } from '../stream/stream.js';
import { finishUnit, inlet, type UnitDefinition, type UnitResult } from './unit.js';

/** A purity grade in "N" notation. */
export type PurityGrade = '2N' | '2N5' | '3N' | '3N5' | '4N' | '4N5' | '5N' | '6N';

/** One grade: its lowest purity (fraction) and where it comes from. */
export interface GradeThreshold {
  readonly grade: PurityGrade;
  readonly threshold: number;
  readonly provenance: Provenance;
}

const NOTATION = cite('REESIM', 'derived', 'high', 'nN = n nines; the "5" adds half a step');
const USGS = cite('USGS25', 'primary', 'high', 'USGS benchmark grade');

/** Purity grades, highest first (ree-data 6.5). */
export const PURITY_GRADES: readonly GradeThreshold[] = [
  { grade: '6N', threshold: 0.999999, provenance: NOTATION },
  { grade: '5N', threshold: 0.99999, provenance: NOTATION },
  { grade: '4N5', threshold: 0.99995, provenance: NOTATION },
  { grade: '4N', threshold: 0.9999, provenance: USGS },
  { grade: '3N5', threshold: 0.9995, provenance: NOTATION },
  { grade: '3N', threshold: 0.999, provenance: NOTATION },
  { grade: '2N5', threshold: 0.995, provenance: USGS },
  { grade: '2N', threshold: 0.99, provenance: NOTATION },
];

/** Allowance for rounding when a purity is compared with a threshold or a target. */
export const GRADE_TOLERANCE = 1e-12;

/** Nines reported for a purity of exactly 1 (or within 1e-9 of it), so that the figure stays finite. */
export const MAX_NINES = 9;

/** What {@link gradeProduct} is asked to check. */
export interface GradeSpec {
  /** Element whose purity is graded. */
  readonly element: RareEarth;
  /** Required purity, fraction in [0, 1] (0.999 = 3N). */
  readonly target: number;
  /** Purity basis; default `relative`. */
  readonly basis?: PurityBasis;
}

/** The verdict of {@link gradeProduct}. */
export interface GradeAssessment {
  readonly element: RareEarth;
  readonly basis: PurityBasis;
  /** Relative purity (REO/TREO or RE/TRE), fraction. */
  readonly purity: number;
  /** Absolute purity (share of all dry mass), fraction. */
  readonly absolutePurity: number;
  /** Highest grade met on `basis`, or `below 2N`. */
  readonly grade: PurityGrade | 'below 2N';
  /** −log10(1 − purity) on `basis`, at most {@link MAX_NINES}. */
  readonly nines: number;
  /** Purity on `basis` meets `target`. */
  readonly pass: boolean;
  readonly target: number;
  /** How far purity on `basis` falls short of `target`, fraction; 0 on a pass. */
  readonly shortfall: number;
}

/**
 * The highest grade a purity meets.
 *
 * @example
 * ```ts
 * gradeOf(0.9991); // '3N'
 * gradeOf(0.98); // 'below 2N'
 * ```
 */
export function gradeOf(purityFraction: number): PurityGrade | 'below 2N' {
  const p = fraction('purity', purityFraction);
  return PURITY_GRADES.find((g) => p >= g.threshold - GRADE_TOLERANCE)?.grade ?? 'below 2N';
}

/**
 * Grades a product: purity of one element, its "N" grade, and whether it meets a target.
 *
 * @param stream the product (any form; metal is graded on the metal basis, the rest on the oxide basis)
 * @throws ReesimError for a missing or invalid element, target or basis
 * @example
 * ```ts
 * const oxide = fromOxides('oxide', { Nd: 99.91, Pr: 0.09 });
 * gradeProduct(oxide, { element: 'Nd', target: 0.999 }); // { grade: '3N', pass: true, ... }
 * ```
 */
export function gradeProduct(stream: Stream, spec: GradeSpec): GradeAssessment {
  checkStream('stream', stream);
  const s = record('grading', spec, 'a grade specification { element, target, basis? }');
  knownKeys('grading', s, ['element', 'target', 'basis']);
  if (s.element === undefined) fail('MISSING', 'grading.element', undefined, 'a rare-earth symbol');
  if (s.target === undefined) fail('MISSING', 'grading.target', undefined, 'a purity fraction in [0, 1]');
  const element = oneOf('grading.element', s.element, RARE_EARTHS);
  const target = fraction('grading.target', s.target);
  const basis = oneOf<PurityBasis>('grading.basis', orDefault(s.basis, 'relative'), ['relative', 'absolute']);
  const relative = Math.min(1, purity(stream, element));
  const absolutePurity = Math.min(1, purity(stream, element, 'absolute'));
  const measured = basis === 'relative' ? relative : absolutePurity;
  const pass = measured >= target - GRADE_TOLERANCE;
  const impurity = 1 - measured;
  return {
    element,
    basis,
    purity: relative,
    absolutePurity,
    grade: gradeOf(measured),
    nines: impurity <= 10 ** -MAX_NINES ? MAX_NINES : -Math.log10(impurity),
    pass,
    target,
    shortfall: pass ? 0 : target - measured,
  };
}

/**
 * Quality gate: grades a product and sends all of it to `accepted` if it meets the target, else to
 * `rejected` (the other outlet is empty, same form).
 *
 * @example
 * ```ts
 * const tb = fromOxides('oxide', { Tb: 99.995, Dy: 0.005 });
 * const { accepted } = grading(tb, { element: 'Tb', target: 0.9999 }).outlets; // all of it (4N5)
 * ```
 */
export function grading(product: Stream, params: GradeSpec): UnitResult<'accepted' | 'rejected'> {
  const g = gradeProduct(product, params);
  const [accepted, rejected] = split(product, g.pass ? 1 : 0);
  return finishUnit('grading', {
    inlets: [product],
    outlets: { accepted, rejected },
    figures: {
      purity: g.basis === 'relative' ? g.purity : g.absolutePurity,
      absolutePurity: g.absolutePurity,
      nines: g.nines,
      target: g.target,
      shortfall: g.shortfall,
      pass: g.pass ? 1 : 0,
    },
    notes: [
      `${g.element} ${g.basis} purity ${(100 * (g.basis === 'relative' ? g.purity : g.absolutePurity)).toFixed(6)} %: ${g.grade}, ${g.pass ? 'meets' : 'misses'} the target ${g.target}`,
    ],
  });
}

/**
 * The old name of {@link grading}.
 *
 * @deprecated Renamed `grading` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const grade = grading;

/** Flowsheet definition of {@link grading}: inlet `product`, outlets `accepted` and `rejected`. */
export const gradingUnit: UnitDefinition<GradeSpec, 'accepted' | 'rejected'> = {
  kind: 'grading',
  inlets: ['product'],
  outlets: ['accepted', 'rejected'],
  run: (inlets, params) => grading(inlet(inlets, 'product', 'grading'), params),
};
