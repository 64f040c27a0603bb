/**
 * The policy kinds a supply scenario can hold, one entry per kind: the keys a policy of the kind may carry,
 * and how it is checked and resolved into what it does to a month ({@link PolicyEffect}). A kind is its
 * own file plus one entry here (and its type in `Policy` and its schema); a kind of `Policy` without an
 * entry, or an entry without one of the effect's parts, does not compile (test/types/registries.ts).
 */
import type { Policy } from '../types.js';
import { domesticProcessing } from './domesticProcessing.js';
import { exportControl } from './exportControl.js';
import { stockpile } from './stockpile.js';
import type { PolicyKind } from './types.js';

export type { PolicyContext, PolicyEffect, PolicyKind, RouteScope, Stockpile } from './types.js';

/** One entry per kind of `Policy`. */
export type PolicyRegistry = {
  readonly [K in Policy['kind']]: PolicyKind<Extract<Policy, { kind: K }>>;
};

/** The built-in policy kinds. */
export const POLICY_KINDS: PolicyRegistry = { exportControl, domesticProcessing, stockpile };
