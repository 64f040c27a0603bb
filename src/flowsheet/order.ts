/**
 * Evaluation order of a flowsheet: strongly connected components of the block graph (Tarjan), in
 * dependency order, and for each cyclic component the tear streams that break its cycles.
 */
import { fail } from '../core/errors.js';

/** Edges of the block graph: for each block index, the (target block, stream name) pairs it feeds. */
export type BlockGraph = readonly (readonly { readonly to: number; readonly stream: string }[])[];

/** One step of the evaluation: a single block, or a recycle loop with its tear streams. */
export interface Component {
  /** Block indices in the order to run them (tear edges removed). */
  readonly blocks: readonly number[];
  /** Tear streams of this loop; empty for a block outside any recycle. */
  readonly tears: readonly string[];
}

/** Strongly connected components in dependency order (sources first). */
function components(graph: BlockGraph): number[][] {
  const n = graph.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  // Iterative Tarjan: frames of (node, next edge position).
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const frames: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [number, number];
      const [v, pos] = frame;
      const edges = graph[v] ?? [];
      if (pos < edges.length) {
        frame[1] = pos + 1;
        const w = (edges[pos] as { to: number }).to;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, index[w] as number);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        const scc: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          scc.push(w);
        } while (w !== v);
        out.push(scc.sort((a, b) => a - b));
      }
    }
  }
  return out.reverse();
}

/** Topological order of `members` using only edges not carried by `tears`; null if a cycle remains. */
function orderWithin(
  graph: BlockGraph,
  members: readonly number[],
  tears: ReadonlySet<string>,
): number[] | null {
  const inside = new Set(members);
  const indegree = new Map<number, number>(members.map((m) => [m, 0]));
  for (const v of members) {
    for (const e of graph[v] ?? []) {
      if (inside.has(e.to) && !tears.has(e.stream)) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    }
  }
  const ready = members.filter((m) => indegree.get(m) === 0);
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const v = ready.shift() as number;
    order.push(v);
    for (const e of graph[v] ?? []) {
      if (!inside.has(e.to) || tears.has(e.stream)) continue;
      const d = (indegree.get(e.to) ?? 0) - 1;
      indegree.set(e.to, d);
      if (d === 0) ready.push(e.to);
    }
  }
  return order.length === members.length ? order : null;
}

/** Tear streams chosen automatically: the back edges of a depth-first search from the first block. */
function autoTears(graph: BlockGraph, members: readonly number[]): Set<string> {
  const inside = new Set(members);
  const state = new Map<number, 'open' | 'done'>();
  const tears = new Set<string>();
  const visit = (v: number): void => {
    state.set(v, 'open');
    for (const e of graph[v] ?? []) {
      if (!inside.has(e.to)) continue;
      const s = state.get(e.to);
      if (s === 'open') tears.add(e.stream);
      else if (s === undefined) visit(e.to);
    }
    state.set(v, 'done');
  };
  for (const m of members) if (!state.has(m)) visit(m);
  return tears;
}

/**
 * Plans the evaluation of a block graph.
 * @param userTears tear streams named by the user (used for the loops they belong to)
 * @throws ReesimError `INVALID_FLOWSHEET` if the user's tears leave a loop unbroken
 */
export function planEvaluation(graph: BlockGraph, userTears: readonly string[] = []): Component[] {
  return components(graph).map((members) => {
    const cyclic = members.length > 1 || (graph[members[0] as number] ?? []).some((e) => e.to === members[0]);
    if (!cyclic) return { blocks: members, tears: [] };
    const carried = new Set(
      members.flatMap((v) => (graph[v] ?? []).filter((e) => members.includes(e.to)).map((e) => e.stream)),
    );
    const given = userTears.filter((t) => carried.has(t));
    const tears = given.length > 0 ? new Set(given) : autoTears(graph, members);
    const order = orderWithin(graph, members, tears);
    if (!order) fail('INVALID_FLOWSHEET', 'tears', [...tears], 'tear streams that break every recycle loop');
    return { blocks: order, tears: [...tears].sort() };
  });
}
