/** What a warm function keeps: one shared build, retried after a failure instead of keeping the failure. */
import { describe, expect, it } from 'vitest';
import { onceUntilFailure, perKeyUntilFailure } from '../../lambda/wiring/once';

describe('kept until failure', () => {
  it('builds once for concurrent and later callers', async () => {
    let builds = 0;
    const get = onceUntilFailure(async () => ++builds);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(await get()).toBe(1);
    expect(builds).toBe(1);
  });

  it('tries again after a failure rather than failing for the rest of the function’s life', async () => {
    let attempts = 0;
    const get = onceUntilFailure(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('throttled');
      return 'key';
    });
    await expect(get()).rejects.toThrow('throttled');
    expect(await get()).toBe('key');
    expect(await get()).toBe('key');
    expect(attempts).toBe(2);
  });

  it('keeps one build per key, and forgets only the key that failed', async () => {
    const calls: string[] = [];
    const get = perKeyUntilFailure(async (arn: string) => {
      calls.push(arn);
      if (arn === 'bad' && calls.filter((c) => c === 'bad').length === 1) throw new Error('denied');
      return `secret of ${arn}`;
    });
    expect(await get('a')).toBe('secret of a');
    await expect(get('bad')).rejects.toThrow('denied');
    expect(await get('a')).toBe('secret of a');
    expect(await get('bad')).toBe('secret of bad');
    expect(calls).toEqual(['a', 'bad', 'bad']);
  });
});
