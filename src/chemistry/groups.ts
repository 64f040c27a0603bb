/**
 * Light/middle/heavy grouping of the rare earths. Sources disagree, so the convention is a parameter:
 *
 * - `chinese` (P204/P507 grouping cuts, XU95 via the reference sheet, recalled, medium): light La-Nd (and Pm),
 *   middle Sm-Gd, heavy Tb-Lu and Y; Sc is treated separately.
 * - `two-group` (common Western use; authors differ on Eu and Gd, recalled, medium): light La-Eu, heavy Gd-Lu and Y;
 *   Sc separate.
 * - `geochemical` (as in the georefdatar documentation, primary, high for that convention): light La-Nd,
 *   middle Sm-Ho, heavy Er-Lu; Y and Sc separate.
 */
import { fail } from '../core/errors.js';
import { isRareEarth, RARE_EARTHS, type RareEarth } from './elements.js';

/** A grouping convention. */
export type GroupConvention = 'chinese' | 'two-group' | 'geochemical';

/** A rare-earth group; `separate` for elements the convention keeps apart (Sc everywhere, Y in geochemistry). */
export type REGroup = 'light' | 'middle' | 'heavy' | 'separate';

const CONVENTIONS: readonly GroupConvention[] = ['chinese', 'two-group', 'geochemical'];

function byZ(symbol: RareEarth): number {
  return RARE_EARTHS.indexOf(symbol);
}

/**
 * The group of a rare-earth element under a convention (default `chinese`).
 *
 * @throws ReesimError `UNKNOWN_KEY` for a symbol that is not a rare earth or an unknown convention
 * @example
 * ```ts
 * reGroup('Gd'); // 'middle'
 * reGroup('Gd', 'two-group'); // 'heavy'
 * reGroup('Y', 'geochemical'); // 'separate'
 * ```
 */
export function reGroup(symbol: RareEarth | string, convention: GroupConvention = 'chinese'): REGroup {
  if (!isRareEarth(symbol))
    fail('UNKNOWN_KEY', 'symbol', symbol, `a rare-earth symbol (${RARE_EARTHS.join(', ')})`);
  if (!CONVENTIONS.includes(convention))
    fail('UNKNOWN_KEY', 'convention', convention, `one of ${CONVENTIONS.join(', ')}`);
  if (symbol === 'Sc') return 'separate';
  const i = byZ(symbol);
  const at = (s: RareEarth) => byZ(s);
  switch (convention) {
    case 'chinese':
      if (symbol === 'Y') return 'heavy';
      return i <= at('Pm') ? 'light' : i <= at('Gd') ? 'middle' : 'heavy';
    case 'two-group':
      if (symbol === 'Y') return 'heavy';
      return i <= at('Eu') ? 'light' : 'heavy';
    case 'geochemical':
      if (symbol === 'Y') return 'separate';
      return i <= at('Nd') ? 'light' : i <= at('Ho') ? 'middle' : 'heavy';
  }
}

/**
 * The rare earths of one group under a convention, in order of atomic number.
 *
 * @example
 * ```ts
 * reGroupMembers('middle'); // ['Sm', 'Eu', 'Gd']
 * ```
 */
export function reGroupMembers(group: REGroup, convention: GroupConvention = 'chinese'): RareEarth[] {
  return RARE_EARTHS.filter((s) => reGroup(s, convention) === group);
}
