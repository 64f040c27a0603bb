// Example 4: what does China's 2025 export licensing do to Dy and Tb supply outside China?
//
// Runs the built-in baseline-2024 supply chain (USGS 2024 mines, China's quotas, named plants, IEA magnet
// demand) from January 2024 for three years, with and without China's 2025 licensing as enacted
// (MOFCOM25: Sm, Gd, Tb, Dy, Lu, Sc, Y from April 2025, licensed as China's magnet exports went, GACC25:
// 52 %, 24 % and 63 % of the pre-control flow in April, May and June 2025, all from July; the October 2025
// additions suspended before they took effect, until November 2026, and assumed to resume then). Magnet
// demand is in t of RE metal. The baseline meets ~99 % of it (USGS mines, China's magnet-scrap recycling and
// undocumented ore per Argus: see DESIGN.md), so nearly all of a licensing shortfall is the licensing's;
// the table shows both runs and the extra (whole tonnes).
//
// Run: npx tsx examples/04-export-controls.ts   (output committed beside this file and checked by a test)
import { formatNumber, textTable } from '../src/entries/report.js';
import {
  baseline2024,
  type SupplyChainResult,
  simulateSupplyChain,
  withExportLicensing2025,
} from '../src/index.js';

const RUN = { start: '2024-01', months: 36 } as const;
/** The months China's magnet exports fell below their pre-control level (GACC25). */
const DIP = ['2025-04', '2025-05', '2025-06'];

/** Whole tonnes (the LP's round-off, e.g. 3.6e-15 t, prints as 0). */
function tonnes(x: number): string {
  return formatNumber(Math.round(x) || 0, 0);
}

/** Shortfall of `element` for each demand in `result`, t per year for `year` (months 'YYYY-..'). */
function yearly(result: SupplyChainResult, element: string, year: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of result.demand) {
    const s = d.shortfall[element] ?? [];
    out[d.country] = result.months.reduce((a, m, t) => a + (m.startsWith(year) ? (s[t] ?? 0) : 0), 0);
  }
  return out;
}

/** Extra shortfall of `element` for `country` in the months of `lic` whose label starts with one of `months`. */
function extraIn(
  base: SupplyChainResult,
  lic: SupplyChainResult,
  element: string,
  country: string,
  months: readonly string[],
): number {
  const b = base.demand.find((d) => d.country === country);
  const l = lic.demand.find((d) => d.country === country);
  if (!b || !l) return 0;
  return lic.months.reduce(
    (a, m, t) =>
      months.includes(m) ? a + (l.shortfall[element]?.[t] ?? 0) - (b.shortfall[element]?.[t] ?? 0) : a,
    0,
  );
}

export async function report(): Promise<string> {
  const base = await simulateSupplyChain(baseline2024, RUN);
  const lic = await simulateSupplyChain(withExportLicensing2025(baseline2024), RUN);
  const out: string[] = ['# China export licensing 2025: Dy and Tb shortfall in magnet demand (t metal)', ''];
  for (const element of ['Dy', 'Tb']) {
    const rows: string[][] = [];
    for (const d of base.demand) {
      const c = d.country;
      const b25 = yearly(base, element, '2025')[c] ?? 0;
      const l25 = yearly(lic, element, '2025')[c] ?? 0;
      const b26 = yearly(base, element, '2026')[c] ?? 0;
      const l26 = yearly(lic, element, '2026')[c] ?? 0;
      rows.push([
        c,
        tonnes(b25),
        tonnes(l25),
        tonnes(l25 - b25),
        tonnes(b26),
        tonnes(l26),
        tonnes(l26 - b26),
        tonnes(extraIn(base, lic, element, c, DIP)),
      ]);
    }
    out.push(`${element}:`);
    out.push(
      textTable(
        [
          'country',
          '2025 base',
          '2025 licensing',
          'extra',
          '2026 base',
          '2026 licensing',
          'extra',
          'extra Apr-Jun 2025',
        ],
        rows,
      ),
    );
    out.push('');
  }
  out.push(
    'The extra shortfall falls in the months the dip reaches each market (Japan and Korea, one month away:',
    'May-July 2025; Europe, the US and the rest, two months away: June-August); from September 2025 the two',
    'runs differ by at most ~0.15 t a month, in a cycle of the trade lead time that the yearly sums cancel.',
    '',
  );
  const conserved = Math.max(base.balanceResidual, lic.balanceResidual) <= 1e-9;
  out.push(
    `Every element conserved month by month (residual below 1e-9): ${conserved}; LP solves not optimal: ${base.lp.notOptimal + lic.lp.notOptimal}`,
  );
  return out.join('\n');
}

if (process.argv[1]?.endsWith('04-export-controls.ts')) console.log(await report());
