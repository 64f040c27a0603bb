// Questions (issue 5): how long does one monthly supply-chain LP take to solve, as a function of its size,
// and is passing HiGHS arrays (what loadLpSolver does) faster than writing CPLEX LP text for it to parse?
// The LPs are random layered networks shaped like the supply-chain model's: flows on arcs between
// facilities with capacities and costs, a balance equality per node, and a shortfall variable per demand
// node whose weight (10^6 per t) dominates the costs.
import type { Highs } from 'highs';
import { bench, describe } from 'vitest';
import { type LinearProgram, loadLpSolver } from '../src/supply/lp.js';

/** A random network LP with about `arcs` flow variables and `nodes` balance constraints (seeded). */
function networkLp(nodes: number, arcs: number, seed = 1): LinearProgram {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const layers = 5;
  const perLayer = Math.ceil(nodes / layers);
  const node = (layer: number, k: number) => layer * perLayer + k;
  const variables: { cost: number; upper?: number }[] = [];
  const rows: [number, number][][] = Array.from({ length: layers * perLayer }, () => []);
  // Sources: production at layer 0, up to a random capacity, small cost.
  for (let k = 0; k < perLayer; k++) {
    rows[node(0, k)]?.push([variables.length, 1]);
    variables.push({ cost: -(1 + 10 * random()), upper: 100 + 900 * random() });
  }
  // Arcs between adjacent layers, random endpoints, capacity and cost.
  const perGap = Math.ceil(arcs / (layers - 1));
  for (let g = 0; g < layers - 1; g++) {
    for (let a = 0; a < perGap; a++) {
      const from = node(g, Math.floor(random() * perLayer));
      const to = node(g + 1, Math.floor(random() * perLayer));
      const j = variables.length;
      rows[from]?.push([j, -1]);
      rows[to]?.push([j, 0.9 + 0.1 * random()]); // recovery
      variables.push({ cost: -(1 + 100 * random()), upper: 50 + 500 * random() });
    }
  }
  // Last layer: consumption (demand met, weight 10^6 per t), bounded by demand.
  for (let k = 0; k < perLayer; k++) {
    rows[node(layers - 1, k)]?.push([variables.length, -1]);
    variables.push({ cost: 1e6, upper: 200 + 800 * random() });
  }
  // Merge parallel arcs (same endpoints): one term per variable per row.
  const constraints = rows.map((terms) => {
    const merged = new Map<number, number>();
    for (const [j, c] of terms) merged.set(j, (merged.get(j) ?? 0) + c);
    return { terms: [...merged].filter(([, c]) => c !== 0), lower: 0, upper: 0 };
  });
  return { sense: 'max', variables, constraints };
}

/** CPLEX LP text for `lp` (names x0.., c0..), built with array joins. */
function lpText(lp: LinearProgram): string {
  const num = (v: number) => (v < 0 ? `- ${-v}` : `+ ${v}`);
  const lines: string[] = [lp.sense === 'max' ? 'Maximize' : 'Minimize'];
  lines.push(` obj: ${lp.variables.map((v, j) => `${num(v.cost)} x${j}`).join(' ')}`);
  lines.push('Subject To');
  lp.constraints.forEach((c, i) => {
    const expr = c.terms.length ? c.terms.map(([j, a]) => `${num(a)} x${j}`).join(' ') : '0 x0';
    const lo = c.lower ?? Number.NEGATIVE_INFINITY;
    const up = c.upper ?? Number.POSITIVE_INFINITY;
    if (lo === up) lines.push(` c${i}: ${expr} = ${lo}`);
    else {
      if (lo > Number.NEGATIVE_INFINITY) lines.push(` c${i}l: ${expr} >= ${lo}`);
      if (up < Number.POSITIVE_INFINITY) lines.push(` c${i}u: ${expr} <= ${up}`);
    }
  });
  lines.push('Bounds');
  lp.variables.forEach((v, j) => {
    const lo = v.lower ?? 0;
    const up = v.upper ?? Number.POSITIVE_INFINITY;
    const low = lo === Number.NEGATIVE_INFINITY ? '-inf' : lo;
    lines.push(` ${low} <= x${j} <= ${up === Number.POSITIVE_INFINITY ? 'inf' : up}`);
  });
  lines.push('End', '');
  return lines.join('\n');
}

const solver = await loadLpSolver();
const highs = (await import('highs')).default as unknown as () => Promise<Highs>;
const legacy = await highs();
const sizes = [
  [100, 250],
  [400, 1000],
  [2000, 5000],
  [4000, 10000],
] as const;

describe('monthly network LP, arrays through passModel (loadLpSolver)', () => {
  for (const [nodes, arcs] of sizes) {
    const lp = networkLp(nodes, arcs);
    bench(`${lp.variables.length} variables × ${lp.constraints.length} constraints`, () => {
      const s = solver.solve(lp);
      if (s.status !== 'optimal') throw new Error(s.status);
    });
  }
});

describe('the same LPs as CPLEX LP text (write + parse + solve + read back by name)', () => {
  for (const [nodes, arcs] of sizes) {
    const lp = networkLp(nodes, arcs);
    bench(`${lp.variables.length} variables × ${lp.constraints.length} constraints`, () => {
      const s = legacy.solve(lpText(lp), { presolve: 'on', solver: 'simplex', output_flag: false });
      if (s.Status !== 'Optimal') throw new Error(s.Status);
      const values = new Float64Array(lp.variables.length);
      for (let j = 0; j < values.length; j++) values[j] = s.Columns[`x${j}`]?.Primal ?? 0;
    });
  }
});
