/**
 * Flowsheet evaluation: blocks run in dependency order; recycle loops are converged on their tear streams
 * by Wegstein acceleration (or direct substitution), with iterations and residuals in the result.
 */

import { SPECIES_COUNT } from '../chemistry/species.js';
import { fail, type Issue, ReesimError } from '../core/errors.js';
import {
  inRange,
  integer,
  isRecord,
  knownKeys,
  nonEmptyString,
  oneOf,
  optional,
  record,
} from '../core/validate.js';
import { type Balance, balance } from '../stream/balance.js';
import { mix } from '../stream/mix.js';
import { checkStream, emptyStream, type Stream, type StreamForm, withAmounts } from '../stream/stream.js';
import type { UnitReport } from '../units/unit.js';
import { type FlowsheetKpis, flowsheetKpis } from './kpis.js';
import { type BlockGraph, planEvaluation } from './order.js';
import { type AnyUnitDefinition, builtinUnits } from './registry.js';
import type { BlockSpec, FlowsheetSpec } from './spec.js';
import { wegsteinStep } from './wegstein.js';

/** Convergence record of one recycle loop. */
export interface RecycleResult {
  readonly tears: readonly string[];
  readonly blocks: readonly string[];
  readonly iterations: number;
  /** Largest relative change of a tear-stream flow in the last iteration. */
  readonly residual: number;
  readonly converged: boolean;
  readonly method: 'wegstein' | 'direct';
}

/** Result of {@link simulateFlowsheet}. */
export interface FlowsheetResult {
  readonly name: string;
  /** Every stream by name, kg/h element basis. */
  readonly streams: Readonly<Record<string, Stream>>;
  /** Each block's unit report, by block id. */
  readonly reports: Readonly<Record<string, UnitReport>>;
  /** Block ids in evaluation order. */
  readonly order: readonly string[];
  readonly recycles: readonly RecycleResult[];
  /** True when every recycle converged (always true without recycles). */
  readonly converged: boolean;
  /** Total recycle iterations. */
  readonly iterations: number;
  /** Overall balance: feeds + reagent streams the units add vs streams leaving the plant. */
  readonly balance: Balance;
  /** Streams that leave the plant (not consumed by any block). */
  readonly exits: readonly string[];
  readonly kpis: FlowsheetKpis;
}

/** Options of {@link simulateFlowsheet}. */
export interface FlowsheetOptions {
  /** Extra unit definitions by kind (user-written units); they shadow built-ins of the same kind. */
  readonly units?: Readonly<Record<string, AnyUnitDefinition>>;
}

interface Wiring {
  readonly blocks: readonly BlockSpec[];
  readonly defs: readonly AnyUnitDefinition[];
  readonly inlets: readonly Record<string, readonly string[]>[];
  readonly outlets: readonly Record<string, string>[];
}

function wire(spec: FlowsheetSpec, units: Readonly<Record<string, AnyUnitDefinition>>): Wiring {
  if (!isRecord(spec)) fail('INVALID_TYPE', 'flowsheet', spec, 'a flowsheet spec');
  knownKeys('flowsheet', spec as unknown as Record<string, unknown>, [
    'name',
    'feeds',
    'blocks',
    'products',
    'residues',
    'tears',
    'solver',
  ]);
  if (!Array.isArray(spec.blocks) || spec.blocks.length === 0) {
    fail('MISSING', 'flowsheet.blocks', spec.blocks, 'a non-empty list of blocks');
  }
  const source = new Map<string, string>();
  const feeds = optional(spec.feeds, {}, (v) =>
    record('flowsheet.feeds', v, 'a record of stream name -> stream'),
  );
  for (const key of ['products', 'residues', 'tears'] as const) {
    const list = spec[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((n) => typeof n !== 'string'))) {
      fail('INVALID_TYPE', `flowsheet.${key}`, list, 'a list of stream names');
    }
  }
  for (const [name, s] of Object.entries(feeds)) {
    checkStream(`flowsheet.feeds.${name}`, s);
    source.set(name, 'feed');
  }
  const ids = new Set<string>();
  const defs: AnyUnitDefinition[] = [];
  const inlets: Record<string, readonly string[]>[] = [];
  const outlets: Record<string, string>[] = [];
  spec.blocks.forEach((b: BlockSpec, k) => {
    const path = `flowsheet.blocks[${k}]`;
    if (!isRecord(b as unknown))
      fail('INVALID_TYPE', path, b, 'a block { id, unit, params, inlets, outlets }');
    knownKeys(path, b as unknown as Record<string, unknown>, ['id', 'unit', 'params', 'inlets', 'outlets']);
    const id = nonEmptyString(`${path}.id`, b.id);
    if (ids.has(id)) fail('INVALID_FLOWSHEET', `${path}.id`, id, 'a block id used once');
    ids.add(id);
    const def = typeof b.unit === 'string' && Object.hasOwn(units, b.unit) ? units[b.unit] : undefined;
    if (!def)
      fail('UNKNOWN_KEY', `${path}.unit`, b.unit, `a unit kind (${Object.keys(units).sort().join(', ')})`);
    defs.push(def);
    const ins: Record<string, readonly string[]> = {};
    for (const [port, names] of Object.entries(b.inlets ?? {})) {
      if (!def.inlets.includes(port))
        fail('UNKNOWN_KEY', `${path}.inlets.${port}`, port, `one of ${def.inlets.join(', ') || '(none)'}`);
      const list = typeof names === 'string' ? [names] : names;
      if (!Array.isArray(list) || list.length === 0)
        fail('INVALID_TYPE', `${path}.inlets.${port}`, names, 'a stream name or a list of them');
      ins[port] = list.map((n, j) => nonEmptyString(`${path}.inlets.${port}[${j}]`, n));
    }
    for (const port of def.inlets)
      if (!ins[port]) fail('MISSING', `${path}.inlets.${port}`, undefined, 'a stream name');
    const outs: Record<string, string> = {};
    for (const port of Object.keys(b.outlets ?? {})) {
      if (!def.outlets.includes(port))
        fail('UNKNOWN_KEY', `${path}.outlets.${port}`, port, `one of ${def.outlets.join(', ')}`);
    }
    for (const port of def.outlets) {
      const name = b.outlets?.[port] ?? `${id}.${port}`;
      nonEmptyString(`${path}.outlets.${port}`, name);
      if (source.has(name))
        fail(
          'INVALID_FLOWSHEET',
          `${path}.outlets.${port}`,
          name,
          `a stream name not already produced by ${source.get(name)}`,
        );
      source.set(name, id);
      outs[port] = name;
    }
    inlets.push(ins);
    outlets.push(outs);
  });
  inlets.forEach((ins, k) => {
    for (const [port, names] of Object.entries(ins)) {
      for (const n of names) {
        if (!source.has(n))
          fail(
            'INVALID_FLOWSHEET',
            `flowsheet.blocks[${k}].inlets.${port}`,
            n,
            'a feed or a stream some block produces',
          );
      }
    }
  });
  for (const key of ['products', 'residues', 'tears'] as const) {
    (spec[key] ?? []).forEach((n, j) => {
      if (!source.has(n))
        fail('INVALID_FLOWSHEET', `flowsheet.${key}[${j}]`, n, 'the name of a stream in the flowsheet');
    });
  }
  return { blocks: spec.blocks, defs, inlets, outlets };
}

function graphOf(w: Wiring): BlockGraph {
  const producer = new Map<string, number>();
  w.outlets.forEach((outs, k) => {
    for (const name of Object.values(outs)) producer.set(name, k);
  });
  const graph: { to: number; stream: string }[][] = w.blocks.map(() => []);
  w.inlets.forEach((ins, k) => {
    for (const names of Object.values(ins)) {
      for (const n of names) {
        const from = producer.get(n);
        if (from !== undefined) graph[from]?.push({ to: k, stream: n });
      }
    }
  });
  return graph;
}

function relativeChange(x: readonly number[], g: readonly number[], scale: number): number {
  let worst = 0;
  for (let i = 0; i < g.length; i++) {
    const d = Math.abs((g[i] ?? 0) - (x[i] ?? 0));
    if (d === 0) continue;
    worst = Math.max(worst, d / Math.max(Math.abs(g[i] ?? 0), scale));
  }
  return worst;
}

/**
 * Checks a plant without running it: every block's unit kind and ports, every inlet a feed or a stream some
 * block produces, every stream produced once, products, residues and tears naming streams of the flowsheet
 * (what {@link simulateFlowsheet} checks before its first block runs). Unit parameters are checked when the
 * units run.
 *
 * @throws ReesimError `INVALID_FLOWSHEET`, `UNKNOWN_KEY`, `MISSING`, `INVALID_TYPE` for the first wiring error
 * @example
 * ```ts
 * // The product names a stream no block produces.
 * const plant = {
 *   blocks: [{ id: 'mine', unit: 'mine', params: { deposit: 'mountain-pass', oreRate: 100 }, outlets: { ore: 'ore' } }],
 *   products: ['concentrate'],
 * };
 * try {
 *   checkFlowsheet(plant);
 * } catch (e) {
 *   if (!(e instanceof ReesimError)) throw e;
 *   e.code; // 'INVALID_FLOWSHEET'
 *   e.path; // 'flowsheet.products[0]'
 * }
 * ```
 */
export function checkFlowsheet(spec: FlowsheetSpec, options: FlowsheetOptions = {}): void {
  wire(spec, { ...builtinUnits, ...(options.units ?? {}) });
}

/**
 * Simulates a plant to steady state.
 *
 * Blocks run in dependency order. Each recycle loop (a strongly connected group of blocks) is solved on its
 * tear streams, starting from empty streams: Wegstein acceleration with q in [-5, 0] after two direct
 * substitution steps, until every tear flow changes by at most `tolerance` (relative). An unconverged loop
 * throws `NOT_CONVERGED` unless `solver.onNonConvergence` is `flag`.
 *
 * @throws ReesimError `INVALID_FLOWSHEET`, `UNKNOWN_KEY`, `MISSING` for wiring errors; unit errors with the block id
 *   in the path; `NOT_CONVERGED`
 * @example
 * ```ts
 * const plant = simulateFlowsheet({
 *   blocks: [
 *     { id: 'mine', unit: 'mine', params: { deposit: 'mountain-pass', oreRate: 100 }, outlets: { ore: 'ore' } },
 *     { id: 'flotation', unit: 'beneficiation', params: beneficiationPresets.mountainPassFlotation.params,
 *       inlets: { feed: 'ore' }, outlets: { concentrate: 'conc', tailings: 'tails' } },
 *   ],
 *   products: ['conc'],
 * });
 * plant.kpis.products.conc?.recovery.Nd; // 0.675
 * ```
 */
export function simulateFlowsheet(spec: FlowsheetSpec, options: FlowsheetOptions = {}): FlowsheetResult {
  const units = { ...builtinUnits, ...(options.units ?? {}) };
  const w = wire(spec, units);
  const solver = optional(spec.solver, {}, (v) => record('flowsheet.solver', v, 'solver options'));
  knownKeys('flowsheet.solver', solver, ['method', 'tolerance', 'maxIterations', 'onNonConvergence']);
  const method = optional(solver.method, 'wegstein' as const, (v) =>
    oneOf('flowsheet.solver.method', v, ['wegstein', 'direct'] as const),
  );
  const tolerance = optional(solver.tolerance, 1e-12, (v) =>
    inRange('flowsheet.solver.tolerance', v, 1e-15, 1),
  );
  const maxIterations = optional(solver.maxIterations, 500, (v) =>
    integer('flowsheet.solver.maxIterations', v, 1),
  );
  const onFail = optional(solver.onNonConvergence, 'throw' as const, (v) =>
    oneOf('flowsheet.solver.onNonConvergence', v, ['throw', 'flag'] as const),
  );

  const streams: Record<string, Stream> = { ...(spec.feeds ?? {}) };
  const reports: Record<string, UnitReport> = {};
  const order: string[] = [];
  const recycles: RecycleResult[] = [];
  const feedScale = Object.values(spec.feeds ?? {}).reduce(
    (a, s) => a + s.amounts.reduce((x, y) => x + y, 0),
    0,
  );

  // Form of a stream before it has been computed: its producer's declared outlet form, else the form of
  // the producer's first inlet (pass-through units such as splitters), else a solution.
  const producer = new Map<string, [number, string]>();
  w.outlets.forEach((outs, k) => {
    for (const [port, name] of Object.entries(outs)) producer.set(name, [k, port]);
  });
  const formOf = (name: string, seen = new Set<string>()): StreamForm => {
    const known = streams[name];
    if (known) return known.form;
    const from = producer.get(name);
    if (!from || seen.has(name)) return 'solution';
    seen.add(name);
    const [k, port] = from;
    const declared = (w.defs[k] as AnyUnitDefinition).outletForms?.[port];
    if (declared) return declared;
    for (const names of Object.values(w.inlets[k] ?? {})) {
      for (const n of names) if (!seen.has(n) && (streams[n] || producer.has(n))) return formOf(n, seen);
    }
    return 'solution';
  };

  const runBlock = (
    k: number,
    read: (name: string) => Stream,
    write: (name: string, s: Stream) => void,
  ): void => {
    const b = w.blocks[k] as BlockSpec;
    const def = w.defs[k] as AnyUnitDefinition;
    const ins: Record<string, Stream> = {};
    for (const [port, names] of Object.entries(w.inlets[k] ?? {})) {
      const parts = names.map(read);
      ins[port] = parts.length === 1 ? (parts[0] as Stream) : mix(parts, (parts[0] as Stream).form);
    }
    let result: ReturnType<AnyUnitDefinition['run']>;
    try {
      result = def.run(ins, (b.params === undefined ? {} : b.params) as never);
    } catch (e) {
      if (!(e instanceof ReesimError)) throw e;
      const [first, ...rest] = e.issues.map((i) => ({ ...i, path: `flowsheet.blocks.${b.id}.${i.path}` }));
      throw new ReesimError(first as Issue, rest);
    }
    reports[b.id] = result.report;
    for (const [port, name] of Object.entries(w.outlets[k] ?? {})) {
      write(name, (result.outlets as Record<string, Stream>)[port] as Stream);
    }
  };
  const read = (name: string): Stream => streams[name] as Stream;
  const write = (name: string, s: Stream): void => {
    streams[name] = s;
  };

  for (const component of planEvaluation(graphOf(w), spec.tears ?? [])) {
    const ids = component.blocks.map((k) => (w.blocks[k] as BlockSpec).id);
    order.push(...ids);
    if (component.tears.length === 0) {
      for (const k of component.blocks) runBlock(k, read, write);
      continue;
    }
    const tears = component.tears;
    let guess: Record<string, Stream> = Object.fromEntries(tears.map((t) => [t, emptyStream(formOf(t))]));
    let history: { x: number[]; g: number[] } | undefined;
    let iterations = 0;
    let residual = Number.POSITIVE_INFINITY;
    let converged = false;
    while (iterations < maxIterations) {
      iterations++;
      const produced: Record<string, Stream> = {};
      const readTear = (name: string): Stream => (name in guess ? (guess[name] as Stream) : read(name));
      const writeTear = (name: string, s: Stream): void => {
        if (tears.includes(name)) produced[name] = s;
        else write(name, s);
      };
      for (const k of component.blocks) runBlock(k, readTear, writeTear);
      const x = tears.flatMap((t) => [...(guess[t] as Stream).amounts]);
      const g = tears.flatMap((t) => [...(produced[t] as Stream).amounts]);
      const scale =
        1e-12 *
        Math.max(
          feedScale,
          g.reduce((a, b) => a + b, 0),
          Number.MIN_VALUE,
        );
      residual = relativeChange(x, g, scale);
      for (const t of tears) streams[t] = produced[t] as Stream;
      if (residual <= tolerance) {
        converged = true;
        break;
      }
      const next =
        method === 'wegstein' && iterations > 2 && history
          ? wegsteinStep(x, g, history.x, history.g)
          : [...g];
      history = { x, g };
      guess = Object.fromEntries(
        tears.map((t, j) => {
          const p = produced[t] as Stream;
          return [t, withAmounts(p.form, next.slice(j * SPECIES_COUNT, (j + 1) * SPECIES_COUNT), p)];
        }),
      );
    }
    recycles.push({ tears, blocks: ids, iterations, residual, converged, method });
    if (!converged && onFail === 'throw') {
      fail(
        'NOT_CONVERGED',
        `flowsheet.recycle(${tears.join(', ')})`,
        residual,
        `a relative change <= ${tolerance} within ${maxIterations} iterations`,
      );
    }
  }

  const consumed = new Set(w.inlets.flatMap((ins) => Object.values(ins).flat()));
  const exits = Object.keys(streams).filter((n) => !consumed.has(n));
  const added = Object.values(reports).flatMap((r) => Object.values(r.added));
  const overall = balance(
    [...Object.values(spec.feeds ?? {}), ...added],
    exits.map((n) => streams[n] as Stream),
  );
  const converged = recycles.every((r) => r.converged);
  return {
    name: spec.name === undefined ? 'flowsheet' : nonEmptyString('flowsheet.name', spec.name),
    streams,
    reports,
    order,
    recycles,
    converged,
    iterations: recycles.reduce((a, r) => a + r.iterations, 0),
    balance: overall,
    exits,
    kpis: flowsheetKpis(spec, streams, reports, added),
  };
}
