/** Draws the library's Vega-Lite specs (from `chartsFor`) with vega-embed, as SVG. */
import embed from 'vega-embed';
import type { NamedChart } from '../../src/entries/report.js';

/**
 * Replaces the content of `host` with one figure per chart, named `data-chart="<name>"`; resolves once every
 * chart is drawn.
 */
export async function drawCharts(host: HTMLElement, charts: readonly NamedChart[]): Promise<void> {
  host.replaceChildren();
  await Promise.all(
    charts.map(async (chart) => {
      const figure = document.createElement('figure');
      figure.dataset.chart = chart.name;
      host.append(figure);
      await embed(figure, chart.spec as never, { actions: false, renderer: 'svg' });
    }),
  );
  host.dataset.drawn = String(charts.length);
}
