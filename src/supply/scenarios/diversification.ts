/**
 * Diversification away from China's separation, as one supply-chain scenario: MP Materials separating at
 * home, the Pakistan-US deal, Turkey's Beylikova and Brazil's Serra Verde together (the combination of
 * reesim's issue 5). Each part keeps its own parameters, sources and assumptions (see its module).
 */

import { knownKeys, optional, record } from '../../core/validate.js';
import type { SupplyScenario } from '../types.js';
import { type MpDomesticParams, withMpDomesticProcessing } from './mpDomestic.js';
import { type PakistanUsParams, withPakistanUsDeal } from './pakistanUs.js';
import { type SerraVerdeParams, withSerraVerde } from './serraVerde.js';
import { type TurkeyBeylikovaParams, withTurkeyBeylikova } from './turkeyBeylikova.js';

/** Parameters of {@link withDiversification}: those of each part. */
export interface DiversificationParams {
  readonly mp?: MpDomesticParams;
  readonly pakistan?: PakistanUsParams;
  readonly turkey?: TurkeyBeylikovaParams;
  readonly serraVerde?: SerraVerdeParams;
}

const FN = 'withDiversification';
const PARTS = ['mp', 'pakistan', 'turkey', 'serraVerde'] as const;

/**
 * The scenario with {@link withMpDomesticProcessing}, {@link withPakistanUsDeal}, {@link withTurkeyBeylikova}
 * and {@link withSerraVerde} applied in that order (they compose: their facility, event and policy ids
 * differ). Returns a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown parts or invalid params of a part (the path names the part's function)
 * @example
 * ```ts
 * const s = withDiversification(baseline2024, { pakistan: { concentrate: 800 } });
 * s.name; // 'baseline-2024 + MP domestic processing + Pakistan-US deal + Turkey Beylikova + Serra Verde'
 * s.events?.length; // 15
 * ```
 */
export function withDiversification(
  base: SupplyScenario,
  params: DiversificationParams = {},
): SupplyScenario {
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, PARTS);
  // Each part's function checks its own keys and values.
  const part = <T>(key: (typeof PARTS)[number]): T =>
    optional(p[key], {}, (v) => record(`${FN}.params.${key}`, v, 'a parameter object')) as T;
  const mp = withMpDomesticProcessing(base, part<MpDomesticParams>('mp'));
  const pakistan = withPakistanUsDeal(mp, part<PakistanUsParams>('pakistan'));
  const turkey = withTurkeyBeylikova(pakistan, part<TurkeyBeylikovaParams>('turkey'));
  return withSerraVerde(turkey, part<SerraVerdeParams>('serraVerde'));
}
