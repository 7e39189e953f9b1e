/**
 * Triage: how much the gate decided without a person over the last 30 days,
 * how often the audits found it wrong (with a conservative bound), what the
 * site taught its model, and automation by day.
 */
import { h } from '../../shared/dom';
import type { TriageSummary } from '../api';
import type { ConsolePage } from './console-page';
import { messageOf, pageNotice } from './notice';
import { automationChart } from './triage-chart';

const percent = (share: number) => `${(100 * share).toFixed(share < 0.1 ? 1 : 0)} %`;
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function figure(term: string, ...value: Array<Node | string>): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function automated({ automatic, triaged }: TriageSummary): string {
  if (automatic.share === null) return 'No comments were triaged.';
  return `${percent(automatic.share)}: ${automatic.total.toLocaleString('en-US')} of ${count(triaged, 'comment', 'comments')} (published ${automatic.published}, rejected ${automatic.rejected}, spam ${automatic.spam}).`;
}

function auditError({ audits }: TriageSummary): string {
  if (!audits.error) return audits.drawn === 0 ? 'No automatic decision was audited yet.' : 'No audit has been decided yet.';
  return `${percent(audits.error.estimate)}, at most ${percent(audits.error.bound)} (95 % bound), from ${count(audits.decided, 'audit', 'audits')}.`;
}

function taught({ taught: t, model }: TriageSummary): Array<Node | string> {
  const lines = [
    `${count(t.total, 'example', 'examples')} in 30 days: approved ${t.byLabel.approved}, rejected ${t.byLabel.rejected}, spam ${t.byLabel.spam}; from moderators ${t.byOrigin.moderator}, audits ${t.byOrigin.audit}, reversals ${t.byOrigin.reversal}, imported history ${t.byOrigin.import}.`,
  ];
  if (model) {
    const all = model.examples.approved + model.examples.rejected + model.examples.spam;
    lines.push(
      `${count(all, 'example', 'examples')} in all: approved ${model.examples.approved}, rejected ${model.examples.rejected}, spam ${model.examples.spam}; from moderators ${model.byOrigin.moderator}, audits ${model.byOrigin.audit}, reversals ${model.byOrigin.reversal}, imported history ${model.byOrigin.import}.`,
    );
  } else lines.push('The site has not taught its model yet: it scores with the shipped model alone.');
  return lines.flatMap((line, i) => (i === 0 ? [line] : [h('br'), line]));
}

function render(summary: TriageSummary): HTMLElement[] {
  const { audits } = summary;
  const figures = h(
    'dl',
    { class: 'triage-figures' },
    ...figure('Decided automatically', automated(summary)),
    ...figure('Estimated error of automatic decisions', auditError(summary)),
    ...figure('Decided by other rules', `${summary.byRules} (auto-approve, pre-moderation off, bans and the like).`),
    ...figure('Audits', `${audits.drawn} drawn; ${audits.decided} decided: ${audits.agreed} agreed, ${audits.reversed} reversed.`),
    ...figure('Automatic decisions reversed outside audits', String(summary.reversals)),
    ...figure('Examples taught', ...taught(summary)),
  );
  return [
    h('p', { class: 'triage-window' }, `From ${summary.from} to ${summary.to} (UTC).`),
    figures,
    h('h3', { class: 'triage-chart-title' }, 'Automation by day'),
    automationChart(summary.series),
  ];
}

export const triagePage: ConsolePage = {
  path: 'triage',
  label: 'Triage',
  mount(container, { api }) {
    const notice = pageNotice();
    const body = h('div', { class: 'triage-body', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
    container.append(notice.element, body);
    let stopped = false;
    api
      .triage()
      .then((summary) => {
        if (!stopped) body.replaceChildren(...render(summary));
      })
      .catch((error) => {
        if (stopped) return;
        body.replaceChildren();
        notice.error(messageOf(error));
      })
      .finally(() => body.setAttribute('aria-busy', 'false'));
    return () => {
      stopped = true;
    };
  },
};
