/** The supply chain's common unit: t REO (rare-earth oxide) for every stage. */
import { oxideFactor } from '../chemistry/oxide.js';
import type { Stage } from './types.js';

/** t REO per t of the stage's reporting unit: the oxide factor for metal and magnets, else 1. */
export function toReo(stage: Stage, element: string): number {
  return stage === 'metal' || stage === 'magnet' ? oxideFactor(element) : 1;
}
