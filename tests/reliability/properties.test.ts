/**
 * Property-based tests (fast-check) of the submission rules
 * (lambda/domain/submission-rules.ts, shared by the API and the browser
 * form) and of the moderation policy (lambda/domain/policy.ts):
 *  - pure: what the rules accept is within every limit, stable, and exactly
 *    the documented trimming of the input; the policy's decision follows its
 *    documented order;
 *  - through the HTTP API of the local runtime: an accepted input comes back
 *    unchanged after the documented trimming (submit, approve, read back),
 *    the API's verdict is the rules' verdict, a rejected input writes
 *    nothing, and the status the API gives a comment is the policy's.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmail } from '../../lambda/domain/email';
import { countLinks } from '../../lambda/domain/links';
import { decide, type PolicyInput } from '../../lambda/domain/policy';
import { prepareWith } from '../../lambda/domain/triage/learned-triage';
import { DEFAULT_SETTINGS } from '../../lambda/domain/settings';
import { LIMITS, utf8Bytes, validateSubmission, type SubmissionFields } from '../../lambda/domain/submission-rules';
import type { LocalRuntime } from '../../scripts/local/runtime';
import { MODERATOR_TOKEN, api, startFloodFreeRuntime } from '../support/runtime';
import { publishFiguresIfAllPassed } from './area-figures';
import { tableState } from './support';

// ------------------------------------------------------------------ inputs

/** Pieces that exercise every rule: whitespace, line breaks, controls, invisible and bidi characters, tags, surrogates, multibyte text. */
const TOKENS = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u00A0',
  '\u200B',
  '\u200D',
  '\u200E',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u3164',
  '\u202E',
  '\u2066',
  '\u2069',
  '\uD800',
  '\uDC00',
  '😀',
  '€',
  'é',
  'ß',
  'ｆｕｌｌ',
  'שלום',
  'مرحبا',
  '<b>',
  '</b>',
  '<script>alert(1)</script>',
  '<a href="https://x.example">',
  '&amp;',
  '"',
  "'",
  '\\',
  '%',
  '@',
  'http://',
  'https://link.example/',
  'javascript:',
  'data:',
  '..',
  'word',
  'Reader',
  'casino',
  'viagra',
];
const piece = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
/** Mostly ordinary text, often with something hostile in it. */
const text = (maxPieces: number) => fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));
const plainWords = fc.array(fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

const emailArb = fc.oneof(
  { weight: 4, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(' ', '\t', ''), fc.emailAddress(), fc.constantFrom(' ', '\n', ''))
      .map(([a, e, b]) => `${a}${e}${b}`),
  },
  { weight: 2, arbitrary: text(4) },
);
const urlArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('javascript:', 'data:', 'ftp://', '//', 'HTTPS://', ' http://'), text(3))
      .map(([s, t]) => `${s}${t}`),
  },
  { weight: 2, arbitrary: text(4) },
);
type Fields = Record<'comment' | 'author' | 'email' | 'url', string> & SubmissionFields;
const fieldsArb: fc.Arbitrary<Fields> = fc.record({
  comment: fc.oneof({ weight: 3, arbitrary: plainWords }, { weight: 3, arbitrary: text(8) }),
  author: fc.oneof({ weight: 3, arbitrary: plainWords }, { weight: 3, arbitrary: text(5) }),
  email: emailArb,
  url: urlArb,
});

// ------------------------------------------------------- the documented form

/** docs/api.md: text is trimmed; CRLF (and a lone CR) from form posts is stored as LF. */
const documentedComment = (s: string) => s.replace(/\r\n?/g, '\n').trim();
const documentedUrl = (s: string) => (s.trim() === '' ? null : s.trim());
/** docs/api.md, WordPress: tags are stripped from the name (a `<` then a letter, `/` or `!`, up to `>` or the end), then it is trimmed. */
// Tags stripped, then any `<` the stripping left before a letter (the contract: "HTML tags stripped").
const documentedAuthor = (s: string) =>
  s
    .replace(/<\/?[a-zA-Z!][^>]*>?/g, '')
    .replace(/<+(?=\/?[a-zA-Z!])/g, '')
    .trim();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

const counts = {
  validation: 0,
  validationAccepted: 0,
  mustAccept: 0,
  policy: 0,
  httpRuns: 0,
  httpAccepted: 0,
  httpRejected: 0,
  httpPolicyRuns: 0,
};

describe('the submission rules (pure)', () => {
  it('accept only what fits every limit, and keep exactly the documented trimming of it', () => {
    fc.assert(
      fc.property(fieldsArb, (input) => {
        counts.validation += 1;
        const check = validateSubmission(input);
        if (!check.ok) {
          for (const [field, message] of Object.entries(check.fields)) {
            expect(['comment', 'author', 'email', 'url', 'parentId']).toContain(field);
            expect(message.length).toBeGreaterThan(0);
          }
          return;
        }
        counts.validationAccepted += 1;
        const v = check.value;
        expect(v.comment).toBe(documentedComment(input.comment));
        expect(v.url).toBe(documentedUrl(input.url));
        expect(v.email).toBe(input.email.trim());
        expect(v.author).toBe(documentedAuthor(input.author));
        expect(v.author).not.toMatch(/<\/?[a-zA-Z!]/);
        if (!input.author.includes('<')) expect(v.author).toBe(input.author.trim());
        expect(utf8Bytes(v.comment)).toBeGreaterThan(0);
        expect(utf8Bytes(v.comment)).toBeLessThanOrEqual(LIMITS.comment);
        expect(utf8Bytes(v.author)).toBeLessThanOrEqual(LIMITS.author);
        expect(utf8Bytes(v.email)).toBeLessThanOrEqual(LIMITS.email);
        expect(isEmail(v.email)).toBe(true);
        for (const s of [v.comment, v.author, v.email, v.url ?? '']) expect(LONE_SURROGATE.test(s)).toBe(false);
        expect(CONTROL.test(v.comment)).toBe(false);
        for (const s of [v.author, v.email, v.url ?? '']) {
          expect(LINE_CONTROL.test(s)).toBe(false);
          expect(BIDI.test(s)).toBe(false);
        }
        expect(v.author.replace(/\p{Default_Ignorable_Code_Point}/gu, '').trim()).not.toBe('');
        if (v.url !== null) {
          expect(v.url).toMatch(/^https?:\/\//i);
          expect(utf8Bytes(v.url)).toBeLessThanOrEqual(LIMITS.url);
        }
        // What was accepted is accepted again unchanged (the browser re-checks what it sends).
        const again = validateSubmission({ ...v, url: v.url ?? '' });
        expect(again).toEqual({ ok: true, value: v });
      }),
      { numRuns: 3000 },
    );
    expect(counts.validationAccepted).toBeGreaterThan(0);
    expect(counts.validationAccepted).toBeLessThan(counts.validation);
  });

  it('accept every well-formed submission (a validator that refused everything would fail here)', () => {
    const simpleEmail = fc.stringMatching(/^[a-z][a-z0-9.]{0,15}[a-z0-9]@[a-z]{1,12}\.(com|org|example)$/);
    const simpleUrl = fc.oneof(fc.constant(''), fc.stringMatching(/^https?:\/\/[a-z]{1,12}\.example\/[a-z0-9-]{0,20}$/));
    const padding = fc.constantFrom('', ' ', '\n', '\r\n', '  \t');
    const wellFormed = fc.record({
      comment: fc.tuple(padding, plainWords, fc.constantFrom('', '\r\nSecond line.', ' <b>bold</b> €'), padding).map((p) => p.join('')),
      author: fc.tuple(padding, plainWords, fc.constantFrom('', ' Müller', ' <b>Ann</b>'), padding).map((p) => p.join('')),
      email: fc.tuple(padding, simpleEmail, padding).map((p) => p.join('')),
      url: simpleUrl,
    });
    fc.assert(
      fc.property(wellFormed, (input) => {
        counts.mustAccept += 1;
        const check = validateSubmission(input);
        expect(check, JSON.stringify(input)).toMatchObject({ ok: true });
        if (!check.ok) return;
        expect(check.value).toMatchObject({
          comment: documentedComment(input.comment),
          author: documentedAuthor(input.author),
          email: input.email.trim(),
          url: documentedUrl(input.url),
        });
      }),
      { numRuns: 500 },
    );
  });
});

// ------------------------------------------------------------------ policy

const VOCABULARY = ['casino', 'viagra', 'offer', 'news', 'peace', 'war', 'deal'];
const settingsArb = fc.record({
  premoderation: fc.boolean(),
  maxLinks: fc.integer({ min: 0, max: 3 }),
  moderationWords: fc.subarray(VOCABULARY, { maxLength: 2 }),
  disallowedWords: fc.subarray(VOCABULARY, { maxLength: 2 }),
});
const link = fc.constantFrom('https://a.example/', 'http://b.example/x', '<a href="https://c.example">c</a>');
const policyComment = fc
  .array(fc.oneof(fc.constantFrom(...VOCABULARY), fc.stringMatching(/^[a-z]{2,8}$/), link), { minLength: 1, maxLength: 10 })
  .map((w) => w.join(' '));
const policyInputArb: fc.Arbitrary<PolicyInput> = fc.record({
  submission: fc.record({
    comment: policyComment,
    author: plainWords,
    url: fc.constantFrom(null, 'https://reader.example/'),
    honeypot: fc.boolean(),
  }),
  settings: fc
    .tuple(settingsArb, fc.record({ enabled: fc.boolean(), minApproved: fc.integer({ min: 1, max: 3 }) }))
    .map(([s, autoApprove]) => ({ ...s, autoApprove })),
  article: fc.record({ premoderation: fc.constantFrom(null, true, false) }),
  author: fc.record({ approved: fc.nat(4), rejected: fc.nat(1), spam: fc.nat(1) }),
});
const has = (list: readonly string[], text: string) => list.some((w) => new RegExp(`\\b${w}\\b`, 'i').test(text));

describe('the moderation policy (pure)', () => {
  it('decides in its documented order: honeypot, disallowed words, hold rules, pre-moderation, auto-approve', async () => {
    await fc.assert(
      fc.asyncProperty(policyInputArb, async (input) => {
        counts.policy += 1;
        const { status, reasons } = await decide(input);
        const { submission, settings, article, author } = input;
        expect(['pending', 'approved', 'spam']).toContain(status);
        expect(reasons.length).toBeGreaterThan(0);
        const everything = `${submission.comment} ${submission.author} ${submission.url ?? ''}`;
        const links = countLinks(submission.comment);
        const held = (settings.maxLinks > 0 && links >= settings.maxLinks) || has(settings.moderationWords, everything);
        if (submission.honeypot) {
          expect([status, reasons[0]!.rule]).toEqual(['spam', 'honeypot']);
          return;
        }
        if (has(settings.disallowedWords, everything)) {
          expect([status, reasons[0]!.rule]).toEqual(['spam', 'disallowedWords']);
          return;
        }
        expect(status).not.toBe('spam');
        if (held) {
          expect(status).toBe('pending');
          expect(reasons.map((r) => r.rule)).toEqual(
            expect.arrayContaining([settings.maxLinks > 0 && links >= settings.maxLinks ? 'maxLinks' : 'moderationWords']),
          );
          return;
        }
        const knownGood =
          settings.autoApprove.enabled && author.approved >= settings.autoApprove.minApproved && author.rejected === 0 && author.spam === 0;
        const expected =
          article.premoderation === true
            ? 'pending'
            : knownGood
              ? 'approved'
              : (article.premoderation ?? settings.premoderation)
                ? 'pending'
                : 'approved';
        expect(status).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('never lets more words or a lower link limit publish what it held, or un-spam what it marked', async () => {
    await fc.assert(
      fc.asyncProperty(policyInputArb, fc.constantFrom(...VOCABULARY), fc.integer({ min: 1, max: 3 }), async (input, word, limit) => {
        const rank = { approved: 0, pending: 1, rejected: 2, spam: 2 } as const;
        const before = rank[(await decide(input)).status];
        const stricter: PolicyInput[] = [
          { ...input, settings: { ...input.settings, moderationWords: [...input.settings.moderationWords, word] } },
          { ...input, settings: { ...input.settings, disallowedWords: [...input.settings.disallowedWords, word] } },
          {
            ...input,
            settings: { ...input.settings, maxLinks: input.settings.maxLinks === 0 ? limit : Math.min(input.settings.maxLinks, limit) },
          },
        ];
        for (const s of stricter) expect(rank[(await decide(s)).status]).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 1500 },
    );
  });

  it('finds a disallowed word however it is dressed: case, fullwidth, accents, zero-width characters', async () => {
    const dress = fc.constantFrom(
      (w: string) => w.toUpperCase(),
      (w: string) => [...w].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join(''),
      (w: string) => [...w].join('\u200B'),
      (w: string) => `${w[0]}\u0301${w.slice(1)}`,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VOCABULARY), dress, plainWords, plainWords, async (word, disguise, before, after) => {
        const decision = await decide({
          submission: { comment: `${before} ${disguise(word)} ${after}`, author: 'Reader', url: null, honeypot: false },
          settings: { ...DEFAULT_SETTINGS, disallowedWords: [word] },
          article: { premoderation: null },
          author: { approved: 0, rejected: 0, spam: 0 },
        });
        expect(decision.status).toBe('spam');
      }),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------- through the HTTP API

let runtime: LocalRuntime;
let run = 0;

describe('through the HTTP API', () => {
  beforeAll(async () => {
    runtime = await startFloodFreeRuntime();
  });
  afterAll(() => runtime?.stop());

  it('gives the rules’ verdict; an accepted input reads back as its documented trimming, a rejected one writes nothing', {
    timeout: 90_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fieldsArb, fc.boolean(), async (input, asForm) => {
        // A form cannot carry a lone surrogate (the browser sends U+FFFD); send those as JSON.
        const form = asForm && !Object.values(input).some((v) => LONE_SURROGATE.test(v));
        const articleId = `prop-${++run}`;
        counts.httpRuns += 1;
        const check = validateSubmission(input);
        const before = check.ok ? undefined : await tableState(runtime);
        const posted = await api(runtime, 'POST', `/articles/${articleId}/comments`, {
          body: form
            ? new URLSearchParams({ comment: input.comment, author: input.author, email: input.email, url: input.url }).toString()
            : input,
          headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined,
        });
        if (!check.ok) {
          counts.httpRejected += 1;
          expect(posted.status, posted.text).toBe(422);
          expect(Object.keys(posted.body.fields).sort()).toEqual(Object.keys(check.fields).sort());
          expect((await tableState(runtime)).digest).toBe(before!.digest);
          return;
        }
        counts.httpAccepted += 1;
        expect(posted.status, posted.text).toBe(202);
        const approved = await api(runtime, 'POST', `/admin/comments/${posted.body.id}/approve`, {
          token: MODERATOR_TOKEN,
          body: { expectedVersion: 1 },
        });
        expect(approved.status).toBe(200);
        expect(approved.body.email).toBe(input.email.trim());
        const listed = await api(runtime, 'GET', `/articles/${articleId}/comments`);
        expect(listed.body.comments).toEqual([
          {
            id: posted.body.id,
            parentId: null,
            comment: documentedComment(input.comment),
            author: documentedAuthor(input.author),
            url: documentedUrl(input.url),
            createdAt: posted.body.createdAt,
          },
        ]);
        if (!input.author.includes('<')) expect(listed.body.comments[0].author).toBe(input.author.trim());
      }),
      { numRuns: 150 },
    );
    // Both sides of the verdict were exercised: an API that refused (or accepted) everything would fail here.
    expect(counts.httpAccepted).toBeGreaterThan(0);
    expect(counts.httpRejected).toBeGreaterThan(0);
  });

  it('gives each comment the status the policy decides, with its reasons, and stores the text unchanged', { timeout: 90_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(settingsArb, policyComment, plainWords, fc.boolean(), async (settings, comment, author, honeypot) => {
        counts.httpPolicyRuns += 1;
        const put = await api(runtime, 'PUT', '/admin/settings', { token: MODERATOR_TOKEN, body: settings });
        expect(put.status, put.text).toBe(200);
        const n = ++run;
        const submission = {
          comment,
          author,
          email: `policy.${n}@example.com`,
          url: 'https://reader.example/',
          ...(honeypot ? { website_confirm: 'x' } : {}),
        };
        const expected = await decide({
          submission: { comment, author, url: submission.url, honeypot },
          settings: put.body,
          article: { premoderation: null },
          author: { approved: 0, rejected: 0, spam: 0 },
          // The runtime's site has no decisions: the shipped model on a new site, as the service scores it.
          learnedTriage: prepareWith(null, Math.random),
        });
        const posted = await api(runtime, 'POST', `/articles/policy-${n}/comments`, { body: submission });
        expect(posted.status, posted.text).toBe(expected.status === 'approved' ? 201 : 202);
        expect(posted.body.status).toBe(expected.status === 'approved' ? 'approved' : 'pending');
        const stored = await api(runtime, 'GET', `/admin/comments/${posted.body.id}`, { token: MODERATOR_TOKEN });
        expect(stored.body).toMatchObject({ status: expected.status, reasons: expected.reasons, comment, author });
      }),
      { numRuns: 60 },
    );
  });
});

publishFiguresIfAllPassed('properties', (passedTests) =>
  [
    '## Properties (fast-check)',
    '',
    `- Submission rules, pure: ${counts.validation} generated submissions (hostile text: controls, invisible and bidi characters, tags, lone surrogates, multibyte; fast-check emails and URLs), ${counts.validationAccepted} accepted. Every accepted one is within every limit, is exactly the documented trimming (and, for names, tag stripping) of its input, and is accepted again unchanged. ${counts.mustAccept} well-formed submissions, each accepted.`,
    `- Moderation policy, pure: ${counts.policy} decisions checked against the documented order; more words or a lower link limit never publish what was held or un-spam what was marked; a disallowed word is found in capitals, fullwidth, with accents or zero-width characters.`,
    `- Through the HTTP API: ${counts.httpRuns} generated submissions (JSON and form posts): ${counts.httpAccepted} accepted, each read back after approval exactly as documented; ${counts.httpRejected} refused with the same fields the rules name, each leaving both tables unchanged. ${counts.httpPolicyRuns} submissions under generated settings got the policy's status and reasons.`,
    '',
    `**${passedTests} properties held over ${counts.validation + counts.mustAccept + counts.policy + counts.httpRuns + counts.httpPolicyRuns} generated cases: 0 counterexamples.** (Published only when every property held; a failing property fails the run with its shrunk counterexample.)`,
  ].join('\n'),
);
