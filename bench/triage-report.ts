/** Section 6 of the report (automated triage) and its targets. */
import type { TargetCheck } from './targets';
import type { CorpusFigures, TriageResult } from './triage';

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

export function triageTargets(t: TriageResult): TargetCheck[] {
  const { civil, abusive, spam } = t.classes;
  const h = t.bySplit.holdout.classes;
  const holdout = (share: number) => ` (holdout ${pct(share)})`;
  return [
    {
      target: 'Triage: abusive comments held ≥ 90 %',
      measured: `${pct(abusive.held)} of ${abusive.count}${holdout(h.abusive.held)}`,
      met: abusive.held >= 0.9,
    },
    { target: 'Triage: spam held ≥ 95 %', measured: `${pct(spam.held)} of ${spam.count}${holdout(h.spam.held)}`, met: spam.held >= 0.95 },
    {
      target: 'Triage: civil comments held ≤ 3 %',
      measured: `${pct(civil.held)} of ${civil.count}${holdout(h.civil.held)}`,
      met: civil.held <= 0.03,
    },
    {
      target: 'Triage: ≥ 70 % of the corpus decided without a person (premoderation off)',
      measured: `${pct(t.decidedWithoutPerson)}${holdout(t.bySplit.holdout.decidedWithoutPerson)}`,
      met: t.decidedWithoutPerson >= 0.7,
    },
  ];
}

const row = (name: string, f: CorpusFigures) => [
  name,
  f.comments,
  ...(['civil', 'abusive', 'spam'] as const).map(
    (l) => `${pct(f.classes[l].held)} (P ${f.classes[l].precision} / R ${f.classes[l].recall})`,
  ),
  pct(f.decidedWithoutPerson),
  `${f.outcomes.published} / ${f.outcomes.pending} / ${f.outcomes.rejected} / ${f.outcomes.spam}`,
];

export function triageMarkdown(t: TriageResult): string {
  const header = [
    'comments',
    'n',
    'civil held (precision / recall)',
    'abusive held (P / R)',
    'spam held (P / R)',
    'decided without a person',
    'published / pending / rejected / spam',
  ];
  const rows = [row('all', t), row('tuning', t.bySplit.tuning), row('holdout (never tuned on)', t.bySplit.holdout)];
  const lines = [
    '## 6. Automated triage (builtin classifiers)',
    `On ${t.corpus}: spam first (score ≥ ${t.thresholds.spamAt} → spam), then toxicity (≥ ${t.thresholds.rejectAt} → rejected, ≥ ${t.thresholds.holdAt} → pending), premoderation off. "Held" is anything not published.`,
    [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'),
    `Both classifiers per comment: p50 ${t.builtinMsPerComment.p50} ms, p95 ${t.builtinMsPerComment.p95} ms (${t.builtinMsPerComment.samples} runs). The classifier bundled alone: ${Math.round(t.import.bytes / 1024)} KB (${Math.round(t.import.gzipBytes / 1024)} KB gzipped); require() ${t.import.importMs} ms against ${t.import.bareImportMs} ms for a one-line bundle, ${t.import.importAndFirstUseMs} ms with the first classification (which loads obscenity's word list).`,
    `Misses (${t.misses.length}):`,
    t.misses
      .map(
        (m) => `- ${m.split} ${m.label} (${m.kind}) → ${m.outcome}, ${m.signal} ${m.score}: ${m.text.replace(/\s+/g, ' ').slice(0, 140)}`,
      )
      .join('\n'),
  ];
  return lines.join('\n\n');
}
