/**
 * Automation over time: one stacked bar per day (decided automatically,
 * audited, left to a person), drawn as inline SVG. The chart is an image
 * with a one-sentence description; the same figures follow as a table, for
 * screen readers and for anyone who wants the numbers.
 */
import { h } from '../../shared/dom';
import type { TriageDay } from '../api';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 160;
const PARTS = [
  { key: 'automatic', label: 'Decided automatically', className: 'bar-automatic' },
  { key: 'audits', label: 'Audited', className: 'bar-audits' },
  { key: 'queued', label: 'Left to a person', className: 'bar-queued' },
  { key: 'byRules', label: 'Other rules', className: 'bar-rules' },
] as const;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  ...children: Array<Node | string>
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`);

/** One sentence a screen reader says for the chart. */
export function chartDescription(series: readonly TriageDay[]): string {
  const automatic = series.reduce((sum, d) => sum + d.automatic, 0);
  const total = series.reduce((sum, d) => sum + d.automatic + d.audits + d.queued + d.byRules, 0);
  if (total === 0) return `No comments were triaged from ${series[0]?.day ?? ''} to ${series.at(-1)?.day ?? ''}.`;
  const busiest = series.reduce((best, d) =>
    d.automatic + d.audits + d.queued + d.byRules > best.automatic + best.audits + best.queued + best.byRules ? d : best,
  );
  return `Comments per day from ${series[0]!.day} to ${series.at(-1)!.day}: ${automatic} of ${total} decided automatically (${percent(automatic, total)}); the busiest day was ${busiest.day}.`;
}

export function automationChart(series: readonly TriageDay[]): HTMLElement {
  const most = Math.max(1, ...series.map((d) => d.automatic + d.audits + d.queued + d.byRules));
  const slot = WIDTH / Math.max(1, series.length);
  const bars = series.flatMap((d, i) => {
    let top = HEIGHT;
    return PARTS.map((part) => {
      const height = (d[part.key] / most) * HEIGHT;
      top -= height;
      return svg('rect', {
        class: part.className,
        x: (i * slot + slot * 0.1).toFixed(1),
        y: top.toFixed(1),
        width: (slot * 0.8).toFixed(1),
        height: height.toFixed(1),
      });
    });
  });
  const description = chartDescription(series);
  const chart = svg(
    'svg',
    { class: 'triage-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': description, preserveAspectRatio: 'none' },
    svg('title', {}, description),
    ...bars,
  );
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    ...PARTS.map((part) => h('li', {}, h('span', { class: `swatch ${part.className}`, 'aria-hidden': 'true' }), part.label)),
  );
  const table = h(
    'table',
    { class: 'triage-table' },
    h('caption', {}, 'Comments per day'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), ...PARTS.map((part) => h('th', { scope: 'col' }, part.label)))),
    h(
      'tbody',
      {},
      ...[...series]
        .reverse()
        .map((d) => h('tr', {}, h('th', { scope: 'row' }, d.day), ...PARTS.map((part) => h('td', {}, String(d[part.key]))))),
    ),
  );
  return h(
    'figure',
    { class: 'triage-figure' },
    chart,
    legend,
    h('details', { class: 'triage-details' }, h('summary', {}, 'The figures by day, as a table'), table),
  );
}
