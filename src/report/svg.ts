/**
 * Renders a chart spec to an SVG document with vega-lite (compile) and vega (headless View). Both are
 * loaded on first use by dynamic import, so code that never draws a chart never loads them. Runs in Node and
 * in browsers; needs no canvas package (text widths are estimated when none is installed).
 */
import type { Loader, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { fail, ReesimError } from '../core/errors.js';
import { isRecord } from '../core/validate.js';
import type { ChartSpec } from './charts/spec.js';

/** Options of {@link renderSvg}. */
export interface RenderSvgOptions {
  /** Called with each warning of vega-lite or vega (default: warnings are dropped). */
  readonly onWarning?: (message: string) => void;
}

/** A logger for vega and vega-lite: warnings to `onWarning`, errors thrown, the rest dropped. */
function logger(onWarning: ((message: string) => void) | undefined) {
  let level = 2;
  const text = (args: readonly unknown[]) => args.map(String).join(' ');
  const self = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return self;
    },
    error(...args: readonly unknown[]): never {
      throw new Error(text(args));
    },
    warn(...args: readonly unknown[]) {
      onWarning?.(text(args));
      return self;
    },
    info() {
      return self;
    },
    debug() {
      return self;
    },
  };
  return self;
}

/**
 * A loader that loads nothing (chart data is inline, and a spec must not read files or URLs); vega only warns
 * when loading fails, so the loader records each attempt for {@link renderSvg} to fail on.
 */
function refusingLoader(attempts: string[]): Loader {
  const refuse = (uri: unknown) => {
    attempts.push(String(uri));
    return Promise.reject(new Error(`renderSvg loads no files or URLs (${String(uri)})`));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/**
 * Vega numbers clip paths and gradients with counters shared by every render in the process; renumbered here
 * in order of appearance, so the same spec always gives the same bytes.
 */
function renumberIds(svg: string): string {
  const seen = { clip: new Map<string, number>(), gradient: new Map<string, number>() };
  return svg.replace(
    /(id="|url\(#)(clip|p_gradient_|gradient_)(\d+)(?=[")])/g,
    (_, lead: string, prefix: string, n: string) => {
      // A radial gradient's pattern (p_gradient_N) shares its gradient's number.
      const family = seen[prefix === 'clip' ? 'clip' : 'gradient'];
      let k = family.get(n);
      if (k === undefined) {
        k = prefix === 'clip' ? family.size + 1 : family.size;
        family.set(n, k);
      }
      return `${lead}${prefix}${k}`;
    },
  );
}

/**
 * Renders a Vega-Lite spec (such as those of `chartsFor` or the chart builders) to a standalone SVG
 * document: compiled with vega-lite, run in a headless vega View (renderer `none`), serialised with
 * `toSVG()`. The output is deterministic: the same spec gives the same bytes. Text widths are estimated;
 * if the optional `canvas` package is installed, vega measures with it instead, which can move labels by a
 * pixel between machines with and without it. Data must be inline: a spec that asks to load a file or URL
 * fails. Takes some tens of milliseconds per chart (the first call also loads vega, about half a second).
 *
 * @param spec a Vega-Lite top-level spec (a plain object)
 * @param options `onWarning` to receive vega-lite's and vega's warnings
 * @throws ReesimError INVALID_TYPE when `spec` is not an object or not valid Vega-Lite; NOT_SUPPORTED when it
 *   loads external data
 * @example
 * ```ts
 * const svg = await renderSvg({
 *   title: 'Two points',
 *   data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
 * });
 * svg.startsWith('<svg'); // true
 * svg.includes('Two points'); // true
 * ```
 */
export async function renderSvg(spec: ChartSpec, options: RenderSvgOptions = {}): Promise<string> {
  if (!isRecord(spec)) fail('INVALID_TYPE', 'renderSvg.spec', spec, 'a Vega-Lite spec (an object)');
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const log = logger(options.onWarning);
  let view: View | undefined;
  try {
    let compiled: ReturnType<typeof vl.compile>;
    try {
      compiled = vl.compile(spec as unknown as TopLevelSpec, { logger: log });
    } catch (e) {
      return fail(
        'INVALID_TYPE',
        'renderSvg.spec',
        titleText(spec),
        `a valid Vega-Lite spec (${message(e)})`,
      );
    }
    const attempts: string[] = [];
    view = new vega.View(vega.parse(compiled.spec), {
      renderer: 'none',
      loader: refusingLoader(attempts),
      logger: log,
    });
    const svg = await view.toSVG();
    if (attempts.length > 0)
      fail(
        'NOT_SUPPORTED',
        'renderSvg.spec',
        attempts[0],
        'inline data only (renderSvg loads no files or URLs)',
      );
    return renumberIds(svg);
  } catch (e) {
    if (e instanceof ReesimError) throw e;
    return fail('INVALID_TYPE', 'renderSvg.spec', titleText(spec), `a spec vega can render (${message(e)})`);
  } finally {
    view?.finalize();
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A short rendering of a spec for error messages: its title. */
function titleText(spec: Record<string, unknown>): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (isRecord(t) && typeof t.text === 'string') return t.text;
  return '(untitled spec)';
}
