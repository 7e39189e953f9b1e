import { describe, expect, it } from 'vitest';
import { decide, type PolicyInput } from '../../lambda/domain/policy';
import { DEFAULT_SETTINGS } from '../../lambda/domain/settings';
import { fakeTriage } from './moderation/fake-triage';

const noHistory = { approved: 0, rejected: 0, spam: 0 };
const input = (
  overrides: {
    submission?: Partial<PolicyInput['submission']>;
    settings?: Partial<PolicyInput['settings']>;
    article?: Partial<PolicyInput['article']>;
    author?: Partial<PolicyInput['author']>;
  } = {},
): PolicyInput => ({
  submission: { comment: 'A fair point.', author: 'Ann', url: null, honeypot: false, ...overrides.submission },
  // The classifiers are off here (their phases have their own tests, and 'with the classifiers' below).
  settings: { ...DEFAULT_SETTINGS, triage: undefined, ...overrides.settings },
  article: { premoderation: null, ...overrides.article },
  author: { ...noHistory, ...overrides.author },
});
const open = { premoderation: false };
const links = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.example/`).join(' and ');

describe('the moderation policy', () => {
  it('holds every comment for review by default', async () => {
    expect(await decide(input())).toEqual({
      status: 'pending',
      reasons: [{ rule: 'premoderation', message: 'every comment is held for review' }],
    });
  });

  it('publishes when pre-moderation is off and no rule holds the comment', async () => {
    expect(await decide(input({ settings: open }))).toMatchObject({ status: 'approved', reasons: [{ rule: 'premoderation' }] });
  });

  it('lets an article override the site setting either way', async () => {
    expect((await decide(input({ settings: open, article: { premoderation: true } }))).status).toBe('pending');
    expect((await decide(input({ article: { premoderation: false } }))).status).toBe('approved');
  });

  it('marks a filled honeypot as spam before anything else', async () => {
    const decision = await decide(input({ submission: { honeypot: true, comment: links(5) }, settings: { disallowedWords: ['point'] } }));
    expect(decision).toEqual({ status: 'spam', reasons: [{ rule: 'honeypot', message: 'the hidden field was filled in' }] });
  });

  describe('maxLinks', () => {
    it('holds at the limit and not below it', async () => {
      const settings = { ...open, maxLinks: 2 };
      expect((await decide(input({ settings, submission: { comment: links(1) } }))).status).toBe('approved');
      expect(await decide(input({ settings, submission: { comment: links(2) } }))).toEqual({
        status: 'pending',
        reasons: [{ rule: 'maxLinks', message: '2 links, limit 2' }],
      });
      expect((await decide(input({ settings, submission: { comment: links(3) } }))).reasons[0]).toEqual({
        rule: 'maxLinks',
        message: '3 links, limit 2',
      });
    });

    it('holds any link with maxLinks 1, and is off at 0', async () => {
      expect((await decide(input({ settings: { ...open, maxLinks: 1 }, submission: { comment: links(1) } }))).reasons[0]).toEqual({
        rule: 'maxLinks',
        message: '1 link, limit 1',
      });
      expect((await decide(input({ settings: { ...open, maxLinks: 0 }, submission: { comment: links(50) } }))).status).toBe('approved');
    });

    it('does not count the website field', async () => {
      expect((await decide(input({ settings: { ...open, maxLinks: 1 }, submission: { url: 'https://ann.example' } }))).status).toBe(
        'approved',
      );
    });
  });

  describe('disallowed words', () => {
    const settings = { ...open, disallowedWords: ['casino'] };
    it('mark the comment as spam, naming the word and where it was found', async () => {
      expect(await decide(input({ settings, submission: { comment: 'Best CASINO bonus' } }))).toEqual({
        status: 'spam',
        reasons: [{ rule: 'disallowedWords', message: 'disallowed word "casino" in the text' }],
      });
      expect((await decide(input({ settings, submission: { author: 'Casino King' } }))).reasons[0]?.message).toBe(
        'disallowed word "casino" in the name',
      );
      expect((await decide(input({ settings, submission: { url: 'https://casino.example' } }))).reasons[0]?.message).toBe(
        'disallowed word "casino" in the website',
      );
    });

    it('match whole words only unless written *word*', async () => {
      expect((await decide(input({ settings, submission: { comment: 'casinos are fun' } }))).status).toBe('approved');
      expect(
        (await decide(input({ settings: { ...open, disallowedWords: ['*casino*'] }, submission: { comment: 'casinos are fun' } }))).status,
      ).toBe('spam');
    });

    it('win over hold rules and auto-approve', async () => {
      const decision = await decide(
        input({
          settings: { ...settings, maxLinks: 1, autoApprove: { enabled: true, minApproved: 1 } },
          submission: { comment: `casino ${links(3)}` },
          author: { approved: 10 },
        }),
      );
      expect(decision.status).toBe('spam');
    });
  });

  describe('moderation words', () => {
    it('hold the comment, with every hold rule that applies', async () => {
      const decision = await decide(
        input({ settings: { ...open, moderationWords: ['crypto'] }, submission: { comment: `Crypto tips: ${links(2)}` } }),
      );
      expect(decision).toEqual({
        status: 'pending',
        reasons: [
          { rule: 'maxLinks', message: '2 links, limit 2' },
          { rule: 'moderationWords', message: 'moderation word "crypto" in the text' },
        ],
      });
    });

    it('see through Unicode tricks', async () => {
      expect(
        (await decide(input({ settings: { ...open, moderationWords: ['crypto'] }, submission: { comment: 'ｃｒｙ\u200Bｐｔｏ' } }))).status,
      ).toBe('pending');
    });
  });

  describe('auto-approve', () => {
    const autoApprove = { enabled: true, minApproved: 2 };
    it('publishes a known good author despite pre-moderation', async () => {
      expect(await decide(input({ settings: { autoApprove }, author: { approved: 2 } }))).toEqual({
        status: 'approved',
        reasons: [{ rule: 'autoApprove', message: 'the author has 2 approved comments and none rejected or spam' }],
      });
    });

    it('needs minApproved approved comments and none rejected or spam', async () => {
      expect((await decide(input({ settings: { autoApprove }, author: { approved: 1 } }))).status).toBe('pending');
      expect((await decide(input({ settings: { autoApprove }, author: { approved: 5, rejected: 1 } }))).status).toBe('pending');
      expect((await decide(input({ settings: { autoApprove }, author: { approved: 5, spam: 1 } }))).status).toBe('pending');
    });

    it('is off by default', async () => {
      expect((await decide(input({ author: { approved: 100 } }))).status).toBe('pending');
    });

    it('does not override another hold rule or an article held on purpose', async () => {
      expect(
        (await decide(input({ settings: { autoApprove }, author: { approved: 9 }, submission: { comment: links(2) } }))).reasons[0]?.rule,
      ).toBe('maxLinks');
      expect((await decide(input({ settings: { autoApprove }, author: { approved: 9 }, article: { premoderation: true } }))).status).toBe(
        'pending',
      );
    });
  });

  describe('with the learned triage (builtin, the default)', () => {
    const triage = { triage: DEFAULT_SETTINGS.triage, premoderation: false };
    // Fixed scores: these tests are about what the policy does with scores, not about the model.
    const scoring = (modelScores: { remove: number; spam: number }) => ({ learnedTriage: fakeTriage({ modelScores }).triage });
    it('publishes a comment that scores low at once, with both scores as reasons', async () => {
      const decision = await decide({ ...input({ settings: triage }), ...scoring({ remove: 0.04, spam: 0.02 }) });
      expect(decision.status).toBe('approved');
      expect(decision.reasons.map((r) => [r.rule, r.provider, r.score])).toEqual([
        ['premoderation', undefined, undefined],
        ['spam', 'builtin', 0.02],
        ['toxicity', 'builtin', 0.04],
      ]);
    });

    it('holds a comment likely to be removed for a person with its score, and auto-approve never publishes it', async () => {
      const settings = { ...triage, autoApprove: { enabled: true, minApproved: 1 } };
      const decision = await decide({ ...input({ settings, author: { approved: 50 } }), ...scoring({ remove: 0.95, spam: 0.1 }) });
      expect(decision.status).toBe('pending');
      expect(decision.reasons[0]).toMatchObject({ rule: 'toxicity', provider: 'builtin', score: 0.95 });
    });

    it('holds likely spam for a person, the spam score first, and never marks it spam by itself', async () => {
      const spam = 'Cheap pills, buy now at http://pills.example http://pills2.example http://pills3.example';
      const decision = await decide({
        ...input({ settings: triage, submission: { comment: spam } }),
        ...scoring({ remove: 0.2, spam: 0.99 }),
      });
      expect(decision.status).toBe('pending');
      expect(decision.reasons.map((r) => r.rule)).toEqual(['spam', 'maxLinks', 'toxicity']);
      expect(decision.reasons[0]).toMatchObject({ provider: 'builtin', score: 0.99 });
    });
  });
});
