// The LP layer of the supply-chain model (src/supply/lp.ts): textbook LPs with published optima, a
// transportation problem solved by hand, infeasible and unbounded LPs, equalities, free variables, duals,
// random transportation problems against a min-cost-flow written here, determinism (also across worker
// threads) and bad input.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { runBatches } from '../../src/engine/runBatches.js';
import { type LinearProgram, type LpSolution, type LpSolver, loadLpSolver } from '../../src/supply/lp.js';
import { codeOf, near } from '../helpers.js';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});
const solve = (lp: LinearProgram) => solver.solve(lp);

/** The bits of a Float64Array, to compare results exactly (-0 and +0 differ). */
const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

/** Sum of cost × value, in variable order. */
const objectiveOf = (lp: LinearProgram, x: Float64Array) =>
  lp.variables.reduce((s, v, j) => s + v.cost * (x[j] ?? 0), 0);

// ---------------------------------------------------------------------------------------------------------
// Transportation problems and an independent min-cost-flow solver

interface Transport {
  readonly supply: readonly number[];
  readonly demand: readonly number[];
  readonly cost: readonly (readonly number[])[];
}

/** Minimise shipping cost: sources ship at most their supply, destinations receive exactly their demand. */
function transportLp(t: Transport): LinearProgram {
  const D = t.demand.length;
  const x = (i: number, j: number) => i * D + j;
  return {
    sense: 'min',
    variables: t.cost.flatMap((row, i) => row.map((c, j) => ({ name: `ship ${i}->${j}`, cost: c }))),
    constraints: [
      ...t.supply.map((s, i) => ({
        name: `supply ${i}`,
        terms: t.demand.map((_, j) => [x(i, j), 1] as const),
        upper: s,
      })),
      ...t.demand.map((d, j) => ({
        name: `demand ${j}`,
        terms: t.supply.map((_, i) => [x(i, j), 1] as const),
        lower: d,
        upper: d,
      })),
    ],
  };
}

/**
 * Minimum cost of a transportation problem by successive shortest paths (Bellman-Ford on the residual
 * network, augmenting by the bottleneck), in exact integer arithmetic for integer data. Undefined when the
 * demand cannot be met.
 */
function minCostFlow(t: Transport): number | undefined {
  const S = t.supply.length;
  const D = t.demand.length;
  const source = S + D;
  const sink = source + 1;
  const N = sink + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const out: number[][] = Array.from({ length: N }, () => []);
  const arc = (a: number, b: number, c: number, w: number) => {
    out[a]?.push(to.length);
    to.push(b);
    cap.push(c);
    cost.push(w);
    out[b]?.push(to.length);
    to.push(a);
    cap.push(0);
    cost.push(-w);
  };
  for (let i = 0; i < S; i++) arc(source, i, t.supply[i] ?? 0, 0);
  for (let j = 0; j < D; j++) arc(S + j, sink, t.demand[j] ?? 0, 0);
  const total = t.demand.reduce((a, b) => a + b, 0);
  for (let i = 0; i < S; i++) for (let j = 0; j < D; j++) arc(i, S + j, total, t.cost[i]?.[j] ?? 0);
  let sent = 0;
  let spent = 0;
  while (sent < total) {
    const dist = new Array<number>(N).fill(Number.POSITIVE_INFINITY);
    const via = new Array<number>(N).fill(-1);
    dist[source] = 0;
    for (let round = 0; round < N; round++) {
      let changed = false;
      for (let a = 0; a < N; a++) {
        const da = dist[a] ?? Number.POSITIVE_INFINITY;
        if (da === Number.POSITIVE_INFINITY) continue;
        for (const e of out[a] ?? []) {
          const b = to[e] ?? 0;
          if ((cap[e] ?? 0) > 0 && da + (cost[e] ?? 0) < (dist[b] ?? 0)) {
            dist[b] = da + (cost[e] ?? 0);
            via[b] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[sink] === Number.POSITIVE_INFINITY) return undefined;
    let push = total - sent;
    for (let v = sink; v !== source; v = to[(via[v] ?? 0) ^ 1] ?? 0)
      push = Math.min(push, cap[via[v] ?? 0] ?? 0);
    for (let v = sink; v !== source; v = to[(via[v] ?? 0) ^ 1] ?? 0) {
      const e = via[v] ?? 0;
      cap[e] = (cap[e] ?? 0) - push;
      cap[e ^ 1] = (cap[e ^ 1] ?? 0) + push;
    }
    sent += push;
    spent += push * (dist[sink] ?? 0);
  }
  return spent;
}

/** Random transportation problems with integer data, total supply >= total demand or not. */
const transportArb = fc
  .record({ S: fc.integer({ min: 1, max: 4 }), D: fc.integer({ min: 1, max: 4 }) })
  .chain(({ S, D }) =>
    fc.record({
      supply: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: S, maxLength: S }),
      demand: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: D, maxLength: D }),
      cost: fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: D, maxLength: D }), {
        minLength: S,
        maxLength: S,
      }),
    }),
  );

/** A transportation problem with many equal costs (many optimal vertices): a hard case for determinism. */
function tiedTransport(S: number, D: number): Transport {
  const demand = Array.from({ length: D }, (_, j) => 5 + ((j * 5) % 11));
  const share = Math.ceil(demand.reduce((a, b) => a + b, 0) / S);
  return {
    supply: Array.from({ length: S }, (_, i) => share + ((i * 7) % 13)),
    demand,
    cost: Array.from({ length: S }, (_, i) => Array.from({ length: D }, (_, j) => 1 + ((i + j) % 3))),
  };
}

// ---------------------------------------------------------------------------------------------------------

describe('loadLpSolver', () => {
  it('loads once: the same promise on every call', async () => {
    expect(loadLpSolver()).toBe(loadLpSolver());
    expect(await loadLpSolver()).toBe(solver);
  });
});

describe('solve: textbook LPs', () => {
  it('Wyndor Glass: 36 at (2, 6), shadow prices (0, 1.5, 1)', () => {
    // Hillier & Lieberman, Introduction to Operations Research, Sec. 3.1 (optimum) and Sec. 4.7 (shadow
    // prices y1* = 0, y2* = 3/2, y3* = 1).
    const s = solve({
      sense: 'max',
      variables: [{ cost: 3 }, { cost: 5 }],
      constraints: [
        { terms: [[0, 1]], upper: 4 },
        { terms: [[1, 2]], upper: 12 },
        {
          terms: [
            [0, 3],
            [1, 2],
          ],
          upper: 18,
        },
      ],
    });
    expect(s.status).toBe('optimal');
    near(s.objective, 36);
    near(s.values[0], 2);
    near(s.values[1], 6);
    expect(Math.abs(s.duals?.[0] ?? Number.NaN)).toBeLessThanOrEqual(1e-12);
    near(s.duals?.[1], 1.5);
    near(s.duals?.[2], 1);
    expect(s.residual).toBeLessThanOrEqual(1e-9);
  });

  it("Chvátal's first example: 13 at (2, 0, 1)", () => {
    // V. Chvátal, Linear Programming (1983), ch. 2: max 5x1 + 4x2 + 3x3 subject to 2x1 + 3x2 + x3 <= 5,
    // 4x1 + x2 + 2x3 <= 11, 3x1 + 4x2 + 2x3 <= 8, x >= 0; optimum z = 13 at x = (2, 0, 1).
    const s = solve({
      sense: 'max',
      variables: [{ cost: 5 }, { cost: 4 }, { cost: 3 }],
      constraints: [
        {
          terms: [
            [0, 2],
            [1, 3],
            [2, 1],
          ],
          upper: 5,
        },
        {
          terms: [
            [0, 4],
            [1, 1],
            [2, 2],
          ],
          upper: 11,
        },
        {
          terms: [
            [0, 3],
            [1, 4],
            [2, 2],
          ],
          upper: 8,
        },
      ],
    });
    expect(s.status).toBe('optimal');
    near(s.objective, 13);
    expect([...s.values].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([2, 0, 1]);
  });

  it('a transportation problem solved by hand: 465', () => {
    // Two sources (20, 30 t), three destinations (10, 25, 15 t), costs S1 (8, 6, 10), S2 (9, 12, 13) per t.
    // With S2 shipping the rest, the cost is sum(c2j dj) + sum((c1j - c2j) x1j) = 585 + (-1, -6, -3)·x1,
    // so S1's 20 t all go to D2 (the largest saving, 6 per t): 585 - 120 = 465, a unique optimum.
    const t = {
      supply: [20, 30],
      demand: [10, 25, 15],
      cost: [
        [8, 6, 10],
        [9, 12, 13],
      ],
    };
    const s = solve(transportLp(t));
    expect(s.status).toBe('optimal');
    near(s.objective, 465);
    expect([...s.values].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 20, 0, 10, 5, 15]);
  });

  it('duals are the change of the objective per unit increase of the binding bound (min problem)', () => {
    // min 2x + 3y, x + y >= 4, x + 3y >= 6: vertex (3, 1), objective 9. The duals solve y1 + y2 = 2,
    // y1 + 3y2 = 3: (1.5, 0.5), and 4·1.5 + 6·0.5 = 9 (strong duality).
    const lp: LinearProgram = {
      sense: 'min',
      variables: [{ cost: 2 }, { cost: 3 }],
      constraints: [
        {
          terms: [
            [0, 1],
            [1, 1],
          ],
          lower: 4,
        },
        {
          terms: [
            [0, 1],
            [1, 3],
          ],
          lower: 6,
        },
      ],
    };
    const s = solve(lp);
    near(s.objective, 9);
    near(s.duals?.[0], 1.5);
    near(s.duals?.[1], 0.5);
    // Finite difference: raising the first bound by 0.1 raises the cost by 0.15.
    const c0 = lp.constraints[0];
    const raised = solve({
      ...lp,
      constraints: [{ terms: c0?.terms ?? [], lower: 4.1 }, ...lp.constraints.slice(1)],
    });
    near(raised.objective - s.objective, 0.15, 1e-9);
    // A binding upper bound of a min problem has a negative dual: min -x, x <= 5.
    expect([
      ...(solve({ sense: 'min', variables: [{ cost: -1 }], constraints: [{ terms: [[0, 1]], upper: 5 }] })
        .duals ?? []),
    ]).toEqual([-1]);
  });

  it('equality constraints: the unique solution of x + 2y = 4, x - y = 1 is (2, 1)', () => {
    const s = solve({
      sense: 'min',
      variables: [{ cost: 1 }, { cost: 1 }],
      constraints: [
        {
          terms: [
            [0, 1],
            [1, 2],
          ],
          lower: 4,
          upper: 4,
        },
        {
          terms: [
            [0, 1],
            [1, -1],
          ],
          lower: 1,
          upper: 1,
        },
      ],
    });
    expect(s.status).toBe('optimal');
    near(s.values[0], 2);
    near(s.values[1], 1);
    near(s.objective, 3);
  });

  it('free variables: min |x + 5| + |x + 1| over free x is 4 (reached for x in [-5, -1])', () => {
    // Variables x (free), t1, t2 with t1 >= ±(x + 5), t2 >= ±(x + 1); x must go negative.
    const s = solve({
      sense: 'min',
      variables: [{ name: 'x', cost: 0, lower: -Infinity }, { cost: 1 }, { cost: 1 }],
      constraints: [
        {
          terms: [
            [1, 1],
            [0, -1],
          ],
          lower: 5,
        },
        {
          terms: [
            [1, 1],
            [0, 1],
          ],
          lower: -5,
        },
        {
          terms: [
            [2, 1],
            [0, -1],
          ],
          lower: 1,
        },
        {
          terms: [
            [2, 1],
            [0, 1],
          ],
          lower: -1,
        },
      ],
    });
    expect(s.status).toBe('optimal');
    near(s.objective, 4);
    expect(s.values[0]).toBeGreaterThanOrEqual(-5 - 1e-9);
    expect(s.values[0]).toBeLessThanOrEqual(-1 + 1e-9);
    // With the default lower bound 0 the same LP gives x = 0 and 5 + 1 = 6.
    const bounded = solve({
      sense: 'min',
      variables: [{ cost: 0 }, { cost: 1 }, { cost: 1 }],
      constraints: [
        {
          terms: [
            [1, 1],
            [0, -1],
          ],
          lower: 5,
        },
        {
          terms: [
            [1, 1],
            [0, 1],
          ],
          lower: -5,
        },
        {
          terms: [
            [2, 1],
            [0, -1],
          ],
          lower: 1,
        },
        {
          terms: [
            [2, 1],
            [0, 1],
          ],
          lower: -1,
        },
      ],
    });
    near(bounded.objective, 6);
  });

  it('fixed and bounded variables without constraints sit on the bound their cost favours', () => {
    const s = solve({
      sense: 'max',
      variables: [
        { cost: 2, lower: -3, upper: 7 },
        { cost: -1, lower: -3, upper: 7 },
        { cost: 5, lower: 4, upper: 4 },
      ],
      constraints: [],
    });
    expect([...s.values]).toEqual([7, -3, 4]);
    expect(s.objective).toBe(14 + 3 + 20);
  });

  it('no variables: optimal with objective 0 when every row admits 0, else infeasible', () => {
    const ok = solve({ sense: 'min', variables: [], constraints: [{ terms: [], lower: -1, upper: 1 }] });
    expect(ok.status).toBe('optimal');
    expect(ok.objective).toBe(0);
    expect(ok.values.length).toBe(0);
    expect(solve({ sense: 'min', variables: [], constraints: [{ terms: [], lower: 1 }] }).status).toBe(
      'infeasible',
    );
  });
});

describe('solve: infeasible and unbounded', () => {
  const expectNoSolution = (s: LpSolution, status: LpSolution['status'], n: number) => {
    expect(s.status).toBe(status);
    expect(s.objective).toBe(0);
    expect([...s.values]).toEqual(new Array(n).fill(0));
    expect(s.duals).toBeUndefined();
    expect(typeof s.message).toBe('string');
  };

  it('x + y <= 1 and x + y >= 2 is infeasible', () => {
    const s = solve({
      sense: 'max',
      variables: [{ cost: 1 }, { cost: 1 }],
      constraints: [
        {
          terms: [
            [0, 1],
            [1, 1],
          ],
          upper: 1,
        },
        {
          terms: [
            [0, 1],
            [1, 1],
          ],
          lower: 2,
        },
      ],
    });
    expectNoSolution(s, 'infeasible', 2);
  });

  it('demand above supply is infeasible (transportation)', () => {
    expectNoSolution(solve(transportLp({ supply: [5], demand: [3, 3], cost: [[1, 1]] })), 'infeasible', 2);
  });

  it('max x + y with x - y <= 1 is unbounded; so is min x over a free x', () => {
    const s = solve({
      sense: 'max',
      variables: [{ cost: 1 }, { cost: 1 }],
      constraints: [
        {
          terms: [
            [0, 1],
            [1, -1],
          ],
          upper: 1,
        },
      ],
    });
    expectNoSolution(s, 'unbounded', 2);
    expectNoSolution(
      solve({ sense: 'min', variables: [{ cost: 1, lower: -Infinity }], constraints: [] }),
      'unbounded',
      1,
    );
  });

  it('an LP both primal and dual infeasible is reported infeasible', () => {
    // max x + y, x - y >= 1, -x + y >= 1: no feasible point (the rows add to 0 >= 2).
    const s = solve({
      sense: 'max',
      variables: [
        { cost: 1, lower: -Infinity },
        { cost: 1, lower: -Infinity },
      ],
      constraints: [
        {
          terms: [
            [0, 1],
            [1, -1],
          ],
          lower: 1,
        },
        {
          terms: [
            [0, -1],
            [1, 1],
          ],
          lower: 1,
        },
      ],
    });
    expectNoSolution(s, 'infeasible', 2);
  });
});

describe('solve: random transportation problems against min-cost flow', () => {
  it('same optimum as successive shortest paths; feasible, nonnegative, finite values', () => {
    fc.assert(
      fc.property(transportArb, (t) => {
        const lp = transportLp(t);
        const s = solve(lp);
        const best = minCostFlow(t);
        if (best === undefined) {
          expect(s.status).toBe('infeasible');
          return;
        }
        expect(s.status).toBe('optimal');
        expect(Math.abs(s.objective - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best));
        expect(s.objective).toBe(objectiveOf(lp, s.values));
        expect(s.residual).toBeLessThanOrEqual(1e-9);
        for (const v of s.values) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('random small LPs: a known status, never NaN, values within their bounds when optimal', () => {
    const bound = fc.oneof(fc.constant(undefined), fc.integer({ min: -20, max: 20 }));
    const lpArb = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.record({
        sense: fc.constantFrom('max' as const, 'min' as const),
        variables: fc.array(
          fc.record({
            cost: fc.integer({ min: -9, max: 9 }),
            lower: fc.constantFrom(0, -Infinity, -3),
            upper: bound,
          }),
          { minLength: n, maxLength: n },
        ),
        constraints: fc.array(
          fc.record({
            terms: fc.uniqueArray(
              fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: -5, max: 5 })),
              {
                selector: ([j]) => j,
                maxLength: n,
              },
            ),
            upper: bound,
          }),
          { maxLength: 5 },
        ),
      }),
    );
    fc.assert(
      fc.property(lpArb, (raw) => {
        // Make each variable's bounds consistent (upper >= lower).
        const lp: LinearProgram = {
          ...raw,
          variables: raw.variables.map((v) => ({
            cost: v.cost,
            lower: v.lower,
            ...(v.upper === undefined
              ? {}
              : { upper: Math.max(v.upper, v.lower === -Infinity ? v.upper : v.lower) }),
          })),
          constraints: raw.constraints.map((c) => ({
            terms: c.terms,
            ...(c.upper === undefined ? {} : { upper: c.upper }),
          })),
        };
        const s = solve(lp);
        expect(['optimal', 'infeasible', 'unbounded']).toContain(s.status);
        expect([...s.values].every(Number.isFinite)).toBe(true);
        expect(Number.isFinite(s.objective)).toBe(true);
        if (s.status === 'optimal') {
          expect(s.residual).toBeLessThanOrEqual(1e-9);
          lp.variables.forEach((v, j) => {
            expect(s.values[j]).toBeGreaterThanOrEqual(v.lower ?? 0);
            expect(s.values[j]).toBeLessThanOrEqual(v.upper ?? Infinity);
          });
          expect([...(s.duals ?? [])].every(Number.isFinite)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('solve: determinism', () => {
  it('the same LP gives the same bits on every call (many tied optima)', () => {
    const lp = transportLp(tiedTransport(20, 30));
    const a = solve(lp);
    const b = solve(lp);
    const c = solve(structuredClone(lp));
    expect(a.status).toBe('optimal');
    expect(bits(b.values)).toEqual(bits(a.values));
    expect(bits(c.values)).toEqual(bits(a.values));
    expect(b.objective).toBe(a.objective);
    expect(bits(b.duals ?? new Float64Array())).toEqual(bits(a.duals ?? new Float64Array()));
  });

  it('loads and solves in piscina worker threads, with the bits of the main thread', async () => {
    const lps = [
      transportLp(tiedTransport(20, 30)),
      transportLp(tiedTransport(7, 5)),
      transportLp(tiedTransport(3, 9)),
    ];
    const task = new URL('./fixtures/solveLp.ts', import.meta.url);
    const pooled = await runBatches(lps, { task, threads: 2 });
    expect(pooled.map((r) => r.state)).toEqual(['completed', 'completed', 'completed']);
    pooled.forEach((r, i) => {
      const local = solve(lps[i] as LinearProgram);
      if (r.state !== 'completed') throw new Error('errored');
      const value = r.value as { status: string; objective: number; values: Float64Array };
      expect(value.status).toBe('optimal');
      expect(value.objective).toBe(local.objective);
      expect(bits(value.values)).toEqual(bits(local.values));
    });
  });
});

describe('solve: bad input', () => {
  const base = (): LinearProgram => ({
    sense: 'max',
    variables: [{ cost: 1 }, { cost: 2, upper: 3 }],
    constraints: [
      {
        name: 'cap',
        terms: [
          [0, 1],
          [1, 1],
        ],
        upper: 4,
      },
    ],
  });
  const issue = (lp: unknown) => {
    try {
      solve(lp as LinearProgram);
    } catch (e) {
      if (e instanceof ReesimError)
        return { code: e.code, path: e.path, count: e.issues.length, message: e.message };
      throw e;
    }
    return undefined;
  };
  const withConstraint = (c: unknown) => ({ ...base(), constraints: [c] });
  const withVariable = (v: unknown) => ({ ...base(), variables: [v, { cost: 0 }] });

  it('the base LP is valid', () => {
    expect(solve(base()).status).toBe('optimal');
  });

  it('(NaN or Infinity cost) throws NOT_FINITE at lp.variables[j].cost', () => {
    expect(issue(withVariable({ cost: Number.NaN }))).toMatchObject({
      code: 'NOT_FINITE',
      path: 'lp.variables[0].cost',
    });
    expect(issue(withVariable({ cost: Infinity }))).toMatchObject({
      code: 'NOT_FINITE',
      path: 'lp.variables[0].cost',
    });
    expect(issue(withVariable({ cost: 1e20 }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'lp.variables[0].cost',
    });
    expect(issue(withVariable({}))).toMatchObject({ code: 'INVALID_TYPE', path: 'lp.variables[0].cost' });
  });

  it('(bad bounds) throw at .lower / .upper; infinite bounds on the open side are fine', () => {
    expect(issue(withVariable({ cost: 1, lower: 2, upper: 1 }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'lp.variables[0].upper',
    });
    expect(issue(withVariable({ cost: 1, lower: Infinity }))).toMatchObject({
      code: 'NOT_FINITE',
      path: 'lp.variables[0].lower',
    });
    expect(issue(withVariable({ cost: 1, upper: -Infinity }))).toMatchObject({
      code: 'NOT_FINITE',
      path: 'lp.variables[0].upper',
    });
    expect(issue(withVariable({ cost: 1, upper: Number.NaN }))).toMatchObject({
      code: 'NOT_FINITE',
      path: 'lp.variables[0].upper',
    });
    expect(issue(withVariable({ cost: 1, upper: 1e21 }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'lp.variables[0].upper',
    });
    expect(issue(withVariable({ cost: 1, lower: '0' }))).toMatchObject({
      code: 'INVALID_TYPE',
      path: 'lp.variables[0].lower',
    });
    expect(issue(withConstraint({ terms: [[0, 1]], lower: 5, upper: 4 }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'lp.constraints[0].upper',
    });
    expect(issue(withConstraint({ terms: [[0, 1]], lower: Infinity }))).toMatchObject({
      code: 'NOT_FINITE',
      path: 'lp.constraints[0].lower',
    });
    expect(issue(withVariable({ cost: 1, lower: -Infinity, upper: Infinity }))).toBeUndefined();
    expect(issue(withConstraint({ terms: [[0, 1]], lower: -Infinity, upper: Infinity }))).toBeUndefined();
  });

  it('(bad terms) throw at lp.constraints[i].terms[k], naming the constraint', () => {
    const at = 'lp.constraints[0].terms[1]';
    expect(
      issue(
        withConstraint({
          name: 'cap',
          terms: [
            [0, 1],
            [2, 1],
          ],
        }),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', path: at });
    expect(
      issue(
        withConstraint({
          name: 'cap',
          terms: [
            [0, 1],
            [2, 1],
          ],
        }),
      )?.message,
    ).toContain('(constraint "cap")');
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [-1, 1],
          ],
        }),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [0.5, 1],
          ],
        }),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [0, 2],
          ],
        }),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [1, Number.NaN],
          ],
        }),
      ),
    ).toMatchObject({ code: 'NOT_FINITE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [1, -Infinity],
          ],
        }),
      ),
    ).toMatchObject({ code: 'NOT_FINITE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [1, 1e15],
          ],
        }),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [1, 1e-13],
          ],
        }),
      ),
    ).toMatchObject({ code: 'OUT_OF_RANGE', path: at });
    expect(issue(withConstraint({ terms: [[0, 1], [1]] }))).toMatchObject({ code: 'INVALID_TYPE', path: at });
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            ['1', 1],
          ],
        }),
      ),
    ).toMatchObject({ code: 'INVALID_TYPE', path: at });
    expect(issue(withConstraint({ terms: 'x' }))).toMatchObject({
      code: 'INVALID_TYPE',
      path: 'lp.constraints[0].terms',
    });
    // Zero coefficients are allowed (and dropped); so is a variable in several constraints.
    expect(
      issue(
        withConstraint({
          terms: [
            [0, 1],
            [1, 0],
          ],
        }),
      ),
    ).toBeUndefined();
  });

  it('(bad shape, unknown keys) throw INVALID_TYPE / UNKNOWN_KEY', () => {
    expect(issue(null)).toMatchObject({ code: 'INVALID_TYPE', path: 'lp' });
    expect(issue({ ...base(), sense: 'maximise' })).toMatchObject({ code: 'UNKNOWN_KEY', path: 'lp.sense' });
    expect(issue({ ...base(), variables: {} })).toMatchObject({ code: 'INVALID_TYPE', path: 'lp.variables' });
    expect(issue({ ...base(), extra: 1 })).toMatchObject({ code: 'UNKNOWN_KEY', path: 'lp.extra' });
    expect(issue(withVariable({ cost: 1, upperBound: 3 }))).toMatchObject({
      code: 'UNKNOWN_KEY',
      path: 'lp.variables[0].upperBound',
    });
    expect(issue(withVariable(5))).toMatchObject({ code: 'INVALID_TYPE', path: 'lp.variables[0]' });
    expect(issue(withVariable({ cost: 1, name: 3 }))).toMatchObject({
      code: 'INVALID_TYPE',
      path: 'lp.variables[0].name',
    });
  });

  it('lists every problem at once (up to 20)', () => {
    const lp = {
      sense: 'max',
      variables: [{ cost: Number.NaN }, { cost: 1, lower: 3, upper: 2 }],
      constraints: [{ terms: [[5, 1]] }],
    };
    const e = issue(lp);
    expect(e).toMatchObject({ code: 'NOT_FINITE', path: 'lp.variables[0].cost', count: 3 });
    const many = {
      sense: 'min',
      variables: Array.from({ length: 50 }, () => ({ cost: Number.NaN })),
      constraints: [],
    };
    expect(issue(many)?.count).toBe(20);
    expect(codeOf(() => solve(many as unknown as LinearProgram))).toBe('NOT_FINITE');
  });
});
