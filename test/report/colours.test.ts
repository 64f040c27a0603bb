// One colour per element, the same in every chart of a run (issue 16: Pr and Nd swapped colours between
// the profile and the purity chart of one cascade, because colours went by position in each legend).
import { describe, expect, it } from 'vitest';
import { RARE_EARTHS } from '../../src/chemistry/elements.js';
import { colourOf, seriesColours } from '../../src/report/charts/spec.js';
import { chartsFor } from '../../src/report/charts.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';

/** Legend entry -> colour, for every colour scale with an explicit domain and range in a spec. */
function colours(spec: unknown, out = new Map<string, string[]>()): Map<string, string[]> {
  if (Array.isArray(spec)) for (const x of spec) colours(x, out);
  else if (spec && typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    const scale = (o.color as { scale?: { domain?: unknown; range?: unknown } } | undefined)?.scale;
    if (Array.isArray(scale?.domain) && Array.isArray(scale?.range))
      scale.domain.forEach((label, i) => {
        out.set(String(label), [...(out.get(String(label)) ?? []), String((scale.range as unknown[])[i])]);
      });
    for (const v of Object.values(o)) colours(v, out);
  }
  return out;
}

describe('series colours', () => {
  it('an element has the same colour in the profile and the purity chart of a cascade, whatever the order', () => {
    // Pr is listed first in the feed, Nd first in the purity chart's pair: positions differ, colours not.
    const spec = {
      stages: { extraction: 6, scrub: 4 },
      feed: { flows: { Pr: 0.3, Nd: 0.7 }, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 1, reflux: 0.5 },
      equilibrium: distribution({ Nd: 1.5, Pr: 0.8 }),
    };
    const charts = chartsFor('cascade', spec, simulateCascade(spec));
    expect(charts.length).toBeGreaterThanOrEqual(2);
    const seen = colours(charts.map((c) => c.spec));
    for (const element of ['Nd', 'Pr']) {
      const list = seen.get(element) ?? [];
      expect(list.length, `${element} in ${charts.length} charts`).toBeGreaterThanOrEqual(2);
      expect(new Set(list)).toEqual(new Set([colourOf(element)]));
    }
    expect(colourOf('Nd')).not.toBe(colourOf('Pr'));
  });

  it('every rare earth has its own colour, and no two series of one chart share one', () => {
    expect(new Set(RARE_EARTHS.map((e) => colourOf(e))).size).toBe(RARE_EARTHS.length);
    // An element keeps its colour whatever comes first in the legend (Zn hashed onto Nd's blue before).
    const mixed = seriesColours(['Zn', 'Nd', 'Pr']) as { range: string[] };
    expect(mixed.range.slice(1)).toEqual([colourOf('Nd'), colourOf('Pr')]);
    expect(new Set(mixed.range).size).toBe(3);
    // Two outlets watching the same element: the second gets a free colour.
    const scale = seriesColours(['Product: Nd', 'Side draw: Nd'], ['Nd', 'Nd']) as { range: string[] };
    expect(scale.range[0]).toBe(colourOf('Nd'));
    expect(scale.range[1]).not.toBe(scale.range[0]);
    // Countries keep the colour of their place in the scenario's list, in any chart.
    const order = ['CN', 'US', 'AU'];
    const a = seriesColours(['United States (US)', 'China (CN)'], ['US', 'CN'], order) as { range: string[] };
    const b = seriesColours(['China (CN)', 'United States (US)'], ['CN', 'US'], order) as { range: string[] };
    expect(a.range).toEqual([b.range[1], b.range[0]]);
  });
});
