/** Moderators' decisions that contradict a spam verdict go back to the provider, from the table stream. */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { contradiction } from '../../lambda/domain/triage/feedback';
import { BUILTIN_ONLY } from '../../lambda/domain/triage/builtin-source';
import { classifierFeedback } from '../../lambda/handlers/classifier-feedback';
import type { ClassifierInput, ProviderName } from '../../lambda/domain/ports/classifier';

const verdict = (score: number, provider = 'akismet') => [{ rule: 'spam', message: `spam ${score} (${provider})`, score, provider }];

describe('contradiction', () => {
  it('is ham when a moderator approves what the provider called spam, spam when they mark what it let through', () => {
    expect(contradiction({ reasons: verdict(0.99) }, 'spam', 'approved')).toEqual({ provider: 'akismet', report: 'ham' });
    expect(contradiction({ reasons: verdict(0.1) }, 'approved', 'spam')).toEqual({ provider: 'akismet', report: 'spam' });
    expect(contradiction({ reasons: verdict(0.1) }, 'pending', 'spam')).toEqual({ provider: 'akismet', report: 'spam' });
  });

  it('is nothing when the decision agrees, or no classifier scored the comment', () => {
    expect(contradiction({ reasons: verdict(0.99) }, 'spam', 'rejected')).toBeNull();
    expect(contradiction({ reasons: verdict(0.1) }, 'pending', 'approved')).toBeNull();
    expect(contradiction({ reasons: [{ rule: 'honeypot', message: 'the hidden field was filled in' }] }, 'spam', 'approved')).toBeNull();
    expect(contradiction({ reasons: [{ rule: 'spam', message: 'classifier unavailable' }] }, 'pending', 'spam')).toBeNull();
  });
});

const image = (status: string, reasons: ReturnType<typeof verdict>, moderatedBy?: string) => ({
  type: { S: 'comment' },
  id: { S: 'c1' },
  articleId: { S: 'a1' },
  author: { S: 'Ann' },
  url: { NULL: true },
  comment: { S: 'Great deals at my shop' },
  status: { S: status },
  ...(moderatedBy ? { moderatedBy: { S: moderatedBy } } : {}),
  reasons: {
    L: reasons.map((r) => ({
      M: { rule: { S: r.rule }, message: { S: r.message }, score: { N: String(r.score) }, provider: { S: r.provider } },
    })),
  },
});
const modify = (from: string, to: string, reasons = verdict(0.99), moderatedBy: string | undefined = 'alice') =>
  ({
    Records: [{ eventName: 'MODIFY', dynamodb: { OldImage: image(from, reasons), NewImage: image(to, reasons, moderatedBy) } }],
  }) as unknown as DynamoDBStreamEvent;

function fakeAkismet(enabled: ProviderName[] = ['builtin', 'akismet'], fail = false) {
  const calls: { report: string; input: ClassifierInput }[] = [];
  const source = {
    ...BUILTIN_ONLY,
    enabled,
    feedback: (provider: ProviderName) =>
      provider !== 'akismet'
        ? null
        : {
            reportHam: async (input: ClassifierInput) => {
              if (fail) throw new Error('503');
              calls.push({ report: 'ham', input });
            },
            reportSpam: async (input: ClassifierInput) => void calls.push({ report: 'spam', input }),
          },
  };
  return { source, calls };
}

describe('the feedback stream consumer', () => {
  it('reports ham for a spam verdict a moderator approved, with the text but no personal data', async () => {
    const { source, calls } = fakeAkismet();
    expect(await classifierFeedback(() => source)(modify('spam', 'approved'))).toEqual({ reported: 1 });
    expect(calls).toEqual([{ report: 'ham', input: { text: 'Great deals at my shop', author: 'Ann', url: null, articleId: 'a1' } }]);
  });

  it('reports spam for a comment let through that a moderator marked spam', async () => {
    const { source, calls } = fakeAkismet();
    await classifierFeedback(() => source)(modify('approved', 'spam', verdict(0.05)));
    expect(calls.map((c) => c.report)).toEqual(['spam']);
  });

  it('sends nothing for agreeing decisions, system changes, other providers or a provider no longer enabled', async () => {
    const { source, calls } = fakeAkismet();
    const run = classifierFeedback(() => source);
    await run(modify('spam', 'rejected'));
    await run(modify('spam', 'approved', verdict(0.99), ''));
    await run(modify('spam', 'approved', verdict(0.99, 'builtin')));
    const disabled = fakeAkismet(['builtin']);
    await classifierFeedback(() => disabled.source)(modify('spam', 'approved'));
    expect(calls).toEqual([]);
    expect(disabled.calls).toEqual([]);
  });

  it('never fails the batch when the provider fails', async () => {
    const { source } = fakeAkismet(['builtin', 'akismet'], true);
    expect(await classifierFeedback(() => source)(modify('spam', 'approved'))).toEqual({ reported: 0 });
  });
});
