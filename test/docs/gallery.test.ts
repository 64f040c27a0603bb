// Every chart kind chartsFor draws has a picture in the guide: docs/images/charts/<kind>.svg (from
// `npm run gallery`), shown in docs/guide.md's "Reading the charts". A study's numbered charts
// (histogram-1-..., tornado-1-..., sweep-1-...) are one kind each.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const guide = readFileSync(join(root, 'docs/guide.md'), 'utf8');

const CHART_KINDS = [
  'cascade-profile',
  'cascade-purity',
  'mccabe-thiele',
  'mccabe-thiele-ratios',
  'train-stages',
  'startup-transient',
  'startup-impurity',
  'final-profile',
  'recovery',
  'production-oxide',
  'production-mine',
  'separated-share',
  'shortfall',
  'line-costs',
  'histogram',
  'tornado',
  'sweep',
];

/** The chart names in src/report/charts.ts: each `named('kind', ...)`, and `named(`kind-${...}`, ...)` as kind. */
function namedInSource(): string[] {
  const source = readFileSync(join(root, 'src/report/charts.ts'), 'utf8');
  const names = [...source.matchAll(/named\(\s*['`]([a-z][a-z-]*?)(?:-\$\{|['`])/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set(names)];
}

describe('the chart gallery', () => {
  it('lists every chart name src/report/charts.ts gives', () => {
    const names = namedInSource();
    expect(names.length).toBeGreaterThanOrEqual(CHART_KINDS.length);
    expect([...names].sort()).toEqual([...CHART_KINDS].sort());
  });

  it.each(CHART_KINDS)('has docs/images/charts/%s.svg, shown in the guide', (kind) => {
    const file = join(root, 'docs/images/charts', `${kind}.svg`);
    expect(existsSync(file), `${kind}.svg missing: run npm run gallery`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^<svg /);
    expect(guide).toMatch(new RegExp(`!\\[[^\\]]+\\]\\(images/charts/${kind}\\.svg\\)`));
  });
});
