/**
 * Reporting bases: the factor that turns an element mass into the mass reported for a stream's form.
 * Metal is reported as element mass; every other form as reported oxide (the assay convention:
 * ore grades, concentrate grades and liquor strengths are all quoted as REO and oxides).
 */
import { oxideFactor } from '../chemistry/oxide.js';
import { elementAt, SPECIES, SPECIES_COUNT, WATER } from '../chemistry/species.js';
import type { StreamForm } from './stream.js';

/** kg oxide per kg element for each species index; 1 for gangue, 0 for water. */
export const OXIDE_FACTORS: readonly number[] = SPECIES.map((_, i) => {
  const el = elementAt(i);
  return el ? oxideFactor(el) : i === WATER ? 0 : 1;
});

/** kg reported per kg element on the metal basis: 1 except 0 for water. */
const METAL_FACTORS: readonly number[] = Array.from({ length: SPECIES_COUNT }, (_, i) =>
  i === WATER ? 0 : 1,
);

/** The reporting basis of a form: `metal` for metal, `oxide` for everything else. */
export function reportingBasis(form: StreamForm): 'metal' | 'oxide' {
  return form === 'metal' ? 'metal' : 'oxide';
}

/** Per-species reporting factors for a basis (water always 0: totals are dry). */
export function reportingFactors(basis: 'metal' | 'oxide'): readonly number[] {
  return basis === 'metal' ? METAL_FACTORS : OXIDE_FACTORS;
}
