/** The supply chain's common unit: t REO (rare-earth oxide) for every stage. */
import { oxideFactor } from '../chemistry/oxide.js';
import type { Stage } from './types.js';

/** t REO per t of the stage's reporting unit: the oxide factor for metal and magnets, else 1. */
export function toReo(stage: Stage, element: string): number {
  return stage === 'metal' || stage === 'magnet' ? oxideFactor(element) : 1;
}

/**
 * The largest amount any supply input states (t, or t per year): 1e9, some 2,500 times the world's 2024
 * mine production (390,000 t REO, USGS 2025). Anything larger is a mistake, and would overflow the
 * monthly LP's scaling.
 */
export const MAX_TONNES = 1e9;
