/**
 * Akismet, WordPress's spam service, over its REST protocol
 * (https://akismet.com/developers/): `comment-check` with the fields
 * WordPress sends, and `submit-spam` / `submit-ham` when a moderator
 * contradicts a verdict, so Akismet learns from the site.
 *
 * Akismet answers `true` (spam) or `false`; a `X-akismet-pro-tip: discard`
 * header means blatant spam nobody needs to see. `invalid` means the key
 * is wrong. The reader's address, browser and email are personal data: they
 * are sent only when the operator turns personal data on for Akismet.
 */
import type { Classifier, ClassifierFeedback, ClassifierInput, Verdict } from '../../domain/ports/classifier';
import { secretKey } from '../../wiring/keys';

export const AKISMET_ENDPOINT = 'https://rest.akismet.com/1.1';
/** What the stack stores until the operator puts the key in (Secrets Manager refuses an empty value); counts as no key. */
export const AKISMET_KEY_PLACEHOLDER = 'put-the-akismet-api-key-here';
const THANKS = 'Thanks for making the web a better place.';

export interface AkismetOptions {
  /** The site's front page, as registered with the key (Akismet's `blog`). */
  blog: string;
  apiKey: () => Promise<string>;
  /** Send the reader's email, address and browser (off unless the operator turns it on). */
  sendPersonalData: boolean;
  endpoint?: string;
  /** The site's language(s), e.g. "en" or "en, fr_ca". */
  blogLang?: string;
  fetch?: typeof fetch;
}

export class AkismetError extends Error {
  override name = 'AkismetError';
}

export function akismetFields(
  input: ClassifierInput,
  options: Pick<AkismetOptions, 'blog' | 'sendPersonalData' | 'blogLang'>,
): Record<string, string> {
  const fields: Record<string, string> = {
    blog: options.blog,
    comment_type: 'comment',
    comment_author: input.author,
    comment_content: input.text,
    blog_charset: 'UTF-8',
    blog_lang: options.blogLang ?? 'en',
  };
  if (input.url) fields.comment_author_url = input.url;
  if (input.permalink) fields.permalink = input.permalink;
  const personal = options.sendPersonalData ? input.personal : undefined;
  if (personal) {
    fields.comment_author_email = personal.email;
    if (personal.ip) fields.user_ip = personal.ip;
    if (personal.userAgent) fields.user_agent = personal.userAgent;
  }
  return fields;
}

export function akismetClassifier(options: AkismetOptions): Classifier & ClassifierFeedback {
  const endpoint = (options.endpoint ?? AKISMET_ENDPOINT).replace(/\/$/, '');
  const fetchImpl = options.fetch ?? fetch;

  async function call(method: 'comment-check' | 'submit-spam' | 'submit-ham', input: ClassifierInput, signal: AbortSignal) {
    const body = new URLSearchParams({ api_key: await options.apiKey(), ...akismetFields(input, options) });
    const response = await fetchImpl(`${endpoint}/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'User-Agent': 'comment-moderation-service/0.1 | Akismet/1.1',
      },
      body,
      signal,
    });
    const text = (await response.text()).trim();
    if (!response.ok) throw new AkismetError(`${method} answered HTTP ${response.status}`);
    if (text === 'invalid') throw new AkismetError(`invalid API key (${response.headers.get('x-akismet-debug-help') ?? 'no detail'})`);
    return { text, headers: response.headers };
  }

  return {
    kind: 'spam',
    provider: 'akismet',
    async classify(input, signal): Promise<Verdict> {
      const { text, headers } = await call('comment-check', input, signal);
      const alert = headers.get('x-akismet-alert-msg');
      const note = alert ? `Akismet alert: ${alert}` : undefined;
      if (text === 'true') {
        const discard = headers.get('x-akismet-pro-tip') === 'discard';
        return {
          score: discard ? 1 : 0.95,
          signal: discard ? 'blatant spam' : 'spam',
          provider: 'akismet',
          ...(discard ? { discard } : {}),
          ...(note ? { note } : {}),
        };
      }
      if (text === 'false') return { score: 0.05, signal: 'none', provider: 'akismet', ...(note ? { note } : {}) };
      throw new AkismetError(`comment-check answered "${text.slice(0, 60)}" (${headers.get('x-akismet-debug-help') ?? 'no detail'})`);
    },
    async reportSpam(input, signal) {
      const { text } = await call('submit-spam', input, signal);
      if (text !== THANKS) throw new AkismetError(`submit-spam answered "${text.slice(0, 60)}"`);
    },
    async reportHam(input, signal) {
      const { text } = await call('submit-ham', input, signal);
      if (text !== THANKS) throw new AkismetError(`submit-ham answered "${text.slice(0, 60)}"`);
    },
  };
}

/** The API key: `AKISMET_API_KEY` locally, the secret named by `AKISMET_API_KEY_SECRET_ARN` in the cloud (fetched once per cold start). */
export async function akismetApiKey(): Promise<string> {
  const key = (await secretKey('AKISMET_API_KEY')).trim();
  if (key === '' || key === AKISMET_KEY_PLACEHOLDER) throw new AkismetError('the Akismet API key is empty: put the key into the secret');
  return key;
}
