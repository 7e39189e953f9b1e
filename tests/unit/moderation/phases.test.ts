/** The runner and the one list: order, holds, notes, async phases. */
import { expect, it } from 'vitest';
import { type Phase, runPhases } from '../../../lambda/domain/moderation/phase';
import { MODERATION_PHASES } from '../../../lambda/domain/moderation/phases';
import { context } from './context';

const hold: Phase = () => ({ hold: { rule: 'hold', message: 'held' } });
const note: Phase = async () => ({ note: { rule: 'score', message: '0.12' } });
const approve: Phase = () => ({ decide: 'approved', reason: { rule: 'ok', message: 'fine' } });
const spam: Phase = async () => ({ decide: 'spam', reason: { rule: 'spam', message: 'junk' } });

it('keeps the order of the contract', () => {
  expect(MODERATION_PHASES.map((phase) => phase.name)).toEqual([
    'honeypot',
    'disallowedWords',
    'banned',
    'learnedTriage',
    'maxLinks',
    'moderationWords',
    'articlePremoderation',
    'autoApprove',
    'gate',
    'sitePremoderation',
  ]);
});

it('takes several outcomes of one phase in order, as if from phases one after the other', async () => {
  const both: Phase = () => [{ note: { rule: 'spam', message: '0.10' } }, { hold: { rule: 'toxicity', message: '0.80' } }];
  expect(await runPhases([both, approve], context())).toEqual({
    status: 'pending',
    reasons: [
      { rule: 'toxicity', message: '0.80' },
      { rule: 'spam', message: '0.10' },
    ],
  });
  const noteThenDecide: Phase = () => [
    { note: { rule: 'score', message: '0.12' } },
    { decide: 'spam', reason: { rule: 'x', message: 'y' } },
  ];
  expect(await runPhases([noteThenDecide, approve], context())).toMatchObject({
    status: 'spam',
    reasons: [{ rule: 'x' }, { rule: 'score' }],
  });
});

it('stops at the first phase that decides, with its reason first and notes after it', async () => {
  expect(await runPhases([note, approve, spam], context())).toEqual({
    status: 'approved',
    reasons: [
      { rule: 'ok', message: 'fine' },
      { rule: 'score', message: '0.12' },
    ],
  });
});

it('never publishes a held comment: a later approval becomes pending with the hold reasons', async () => {
  expect(await runPhases([hold, note, approve], context())).toEqual({
    status: 'pending',
    reasons: [
      { rule: 'hold', message: 'held' },
      { rule: 'score', message: '0.12' },
    ],
  });
});

it('lets a rejection override a hold', async () => {
  const reject: Phase = () => ({ decide: 'rejected', reason: { rule: 'toxicity', message: 'toxicity 0.95 (builtin): threat' } });
  expect(await runPhases([hold, reject], context())).toMatchObject({
    status: 'rejected',
    reasons: [{ rule: 'toxicity' }, { rule: 'hold' }],
  });
});

it('lets spam override a hold, and shows later phases what was held', async () => {
  const seen: string[] = [];
  const look: Phase = ({ held }) => void seen.push(...held.map((r) => r.rule));
  expect(await runPhases([hold, look, spam], context())).toMatchObject({ status: 'spam', reasons: [{ rule: 'spam' }, { rule: 'hold' }] });
  expect(seen).toEqual(['hold']);
});

it('refuses a list that ends without a decision', async () => {
  await expect(runPhases([hold, note], context())).rejects.toThrow(/without a decision/);
});
