/**
 * The linear-programming layer of the supply-chain model: a plain-data linear program (variables with
 * bounds and costs, constraints as sparse rows with bounds) solved by HiGHS compiled to WebAssembly
 * (npm `highs`). The supply-chain model builds one LP per month (DESIGN.md, "Supply chain"); this file
 * only checks and solves it.
 *
 * **Input path.** The LP goes to HiGHS as arrays (a compressed-sparse-row matrix through the package's
 * `passModel`), not as CPLEX LP text: no names to generate and no text to parse (1.7-2 times faster from
 * 300 to 12,000 variables, bench/lp.bench.ts; about 50 ms for 5,800 variables and 2,000 constraints).
 *
 * **Determinism.** HiGHS runs single-threaded in WebAssembly; each solve uses a fresh HiGHS instance (no
 * basis carried over), the dual simplex method, presolve on and random seed 0, so the same LP gives the
 * same bits on every call, in every thread. The model need not perturb costs to make ties deterministic;
 * note that HiGHS ignores cost differences below its dual feasibility tolerance (1e-7).
 */
import type { Highs, Model } from 'highs';
import { type Issue, throwIssues } from '../core/errors.js';
import { isRecord } from '../core/validate.js';

/** A decision variable (a column): its bounds and its objective coefficient. */
export interface LpVariable {
  /** Used in error messages only. */
  readonly name?: string;
  /** Lower bound (default 0; `-Infinity` for a free variable). */
  readonly lower?: number;
  /** Upper bound (default `+Infinity`: no upper bound). */
  readonly upper?: number;
  /** Objective coefficient (finite). */
  readonly cost: number;
}

/** A linear constraint (a row): `lower <= sum(coefficient * variable) <= upper`. */
export interface LpConstraint {
  /** Used in error messages only. */
  readonly name?: string;
  /** `[variable index, coefficient]` pairs: each variable at most once per constraint, finite coefficient. */
  readonly terms: readonly (readonly [number, number])[];
  /** Lower bound of the row activity (default `-Infinity`); `lower === upper` makes an equality. */
  readonly lower?: number;
  /** Upper bound of the row activity (default `+Infinity`). */
  readonly upper?: number;
}

/** A linear program: maximise or minimise `sum(cost * variable)` subject to the bounds and constraints. */
export interface LinearProgram {
  readonly sense: 'max' | 'min';
  readonly variables: readonly LpVariable[];
  readonly constraints: readonly LpConstraint[];
}

/** The outcome of one solve. */
export interface LpSolution {
  /**
   * `optimal`, `infeasible` (no point meets every constraint), `unbounded` (the objective has no limit)
   * or `error`.
   */
  readonly status: 'optimal' | 'infeasible' | 'unbounded' | 'error';
  /** `sum(cost * value)` over the returned values; 0 unless optimal. */
  readonly objective: number;
  /** Primal value of each variable, in variable order (all 0 unless optimal). */
  readonly values: Float64Array;
  /**
   * Dual value (shadow price) of each constraint when optimal: the change of the objective per unit
   * increase of the constraint's active bound (0 for a constraint that does not bind).
   */
  readonly duals?: Float64Array;
  /** Largest violation of a constraint or bound by the returned values, absolute (evidence; when optimal). */
  readonly residual?: number;
  /** Simplex iterations HiGHS used (evidence; 0 when presolve solved the LP). */
  readonly iterations?: number;
  /** What HiGHS reported when the status is not `optimal`. */
  readonly message?: string;
}

/** A loaded solver; `solve` is synchronous (it blocks the thread while HiGHS runs). */
export interface LpSolver {
  solve(lp: LinearProgram): LpSolution;
}

/** HiGHS options of every solve: quiet, dual simplex (a vertex solution), presolve on, a fixed seed. */
const OPTIONS = {
  output_flag: false,
  solver: 'simplex',
  presolve: 'on',
  random_seed: 0,
  small_matrix_value: 1e-12,
} as const;

/** HiGHS model status codes (highs.constants.modelStatus). */
const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;
const EMPTY = 6;

/** Values this far outside a bound are snapped onto it (HiGHS's default primal feasibility tolerance). */
const SNAP_ABSOLUTE = 1e-7;
const SNAP_RELATIVE = 1e-9;

/** At most this many problems are listed in one error. */
const MAX_ISSUES = 20;

let loading: Promise<LpSolver> | undefined;

/**
 * Loads HiGHS (WebAssembly, about 3.5 MB) and returns a solver for {@link LinearProgram}s. The load happens
 * once per thread (the promise is cached; a failed load is retried on the next call). Works in Node (ESM
 * and CommonJS, worker threads) and in browsers, where the bundler must serve `highs.wasm` beside the
 * package's loader.
 *
 * `solve` checks the LP first and throws a ReesimError listing its problems (non-finite costs or
 * coefficients, a lower bound above its upper bound, a variable index out of range or repeated in one
 * constraint, magnitudes HiGHS would read as infinite); bounds may be infinite. It then returns the
 * status, the optimal values (bound violations up to max(1e-7, 1e-9 × largest value) snapped onto the
 * bound; never NaN), the objective, the constraint duals and the residual. The layer has no quantities of
 * its own: values, costs and duals are in the model's units (t per month, $ per t). Solver: HiGHS (Huangfu
 * & Hall, Mathematical Programming Computation 10, 2018, dual revised simplex), highs.dev.
 *
 * @example
 * ```ts
 * const lp = await loadLpSolver();
 * // Hillier & Lieberman's Wyndor Glass problem: max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18
 * const s = lp.solve({
 *   sense: 'max',
 *   variables: [{ cost: 3 }, { cost: 5 }],
 *   constraints: [
 *     { terms: [[0, 1]], upper: 4 },
 *     { terms: [[1, 2]], upper: 12 },
 *     { terms: [[0, 3], [1, 2]], upper: 18 },
 *   ],
 * });
 * s.status; // 'optimal'
 * s.objective; // 36
 * [...s.values]; // [2, 6]
 * [...(s.duals ?? [])]; // [0, 1.5, 1]
 * ```
 */
export function loadLpSolver(): Promise<LpSolver> {
  if (!loading) {
    loading = import('highs').then(async (module) => solverFor(await loaderOf(module)()));
    loading.catch(() => {
      loading = undefined; // retried on the next call
    });
  }
  return loading;
}

/**
 * The package's loader function. An ESM import gives it as `default`; its types describe the CommonJS
 * build, whose `default` sits one level deeper under some interop helpers: take whichever is a function.
 */
function loaderOf(module: unknown): () => Promise<Highs> {
  const outer = (module as { default?: unknown }).default;
  const inner = (outer as { default?: unknown } | undefined)?.default;
  const loader = typeof outer === 'function' ? outer : inner;
  if (typeof loader !== 'function') throw new TypeError('the highs package exports no loader function');
  return loader as () => Promise<Highs>;
}

function solverFor(highs: Highs): LpSolver {
  return { solve: (lp) => solveWith(highs, lp) };
}

/** The LP as HiGHS arrays (CSR matrix), built while checking it. */
interface Arrays {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

function solveWith(highs: Highs, lp: LinearProgram): LpSolution {
  const a = checkedArrays(lp);
  const n = a.numCols;
  if (n === 0) return emptySolution(a);
  const model = highs.createModel();
  try {
    model.options.set(OPTIONS);
    model.passModel({
      numCols: n,
      numRows: a.numRows,
      sense:
        lp.sense === 'max'
          ? highs.constants.objectiveSense.maximize
          : highs.constants.objectiveSense.minimize,
      colCost: a.colCost,
      colLower: a.colLower,
      colUpper: a.colUpper,
      rowLower: a.rowLower,
      rowUpper: a.rowUpper,
      matrix: {
        format: 'csr',
        numRows: a.numRows,
        numCols: n,
        starts: a.starts,
        indices: a.indices,
        values: a.values,
      },
    });
    let status: number = model.run().modelStatus;
    if (status === UNBOUNDED_OR_INFEASIBLE) status = resolveAmbiguous(model, a);
    if (status === INFEASIBLE) return failed(a, 'infeasible', 'HiGHS: infeasible');
    if (status === UNBOUNDED) return failed(a, 'unbounded', 'HiGHS: unbounded');
    if (status !== OPTIMAL && status !== EMPTY) return failed(a, 'error', `HiGHS model status ${status}`);
    const solution = model.getSolution();
    const iterations = Number(model.info.get('simplex_iteration_count'));
    const dualsValid = Number(model.info.get('dual_solution_status')) === 2;
    return optimal(a, solution.colValue, dualsValid ? solution.rowDual : undefined, iterations);
  } catch (e) {
    return failed(a, 'error', `HiGHS: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    model.dispose();
  }
}

/**
 * Presolve could not tell infeasible from unbounded: solve again without presolve, then, if still
 * undecided, solve the feasibility problem (zero costs): feasible means unbounded.
 */
function resolveAmbiguous(model: Model, a: Arrays): number {
  model.clearSolver();
  model.options.set('presolve', 'off');
  const again = model.run().modelStatus;
  if (again !== UNBOUNDED_OR_INFEASIBLE) return again;
  model.clearSolver();
  model.changeColsCost({ kind: 'range', from: 0, to: a.numCols - 1 }, new Float64Array(a.numCols));
  const feasibility = model.run().modelStatus;
  return feasibility === OPTIMAL ? UNBOUNDED : INFEASIBLE;
}

function failed(a: Arrays, status: LpSolution['status'], message: string): LpSolution {
  return { status, objective: 0, values: new Float64Array(a.numCols), message };
}

/** No variables: optimal (objective 0) when every row admits activity 0, else infeasible. */
function emptySolution(a: Arrays): LpSolution {
  for (let i = 0; i < a.numRows; i++) {
    if ((a.rowLower[i] ?? 0) > 0 || (a.rowUpper[i] ?? 0) < 0)
      return failed(a, 'infeasible', `constraint ${i} cannot hold with no variables`);
  }
  return {
    status: 'optimal',
    objective: 0,
    values: new Float64Array(0),
    duals: new Float64Array(a.numRows),
    residual: 0,
    iterations: 0,
  };
}

/** Snaps values onto violated bounds within tolerance, then computes objective and residual. */
function optimal(
  a: Arrays,
  raw: Float64Array,
  duals: Float64Array | undefined,
  iterations: number,
): LpSolution {
  const n = a.numCols;
  const x = new Float64Array(n);
  let scale = 1;
  for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(raw[j] ?? 0));
  const snap = Math.max(SNAP_ABSOLUTE, SNAP_RELATIVE * scale);
  let objective = 0;
  let residual = 0;
  for (let j = 0; j < n; j++) {
    let v = raw[j] ?? Number.NaN;
    if (!Number.isFinite(v)) return failed(a, 'error', `HiGHS returned ${v} for variable ${j}`);
    const lo = a.colLower[j] ?? 0;
    const hi = a.colUpper[j] ?? 0;
    if (v < lo && lo - v <= snap) v = lo;
    else if (v > hi && v - hi <= snap) v = hi;
    if (v === 0) v = 0; // no -0
    x[j] = v;
    objective += (a.colCost[j] ?? 0) * v;
    residual = Math.max(residual, lo - v, v - hi);
  }
  for (let i = 0; i < a.numRows; i++) {
    let activity = 0;
    for (let k = a.starts[i] ?? 0; k < (a.starts[i + 1] ?? 0); k++) {
      activity += (a.values[k] ?? 0) * (x[a.indices[k] ?? 0] ?? 0);
    }
    residual = Math.max(residual, (a.rowLower[i] ?? 0) - activity, activity - (a.rowUpper[i] ?? 0));
  }
  const y = duals ? Float64Array.from(duals, (d) => (Number.isFinite(d) && d !== 0 ? d : 0)) : undefined;
  return {
    status: 'optimal',
    objective: objective === 0 ? 0 : objective,
    values: x,
    ...(y ? { duals: y } : {}),
    residual,
    iterations: Number.isFinite(iterations) ? iterations : 0,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Checking

/**
 * Limits of HiGHS: it reads bounds and costs of magnitude >= 1e20 as infinite, rejects coefficients of
 * magnitude >= 1e15, and drops coefficients at or below `small_matrix_value` (set to its minimum, 1e-12).
 */
const MAX_BOUND = 1e20;
const MAX_COST = 1e20;
const MAX_COEFFICIENT = 1e15;
const MIN_COEFFICIENT = 1e-12;

/** What a lower (`sign` -1) or upper (`sign` 1) bound must be, or undefined when `value` is one. */
function badBound(value: unknown, sign: 1 | -1): string | undefined {
  const ok =
    typeof value === 'number' &&
    (value === sign * Number.POSITIVE_INFINITY || (Number.isFinite(value) && Math.abs(value) < MAX_BOUND));
  return ok ? undefined : `a number of magnitude below 1e20, or ${sign < 0 ? '-' : ''}Infinity`;
}

/** The code for a value that is not an acceptable number. */
function numberCode(value: unknown): Issue['code'] {
  if (typeof value !== 'number') return 'INVALID_TYPE';
  return Number.isFinite(value) ? 'OUT_OF_RANGE' : 'NOT_FINITE';
}

function label(kind: string, item: Record<string, unknown>): string {
  return typeof item.name === 'string' ? ` (${kind} "${item.name}")` : '';
}

const VARIABLE_KEYS = ['name', 'lower', 'upper', 'cost'];
const CONSTRAINT_KEYS = ['name', 'terms', 'lower', 'upper'];

type Add = (code: Issue['code'], path: string, value: unknown, expected: string) => void;

/** Checks the keys, name and bounds of a variable or constraint; returns its bounds (0 where bad). */
function checkItem(
  add: Add,
  path: string,
  item: Record<string, unknown>,
  kind: 'variable' | 'constraint',
  defaultLower: number,
): [number, number] {
  const named = label(kind, item);
  const keys = kind === 'variable' ? VARIABLE_KEYS : CONSTRAINT_KEYS;
  for (const key of Object.keys(item)) {
    if (!keys.includes(key)) add('UNKNOWN_KEY', `${path}.${key}`, key, `one of ${keys.join(', ')}`);
  }
  if (item.name !== undefined && typeof item.name !== 'string')
    add('INVALID_TYPE', `${path}.name`, item.name, 'a string');
  const lower = item.lower ?? defaultLower;
  const upper = item.upper ?? Number.POSITIVE_INFINITY;
  const lowerBad = badBound(lower, -1);
  const upperBad = badBound(upper, 1);
  if (lowerBad) add(numberCode(lower), `${path}.lower`, lower, lowerBad + named);
  if (upperBad) add(numberCode(upper), `${path}.upper`, upper, upperBad + named);
  if (lowerBad || upperBad) return [0, 0];
  if ((lower as number) > (upper as number))
    add('OUT_OF_RANGE', `${path}.upper`, upper, `a number >= lower (${lower})${named}`);
  return [lower as number, upper as number];
}

/** Checks `lp` and builds the HiGHS arrays; throws one ReesimError listing up to 20 problems. */
function checkedArrays(lp: LinearProgram): Arrays {
  const issues: Issue[] = [];
  const add: Add = (code, path, value, expected) => {
    if (issues.length < MAX_ISSUES) issues.push({ code, path, value, expected });
  };
  if (!isRecord(lp)) {
    add('INVALID_TYPE', 'lp', lp, 'a linear program { sense, variables, constraints }');
    throwIssues(issues);
  }
  for (const key of Object.keys(lp)) {
    if (key !== 'sense' && key !== 'variables' && key !== 'constraints')
      add('UNKNOWN_KEY', `lp.${key}`, key, 'one of sense, variables, constraints');
  }
  if (lp.sense !== 'max' && lp.sense !== 'min')
    add(
      typeof lp.sense === 'string' ? 'UNKNOWN_KEY' : 'INVALID_TYPE',
      'lp.sense',
      lp.sense,
      "'max' or 'min'",
    );
  if (!Array.isArray(lp.variables))
    add('INVALID_TYPE', 'lp.variables', lp.variables, 'an array of variables');
  if (!Array.isArray(lp.constraints))
    add('INVALID_TYPE', 'lp.constraints', lp.constraints, 'an array of constraints');
  const variables: readonly unknown[] = Array.isArray(lp.variables) ? lp.variables : [];
  const constraints: readonly unknown[] = Array.isArray(lp.constraints) ? lp.constraints : [];

  const n = variables.length;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = variables[j];
    const path = `lp.variables[${j}]`;
    if (!isRecord(v)) {
      add('INVALID_TYPE', path, v, 'a variable { cost, lower?, upper?, name? }');
      continue;
    }
    [colLower[j], colUpper[j]] = checkItem(add, path, v, 'variable', 0);
    const cost = v.cost;
    if (typeof cost === 'number' && Number.isFinite(cost) && Math.abs(cost) < MAX_COST) colCost[j] = cost;
    else
      add(numberCode(cost), `${path}.cost`, cost, `a number of magnitude below 1e20${label('variable', v)}`);
  }

  const m = constraints.length;
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  const starts = new Int32Array(m + 1);
  let nnz = 0;
  for (const c of constraints) if (isRecord(c) && Array.isArray(c.terms)) nnz += c.terms.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const seenIn = new Int32Array(n).fill(-1); // constraint in which each variable last appeared
  const seenAt = new Int32Array(n); // and at which term
  let k = 0;
  for (let i = 0; i < m; i++) {
    const c = constraints[i];
    const path = `lp.constraints[${i}]`;
    starts[i] = k;
    if (!isRecord(c)) {
      add('INVALID_TYPE', path, c, 'a constraint { terms, lower?, upper?, name? }');
      continue;
    }
    [rowLower[i], rowUpper[i]] = checkItem(add, path, c, 'constraint', Number.NEGATIVE_INFINITY);
    const named = label('constraint', c);
    if (!Array.isArray(c.terms)) {
      add('INVALID_TYPE', `${path}.terms`, c.terms, `an array of [variable index, coefficient]${named}`);
      continue;
    }
    const terms = c.terms as readonly unknown[];
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      const at = `${path}.terms[${t}]`;
      if (!Array.isArray(term) || term.length !== 2) {
        add('INVALID_TYPE', at, term, `a pair [variable index, coefficient]${named}`);
        continue;
      }
      const [j, a] = term as [unknown, unknown];
      if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j >= n) {
        add(numberCode(j), at, j, `a variable index, an integer in [0, ${n - 1}]${named}`);
        continue;
      }
      if (seenIn[j] === i) {
        add('OUT_OF_RANGE', at, j, `a variable not already in this constraint (terms[${seenAt[j]}])${named}`);
        continue;
      }
      seenIn[j] = i;
      seenAt[j] = t;
      if (a === 0) continue;
      if (typeof a !== 'number' || !(Math.abs(a) >= MIN_COEFFICIENT && Math.abs(a) < MAX_COEFFICIENT)) {
        add(numberCode(a), at, a, `a coefficient, 0 or of magnitude in [1e-12, 1e15)${named}`);
        continue;
      }
      indices[k] = j;
      values[k] = a;
      k++;
    }
  }
  starts[m] = k;
  throwIssues(issues);
  return {
    numCols: n,
    numRows: m,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices: indices.subarray(0, k),
    values: values.subarray(0, k),
  };
}
