/**
 * Amazon Comprehend `DetectToxicContent`: seven labels (PROFANITY,
 * HATE_SPEECH, INSULT, GRAPHIC, HARASSMENT_OR_ABUSE, SEXUAL,
 * VIOLENCE_OR_THREAT) and an overall toxicity score per text segment.
 * English only; a comment in another language is scored by the fallback
 * (`builtin`) and the verdict says so. At most 10 segments of 1 KB per
 * call: the comment is cut at white space into ≤ 1 KB pieces, and only the
 * first 10 are read (the note says when text was left unread).
 */
import { ComprehendClient, DetectToxicContentCommand, type ToxicLabels } from '@aws-sdk/client-comprehend';
import { looksEnglish } from '../../domain/triage/language';
import type { Classifier, Verdict } from '../../domain/ports/classifier';

const SEGMENT_BYTES = 1000;
const MAX_SEGMENTS = 10;

const SIGNALS: Record<string, string> = {
  PROFANITY: 'profanity',
  HATE_SPEECH: 'hate',
  INSULT: 'insult',
  GRAPHIC: 'graphic',
  HARASSMENT_OR_ABUSE: 'harassment',
  SEXUAL: 'sexual',
  VIOLENCE_OR_THREAT: 'threat',
};

export interface ComprehendOptions {
  client?: Pick<ComprehendClient, 'send'>;
  /** Scores what Comprehend cannot read (other languages). */
  fallback: Classifier;
}

export function comprehendClassifier(options: ComprehendOptions): Classifier {
  let client = options.client;
  return {
    kind: 'toxicity',
    provider: 'comprehend',
    async classify(input, signal): Promise<Verdict> {
      if (!looksEnglish(input.text)) {
        const verdict = await options.fallback.classify(input, signal);
        return { ...verdict, note: 'not English: Comprehend reads English only, builtin used' };
      }
      const segments = segment(input.text);
      // Two attempts at most: the time limit (800 ms by default) leaves no room for more.
      client ??= new ComprehendClient({ maxAttempts: 2 });
      const result = await client.send(
        new DetectToxicContentCommand({ LanguageCode: 'en', TextSegments: segments.slice(0, MAX_SEGMENTS).map((Text) => ({ Text })) }),
        { abortSignal: signal },
      );
      const results = result.ResultList ?? [];
      if (results.length === 0) throw new Error('DetectToxicContent returned no results');
      const worst = results.reduce((a, b) => ((b.Toxicity ?? 0) > (a.Toxicity ?? 0) ? b : a));
      const verdict: Verdict = { score: clamp(worst.Toxicity ?? 0), signal: strongest(worst), provider: 'comprehend' };
      if (segments.length > MAX_SEGMENTS) verdict.note = `only the first ${MAX_SEGMENTS} KB read`;
      return verdict;
    },
  };
}

function strongest(result: ToxicLabels): string {
  const top = (result.Labels ?? []).reduce<{ Name?: string; Score?: number } | undefined>(
    (a, b) => ((b.Score ?? 0) > (a?.Score ?? 0) ? b : a),
    undefined,
  );
  if (!top?.Name || (top.Score ?? 0) < 0.5) return 'none';
  return SIGNALS[top.Name] ?? top.Name.toLowerCase();
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/** Pieces of at most 1,000 UTF-8 bytes, cut at white space where possible, never inside a character. */
export function segment(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let bytes = 0;
  for (const token of text.match(/\S+\s*/gu) ?? []) {
    for (const part of splitLong(token)) {
      const size = Buffer.byteLength(part);
      if (bytes + size > SEGMENT_BYTES && current) {
        pieces.push(current.trim());
        current = '';
        bytes = 0;
      }
      current += part;
      bytes += size;
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces.length > 0 ? pieces : [text.slice(0, 250)];
}

function splitLong(token: string): string[] {
  if (Buffer.byteLength(token) <= SEGMENT_BYTES) return [token];
  const parts: string[] = [];
  let part = '';
  for (const char of token) {
    if (Buffer.byteLength(part + char) > SEGMENT_BYTES) {
      parts.push(part);
      part = '';
    }
    part += char;
  }
  return part ? [...parts, part] : parts;
}
