// The chart of a webhook's deliveries per hour over the last 24 hours, stacked by status, drawn with uPlot
// (a small canvas chart library, served from its webjar). The figure is an image with the totals in its
// label; the legend names each colour and a table beside it gives every number as text.
import uPlot from './vendor/uPlot.esm.js';
import { h } from './dom.js';

const STATUSES = ['succeeded', 'failed', 'pending'];

/** Renders the chart into container (already in the page, so it has a width); returns a function to remove it. */
export function deliveriesChart(container, stats) {
  const { totals } = stats;
  const colours = Object.fromEntries(STATUSES.map((status) =>
    [status, getComputedStyle(document.documentElement).getPropertyValue(`--status-${status}`).trim()]));
  const figure = h('figure', {
    class: 'chart', role: 'img',
    'aria-label': `Chart of deliveries per hour in the last 24 hours: ${totals.succeeded} succeeded, `
      + `${totals.failed} failed, ${totals.pending} pending.`,
  });
  const legend = h('ul', { class: 'legend' }, STATUSES.map((status) =>
    h('li', {}, h('span', { class: `swatch swatch-${status}`, 'aria-hidden': 'true' }),
      `${status}: ${totals[status]}`)));
  const table = h('details', {},
    h('summary', {}, 'Deliveries per hour as a table'),
    h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Hour'),
        STATUSES.map((status) => h('th', { scope: 'col' }, status)))),
      h('tbody', {}, stats.buckets.map((bucket) => h('tr', {},
        h('th', { scope: 'row' }, new Date(bucket.start).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })),
        STATUSES.map((status) => h('td', {}, String(bucket[status]))))))));
  container.replaceChildren(figure, legend, table);

  // Stacked bars: each series is the sum of itself and those below it, drawn tallest first.
  const x = stats.buckets.map((bucket) => Date.parse(bucket.start) / 1000);
  const stack = (upTo) => stats.buckets.map((bucket) =>
    STATUSES.slice(0, upTo + 1).reduce((sum, status) => sum + bucket[status], 0));
  const bars = uPlot.paths.bars({ size: [0.8, 40], align: 1 });
  const series = [2, 1, 0].map((level) => ({
    label: STATUSES[level], fill: colours[STATUSES[level]], stroke: colours[STATUSES[level]], width: 0, paths: bars,
    points: { show: false },
  }));
  const options = {
    width: Math.max(figure.clientWidth, 300),
    height: 200,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false },
    scales: {
      // From the first hour's start to the last one's end, so the current hour's bar is drawn whole.
      x: { time: true, range: () => [Date.parse(stats.since) / 1000, Date.parse(stats.until) / 1000] },
      y: { range: (u, min, max) => [0, Math.max(4, max)] },
    },
    axes: [{}, { values: (u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? tick : '')) }],
    series: [{}, ...series],
  };
  const plot = new uPlot(options, [x, stack(2), stack(1), stack(0)], figure);
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(figure.clientWidth, 300), height: 200 }));
  resize.observe(figure);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
