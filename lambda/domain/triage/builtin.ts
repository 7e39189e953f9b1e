/**
 * The `builtin` provider: runs inside the function, offline, with no account.
 * It is pure (no I/O, no clock), so it lives in the domain and the pipeline
 * can call it directly; the `Classifier` objects below wrap it for the port.
 *
 * English first: the abuse patterns and the spam vocabulary are English.
 * Other languages get the language-independent signals only (links, contact
 * details, repeated characters, look-alike evasions of English profanity).
 */
import type { Classifier, ClassifierInput, Verdict } from '../ports/classifier';
import { findAbuse } from './abuse';
import { revealWords } from './evasions';
import { loadProfanityFinder, type ProfanityFinder } from './profanity';
import { combine, type SpamInput, spamSignals } from './spam';

export function scoreSpam(input: SpamInput): Verdict {
  const { score, signal } = combine(spamSignals(input));
  return { score, signal, provider: 'builtin' };
}

export function scoreToxicity(text: string, profanityFinder: ProfanityFinder): Verdict {
  const revealed = revealWords(text);
  const abuse = findAbuse(revealed);
  const profanity = profanityFinder.find(revealed, text);
  const slur = profanity.find((p) => p.slur);
  const candidates: { score: number; signal: string }[] = [{ score: 0.02, signal: 'none' }];
  if (abuse) candidates.push(abuse);
  if (slur) candidates.push({ score: 0.95, signal: 'hate' });
  else if (profanity.length > 0) candidates.push({ score: profanity.length > 1 ? 0.8 : 0.7, signal: 'profanity' });
  const best = candidates.reduce((a, b) => (b.score > a.score ? b : a));
  // Two kinds of abuse in one comment are more certain than either alone.
  const kinds = candidates.length - 1;
  const score = kinds >= 2 ? Math.min(0.99, best.score + 0.05) : best.score;
  return { score, signal: best.signal, provider: 'builtin' };
}

/** Both scorers, synchronous once loaded (the profanity list loads on first use). */
export async function loadBuiltin(): Promise<{ spam: (input: SpamInput) => Verdict; toxicity: (text: string) => Verdict }> {
  const profanity = await loadProfanityFinder();
  return { spam: scoreSpam, toxicity: (text) => scoreToxicity(text, profanity) };
}

const settled = <T>(signal: AbortSignal, work: () => T): Promise<T> =>
  signal.aborted ? Promise.reject(signal.reason) : Promise.resolve().then(work);

export const builtinSpam: Classifier = {
  kind: 'spam',
  provider: 'builtin',
  classify: (input: ClassifierInput, signal: AbortSignal) => settled(signal, () => scoreSpam(input)),
};

export const builtinToxicity: Classifier = {
  kind: 'toxicity',
  provider: 'builtin',
  classify: async (input: ClassifierInput, signal: AbortSignal) => {
    const profanity = await loadProfanityFinder();
    return settled(signal, () => scoreToxicity(input.text, profanity));
  },
};
