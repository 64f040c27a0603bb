/**
 * Report of a plant ({@link FlowsheetResult}): product recoveries, grades and purities, reagents, energy,
 * where Th and U went and whether the recycles converged; the stream table with every stream and the
 * reagent streams units add, so the balance can be checked in the table itself.
 */
import { RARE_EARTHS } from '../../chemistry/elements.js';
import { SPECIES, SPECIES_COUNT, SPECIES_INDEX, WATER } from '../../chemistry/species.js';
import type { FlowsheetResult } from '../../flowsheet/simulate.js';
import { OXIDE_FACTORS } from '../../stream/basis.js';
import { tre } from '../../stream/composition.js';
import type { Stream } from '../../stream/stream.js';
import {
  expectFields,
  field,
  formatValue,
  type Kpi,
  kpi,
  percent,
  type ReportParts,
  type ReportTable,
  share,
  stringList,
  yesNo,
} from './common.js';

/** A row of the stream table: a stream, its role in the plant, and its amounts. */
interface StreamRow {
  readonly name: string;
  readonly role: string;
  readonly stream: Stream;
}

function streamRows(input: unknown, r: FlowsheetResult): StreamRow[] {
  const feeds = new Set(Object.keys((field(input, 'feeds') as object | undefined) ?? {}));
  const products = new Set([...stringList(field(input, 'products')), ...Object.keys(r.kpis.products)]);
  const residues = new Set(stringList(field(input, 'residues')));
  const exits = new Set(r.exits);
  const role = (n: string): string =>
    feeds.has(n)
      ? 'feed'
      : products.has(n)
        ? 'product'
        : residues.has(n)
          ? 'residue'
          : exits.has(n)
            ? 'exit'
            : 'internal';
  const rows: StreamRow[] = [];
  // Reagent streams the units add (mines' ore included) enter the balance like feeds.
  for (const id of r.order) {
    for (const [name, s] of Object.entries(r.reports[id]?.added ?? {})) {
      rows.push({ name: `${id}: ${name}`, role: 'added', stream: s });
    }
  }
  for (const [name, s] of Object.entries(r.streams)) rows.push({ name, role: role(name), stream: s });
  return rows;
}

function streamTableOf(rows: readonly StreamRow[]): ReportTable {
  const present = SPECIES.map((_, i) => i).filter((i) => rows.some((x) => (x.stream.amounts[i] ?? 0) !== 0));
  return {
    name: 'stream-table',
    title: 'Stream table (kg/h, element basis; added: reagent streams units add)',
    columns: [
      'Stream',
      'Role',
      'Form',
      ...present.map((i) => `${SPECIES[i]} (kg/h)`),
      'Dry total (kg/h)',
      'Rare earths (kg/h)',
    ],
    rows: rows.map((x) => {
      const a = x.stream.amounts;
      let dry = 0;
      for (let i = 0; i < SPECIES_COUNT; i++) if (i !== WATER) dry += a[i] ?? 0;
      const re = RARE_EARTHS.reduce((t, el) => t + (a[SPECIES_INDEX[el]] ?? 0), 0);
      return [x.name, x.role, x.stream.form, ...present.map((i) => a[i] ?? 0), dry, re];
    }),
  };
}

function recoveryTable(r: FlowsheetResult, rows: readonly StreamRow[]): ReportTable {
  const products = Object.keys(r.kpis.products);
  const exitsOf = (role: string) => rows.filter((x) => x.role === role).map((x) => x.stream);
  const residues = exitsOf('residue');
  const others = exitsOf('exit');
  const amountIn = (streams: readonly Stream[], i: number) =>
    streams.reduce((t, s) => t + (s.amounts[i] ?? 0), 0);
  const elements = Object.entries(r.kpis.input);
  return {
    name: 'recoveries',
    title: 'Recovery of each element entering the plant to each product and to the residues',
    columns: [
      'Element',
      'Input (kg/h)',
      ...products.map((p) => `${p} (%)`),
      ...(residues.length > 0 ? ['Residues (%)'] : []),
      ...(others.length > 0 ? ['Other exits (%)'] : []),
    ],
    rows: elements.map(([el, x]) => {
      const i = SPECIES_INDEX[el as keyof typeof SPECIES_INDEX];
      return [
        el,
        x,
        ...products.map((p) => percent(r.kpis.products[p]?.recovery[el as 'Nd'] ?? 0)),
        ...(residues.length > 0 ? [percent(share(amountIn(residues, i), x))] : []),
        ...(others.length > 0 ? [percent(share(amountIn(others, i), x))] : []),
      ];
    }),
  };
}

function productTable(r: FlowsheetResult): ReportTable {
  return {
    name: 'products',
    title:
      'Products: dry flow on the reporting basis (oxide; element mass for metal), TREO as oxide equivalent ' +
      'for every product (metal included), TRE as element mass; grade = TREO / dry flow (TRE / dry flow ' +
      'for metal)',
    columns: [
      'Product',
      'Form',
      'Dry flow, reporting basis (kg/h)',
      'TREO, oxide equivalent (kg/h)',
      'TRE, element mass (kg/h)',
      'Grade (%)',
      'Principal element',
      'Purity, of rare earths (%)',
      'Purity, absolute (%)',
      'Th (ppm of dry flow)',
      'U (ppm of dry flow)',
      'Th-232 (Bq/g of dry flow)',
      'U-238 (Bq/g of dry flow)',
      'Above 1 Bq/g exemption',
    ],
    rows: Object.entries(r.kpis.products).map(([name, p]) => [
      name,
      p.form,
      p.total,
      p.treo,
      r.streams[name] ? tre(r.streams[name]) : 0,
      percent(p.grade),
      p.principal?.element ?? '-',
      percent(p.principal?.relative ?? 0),
      percent(p.principal?.absolute ?? 0),
      p.radioactivity.thoriumPpm,
      p.radioactivity.uraniumPpm,
      p.radioactivity.th232,
      p.radioactivity.u238,
      p.radioactivity.aboveExemption ? 'yes' : 'no',
    ]),
  };
}

function reagentTable(r: FlowsheetResult): ReportTable {
  const rows: (string | number)[][] = [];
  for (const id of r.order) {
    const rep = r.reports[id];
    for (const [name, kg] of Object.entries(rep?.reagents ?? {})) rows.push([id, rep?.unit ?? '', name, kg]);
  }
  for (const [name, kg] of Object.entries(r.kpis.reagents)) rows.push(['all blocks', '', name, kg]);
  return {
    name: 'reagents',
    title: 'Reagent consumption by block, then totals (kg/h of pure reagent)',
    columns: ['Block', 'Unit', 'Reagent', 'Consumption (kg/h)'],
    rows,
  };
}

function blockTable(r: FlowsheetResult): ReportTable {
  return {
    name: 'blocks',
    title: 'Blocks in evaluation order: energy, balance residual and notes',
    columns: ['Block', 'Unit', 'Energy (kW)', 'Balance residual (-)', 'Notes'],
    rows: r.order.map((id) => {
      const rep = r.reports[id];
      return [
        id,
        rep?.unit ?? '',
        rep?.energy ?? 0,
        rep?.balance.residual ?? 0,
        (rep?.notes ?? []).join('; '),
      ];
    }),
  };
}

function recycleTable(r: FlowsheetResult): ReportTable {
  return {
    name: 'recycles',
    title: 'Recycle loops',
    columns: ['Tear streams', 'Blocks', 'Method', 'Iterations', 'Residual (-)', 'Converged'],
    rows: r.recycles.map((c) => [
      c.tears.join(', '),
      c.blocks.join(', '),
      c.method,
      c.iterations,
      c.residual,
      yesNo(c.converged),
    ]),
  };
}

function kpisOf(r: FlowsheetResult): Kpi[] {
  const out: Kpi[] = [];
  const inputTreo = RARE_EARTHS.reduce((t, el) => {
    const x = r.kpis.input[el] ?? 0;
    return t + x * (OXIDE_FACTORS[SPECIES_INDEX[el]] ?? 1);
  }, 0);
  for (const [name, p] of Object.entries(r.kpis.products)) {
    out.push(kpi(`${name}: dry flow`, p.total, 'kg/h'));
    out.push(kpi(`${name}: grade`, percent(p.grade), '%'));
    if (inputTreo > 0) out.push(kpi(`${name}: TREO recovery`, percent(share(p.treo, inputTreo)), '%'));
    if (p.principal) {
      const el = p.principal.element;
      out.push(kpi(`${name}: ${el} purity (of rare earths)`, percent(p.principal.relative), '%'));
      out.push(kpi(`${name}: ${el} recovery`, percent(p.recovery[el] ?? 0), '%'));
    }
    const ra = p.radioactivity;
    if (ra.thoriumPpm > 0 || ra.uraniumPpm > 0) {
      out.push(kpi(`${name}: Th`, ra.thoriumPpm, 'ppm'));
      out.push(kpi(`${name}: U`, ra.uraniumPpm, 'ppm'));
      out.push(
        kpi(
          `${name}: largest of Th-232, U-238 (dry, reporting basis)`,
          Math.max(ra.th232, ra.u238),
          'Bq/g (exempt below 1)',
        ),
      );
    }
  }
  for (const [name, kg] of Object.entries(r.kpis.reagents)) out.push(kpi(`Reagent ${name}`, kg, 'kg/h'));
  out.push(kpi('Energy', r.kpis.energy, 'kW'));
  for (const [el, f] of [
    ['Th', r.kpis.thorium],
    ['U', r.kpis.uranium],
  ] as const) {
    if (f.input <= 0) continue;
    out.push(kpi(`${el} to residues`, percent(f.fractionToResidues), '%'));
    out.push(kpi(`${el} in products`, f.toProducts, 'kg/h'));
  }
  if (r.recycles.length > 0) {
    const ok = r.recycles.filter((c) => c.converged).length;
    out.push(kpi('Recycle loops converged', `${ok} of ${r.recycles.length} (${r.iterations} iterations)`));
  }
  return out;
}

/** The report of a `flowsheet` run. */
export function flowsheetReport(input: unknown, result: unknown): ReportParts {
  expectFields('flowsheet', result, ['streams', 'reports', 'order', 'recycles', 'balance', 'exits', 'kpis']);
  const r = result as FlowsheetResult;
  const rows = streamRows(input, r);
  const tables = [
    streamTableOf(rows),
    productTable(r),
    recoveryTable(r, rows),
    reagentTable(r),
    blockTable(r),
  ];
  if (r.recycles.length > 0) tables.push(recycleTable(r));
  const notes: string[] = [];
  if (r.balance.worst) notes.push(`Largest overall imbalance: ${r.balance.worst}.`);
  for (const c of r.recycles) {
    if (!c.converged)
      notes.push(
        `Recycle through ${c.tears.join(', ')} did not converge (residual ${formatValue(c.residual)}).`,
      );
  }
  if (Object.keys(r.kpis.products).length === 0) notes.push('No products listed: no recoveries reported.');
  const worstUnit = r.order.reduce((w, id) => Math.max(w, r.reports[id]?.balance.residual ?? 0), 0);
  notes.push(`Largest unit balance residual: ${formatValue(worstUnit)}.`);
  return {
    kpis: kpisOf(r),
    tables,
    evidence: {
      converged: r.converged,
      scope:
        r.recycles.length > 0
          ? 'the recycle loops (every tear stream within tolerance)'
          : 'nothing to iterate: the plant has no recycle loop',
      balanceResidual: r.balance.residual,
      iterations: r.iterations,
      notes,
    },
  };
}
