// Types of bench/shared.mjs, for the TypeScript benches that import it.
import type { CascadeSpec, MonteCarloStudy } from '../dist/index.js';

export function prNdStudy(
  separationFactors: typeof import('../dist/index.js').separationFactors,
  runs?: number,
): { heavy: CascadeSpec; study: MonteCarloStudy };
export function median(xs: readonly number[]): number;
export function round(x: number, digits: number): number;
export function supplyEnsemble(pkg: typeof import('../dist/index.js'), runs: number): MonteCarloStudy;
