/**
 * The playground in a real browser: vitest builds the page with Vite, serves it with Vite's preview() on
 * 127.0.0.1 and drives Debian's Chromium through playwright-core (no browser download). The numbers in the
 * page must equal the library's for the same inputs, computed here; the charts must have drawn marks.
 * Screenshots of each view go to .tmp/playground/ (gitignored; `npm run screenshots` copies them to
 * docs/images/ for the README).
 *
 * Skipped without a Chromium (one line says how to enable them); mandatory when REESIM_BROWSER_TESTS=1,
 * as .ci/run sets it.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { oxideMassPerMole, reagentMass } from '../../src/entries/chemistry.js';
import { formatNumber } from '../../src/entries/report.js';
import {
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  evaluateLine,
  fixedOrganicTrain,
  largerTrain,
  parallelTrains,
  splitTrains,
} from '../../src/entries/study.js';
import {
  baseline2024,
  type DesignRequest,
  designCascade,
  loadScenario,
  type SupplyChainResult,
  type SupplyScenario,
  separationFactorModel,
  simulateSupplyChain,
  withDiversification,
  withExportLicensing2025,
} from '../../src/index.js';

const CHROMIUM = process.env.REESIM_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.REESIM_BROWSER_TESTS === '1';
const RUN = REQUIRED || existsSync(CHROMIUM);
const CONFIG = fileURLToPath(new URL('../../playground/vite.config.ts', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../.tmp/playground/', import.meta.url));

if (!RUN) {
  console.log(
    `test/browser skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set REESIM_CHROMIUM; REESIM_BROWSER_TESTS=1 makes them mandatory)`,
  );
}

describe.skipIf(!RUN)('playground in Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await build({ configFile: CONFIG, logLevel: 'error' });
    server = await preview({
      configFile: CONFIG,
      logLevel: 'error',
      preview: { host: '127.0.0.1', port: 0 },
    });
    url = server.resolvedUrls?.local[0] ?? '';
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The text of each output cell, by its key. */
  const outputs = (host: string): Promise<Record<string, string>> =>
    page.$$eval(`${host} td[data-key]`, (cells) =>
      Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.key, c.textContent ?? ''])),
    );

  const settled = (host: string) =>
    page.waitForSelector(`${host}[data-state="done"], ${host}[data-state="error"]`, { timeout: 120_000 });

  /** Sets an input's value as a user would and fires its input event. */
  const setInput = (selector: string, value: string) =>
    page.$eval(
      selector,
      (el, v) => {
        const input = el as HTMLInputElement | HTMLSelectElement;
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );

  /** Marks drawn by vega in each chart of a view (one entry per chart). */
  const marks = (host: string) =>
    page.$$eval(`${host} figure[data-chart]`, (figures) =>
      figures.map((f) => ({
        name: (f as HTMLElement).dataset.chart,
        marks: f.querySelectorAll(
          'svg g[class*="mark-"] path, svg g[class*="mark-"] line, svg g[class*="mark-"] rect',
        ).length,
      })),
    );

  /** What the design view shows, computed with the library for the same inputs. */
  function expectedDesign(
    pair: [string, string],
    feed: [number, number],
    conc: number,
    purity: [number, number],
  ) {
    const [A, B] = pair;
    const d = designCascade({
      feed: { [B]: feed[1], [A]: feed[0] },
      equilibrium: separationFactorModel('P507', [B, A]),
      purity: { organic: purity[0] / 100, aqueous: purity[1] / 100 },
      feedVolume: (feed[0] + feed[1]) / conc,
    });
    const reo = (feed[0] * oxideMassPerMole(A) + feed[1] * oxideMassPerMole(B)) / 1000;
    return {
      'stages.extraction': formatNumber(d.stages.extraction, 0),
      'stages.scrub': formatNumber(d.stages.scrub, 0),
      'stages.total': formatNumber(d.stages.total, 0),
      'flows.organicVolume': formatNumber(d.flows.organicVolume, 3),
      'flows.scrubVolume': formatNumber(d.flows.scrubVolume, 3),
      'solventInventory.total': formatNumber(d.solventInventory.total, 1),
      'reagents.naohPerTonne': formatNumber(reagentMass('NaOH', d.reagents.saponificationBase) / reo, 1),
      'reagents.hclPerTonne': formatNumber(reagentMass('HCl', d.reagents.stripAcid) / reo, 1),
      'purity.organic': formatNumber(d.purity.organic * 100, 3),
    };
  }

  it('design view: the default Nd/Pr cut shows the library numbers and draws its charts', async () => {
    await page.goto(`${url}#design`);
    await settled('#view-design');
    expect(await page.getAttribute('#view-design', 'data-state')).toBe('done');
    expect(await outputs('#view-design')).toMatchObject(
      expectedDesign(['Nd', 'Pr'], [3.7062, 1.3247], 1, [99.9, 99.9]),
    );
    const charts = await marks('#view-design');
    expect(charts.map((c) => c.name)).toEqual(
      expect.arrayContaining(['mccabe-thiele', 'mccabe-thiele-ratios', 'cascade-profile', 'cascade-purity']),
    );
    for (const c of charts) expect(c.marks, c.name).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}design.png` });
  });

  it('design view: changed feed, concentration and purity give the library numbers for those inputs', async () => {
    await setInput('#view-design input[name=feedA]', '2.5');
    await setInput('#view-design input[name=concentration]', '0.8');
    await setInput('#view-design input[name=purityOrganic]', '99.99');
    await settled('#view-design');
    expect(await outputs('#view-design')).toMatchObject(
      expectedDesign(['Nd', 'Pr'], [2.5, 1.3247], 0.8, [99.99, 99.9]),
    );
    // The state is in the URL: reloading it shows the same design.
    expect(page.url()).toContain('purityOrganic=99.99');
    const before = await outputs('#view-design');
    await page.reload();
    await settled('#view-design');
    expect(await outputs('#view-design')).toEqual(before);
  });

  /** What the parallelization view shows for factor k ((d) at f, 1.25× by default; (e) at β 1.7), from the library. */
  function expectedLines(k: number, f = 1.25): Record<string, string> {
    const base = designBaseLine({
      feed: { Pr: 1.3247, Nd: 3.7062 },
      feedVolume: 5.0309,
      equilibrium: separationFactorModel('P507', ['Pr', 'Nd']),
      purity: { organic: 0.999, aqueous: 0.999 },
      strip: {},
    });
    const options = [
      baseLine(base),
      parallelTrains(base, k),
      largerTrain(base, k),
      splitTrains(base, k),
      fixedOrganicTrain(base, f),
      betterExtractantTrain(base, 1.7, k),
    ];
    const lines = options.map((o) => evaluateLine(o, { startups: [] }));
    const b = lines[0] as (typeof lines)[number];
    return Object.fromEntries(
      lines.flatMap((m, i) => [
        [`${i}.output`, formatNumber(m.output.organic / b.output.organic, 2)],
        [`${i}.stageCount`, String(m.stageCount)],
        [`${i}.solvent`, formatNumber(m.solventInventory, 0)],
        [`${i}.capital`, formatNumber(m.capitalIndex / b.capitalIndex, 2)],
        [`${i}.naoh`, formatNumber(m.reagentsPerProduct.NaOH, 2)],
        [`${i}.meets`, m.meetsTarget ? 'yes' : 'no'],
      ]),
    );
  }

  it('design view: its scenario file is one reesim run accepts, and a file pasted in sets the view', async () => {
    const written = (await page.textContent('#view-design pre[data-scenario]')) ?? '';
    const loaded = loadScenario(written, 'yaml');
    expect(loaded.issues).toBeUndefined();
    const shown = await outputs('#view-design');
    expect(shown['stages.total']).toBe(
      formatNumber(designCascade(loaded.scenario?.input as DesignRequest).stages.total, 0),
    );
    // The committed Pr/Nd line with other purities, pasted in: the view shows what the library gives for it.
    const file = readFileSync(
      new URL('../../examples/scenarios/pr-nd-line.yaml', import.meta.url),
      'utf8',
    ).replace('purity: { organic: 0.999, aqueous: 0.999 }', 'purity: { organic: 0.9995, aqueous: 0.998 }');
    expect(file).toContain('0.9995');
    await page.click('#view-design details.scenario-file > summary');
    await page.fill('#view-design textarea[name=scenario-in]', file);
    await page.click('#view-design button[name=scenario-load]');
    await settled('#view-design');
    const request = loadScenario(file, 'yaml').scenario?.input as DesignRequest;
    const d = designCascade(request);
    expect(await outputs('#view-design')).toMatchObject({
      'stages.extraction': formatNumber(d.stages.extraction, 0),
      'stages.scrub': formatNumber(d.stages.scrub, 0),
      'flows.organicVolume': formatNumber(d.flows.organicVolume, 3),
      'solventInventory.total': formatNumber(d.solventInventory.total, 1),
    });
  });

  it('parallelization view: the five ways for k = 2, then k = 3, show the library costs', async () => {
    await page.click('#tabs button[data-view=parallel]');
    await settled('#view-parallel');
    expect(await page.getAttribute('#view-parallel', 'data-state')).toBe('done');
    expect(await outputs('#view-parallel')).toMatchObject(expectedLines(2));
    await page.screenshot({ path: `${SCREENSHOTS}parallel.png` });
    await setInput('#view-parallel input[name=k]', '3');
    await settled('#view-parallel');
    expect(await outputs('#view-parallel')).toMatchObject(expectedLines(3));
    const charts = await marks('#view-parallel');
    expect(charts.map((c) => c.name)).toEqual(['line-costs']);
    for (const c of charts) expect(c.marks, c.name).toBeGreaterThan(0);
  });

  it('parallelization view: its scenario file is the parallel-lines file reesim run accepts, and a file pasted in sets the sliders', async () => {
    await setInput('#view-parallel input[name=k]', '2');
    await settled('#view-parallel');
    const written = (await page.textContent('#view-parallel pre[data-scenario]')) ?? '';
    const file = parse(written);
    expect(file.kind).toBe('parallel-lines');
    expect(file.input.k).toBe(2);
    expect(file.input.f).toBe(1.25);
    expect(file.input.purity).toEqual({ organic: 0.999, aqueous: 0.999 });
    expect(loadScenario(written, 'yaml').issues).toBeUndefined();
    // The committed example with k = 3 and f = 1.3, pasted in: the sliders move and the table follows.
    const example = readFileSync(
      new URL('../../examples/scenarios/parallel-lines.yaml', import.meta.url),
      'utf8',
    );
    const edited = example.replace(/^ {2}k: 2 /m, '  k: 3 ').replace(/^ {2}f: 1\.25 /m, '  f: 1.3 ');
    expect(parse(edited).input).toMatchObject({ k: 3, f: 1.3 });
    await page.click('#view-parallel details.scenario-file > summary');
    await page.fill('#view-parallel textarea[name=scenario-in]', edited);
    await page.click('#view-parallel button[name=scenario-load]');
    await settled('#view-parallel');
    expect(await page.inputValue('#view-parallel input[name=k]')).toBe('3');
    expect(await page.inputValue('#view-parallel input[name=f]')).toBe('1.3');
    expect(await outputs('#view-parallel')).toMatchObject(expectedLines(3, 1.3));
    expect(page.url()).toContain('k=3');
    expect(parse((await page.textContent('#view-parallel pre[data-scenario]')) ?? '').input.k).toBe(3);
    // A file on another base line is refused with the reason, and the view stays as it was.
    await page.fill(
      '#view-parallel textarea[name=scenario-in]',
      edited.replace('feedVolume: 5.0309', 'feedVolume: 4'),
    );
    await page.click('#view-parallel button[name=scenario-load]');
    expect(await page.textContent('#view-parallel .scenario-file .status')).toMatch(/base line/);
    expect(await page.inputValue('#view-parallel input[name=k]')).toBe('3');
  });

  /** What the supply view shows for a scenario, computed with the library (months from January 2024). */
  async function expectedSupply(scenario: SupplyScenario, months: number): Promise<Record<string, string>> {
    const r: SupplyChainResult = await simulateSupplyChain(scenario, { start: '2024-01', months });
    const last = r.months.length - 1;
    const out: Record<string, string> = {};
    for (const [c, v] of Object.entries(r.separatedShare)) {
      if ((v[last] ?? 0) * 100 > 0.05) out[`share.${c}`] = formatNumber((v[last] ?? 0) * 100, 2);
    }
    const countries = new Set(r.demand.map((d) => d.country));
    for (const c of countries) {
      const ds = r.demand.filter((d) => d.country === c);
      const asked = ds.reduce((a, d) => a + d.demanded.reduce((x, y) => x + y, 0), 0);
      const met = ds.reduce((a, d) => a + d.met.reduce((x, y) => x + y, 0), 0);
      out[`shortfall.${c}`] = formatNumber(asked > 0 ? (100 * (asked - met)) / asked : 0, 2);
    }
    return out;
  }

  it('supply view: export licensing as observed shows the library shares and shortfalls, charted', async () => {
    await page.click('#tabs button[data-view=supply]');
    await settled('#view-supply');
    expect(await page.getAttribute('#view-supply', 'data-state')).toBe('done');
    expect(await outputs('#view-supply')).toEqual(
      await expectedSupply(withExportLicensing2025(baseline2024, { october: 'resumed' }), 36),
    );
    const charts = await marks('#view-supply');
    expect(charts.map((c) => c.name).sort()).toEqual(['separated-share', 'shortfall']);
    for (const c of charts) expect(c.marks, c.name).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}supply.png` });
  });

  it('supply view: diversification and a 30 % approval rate give the library numbers', async () => {
    await page.$eval('#view-supply input[name=diversification]', (el) => {
      (el as HTMLInputElement).click();
    });
    await page.$eval('#view-supply input[name=observedApprovals]', (el) => {
      (el as HTMLInputElement).click();
    });
    await setInput('#view-supply input[name=approvalRate]', '30');
    await settled('#view-supply');
    const file = (await page.textContent('#view-supply pre[data-scenario]')) ?? '';
    expect(file).toContain('layer: diversification');
    expect(file).toContain('approvalRate: 0.3');
    expect(loadScenario(file, 'yaml').issues).toBeUndefined();
    const scenario = withExportLicensing2025(withDiversification(baseline2024, { mp: { from: '2025-04' } }), {
      approvalRate: 0.3,
      licenceDelayMonths: 2,
      october: 'resumed',
    });
    expect(await outputs('#view-supply')).toEqual(await expectedSupply(scenario, 36));
  });

  it('the page logged no errors', () => {
    expect(errors).toEqual([]);
  });
});
