import { describe, expect, it } from 'vitest';
import { confirmationMail, excerpt, replyMail } from '../../../lambda/domain/reply-notifications/mail';
import { toMime } from '../../../lambda/domain/reply-notifications/mime';

const links = {
  from: 'comments@news.example.com',
  apiUrl: 'https://api.example.com/api',
  articleUrl: (id: string) => `https://news.example.com/${id}`,
};

function parse(mime: string) {
  const [head, body] = mime.split('\r\n\r\n') as [string, string];
  const headers = head.split('\r\n');
  return { headers, text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
}

describe('reply mail', () => {
  const reply = { articleId: 'g20', replierName: 'Bob', replyText: 'I disagree.\nHere is why.' };

  it('names the replier, quotes the reply, links the article and carries one-click unsubscribe headers', () => {
    const mail = replyMail(links, 'ann@example.com', reply, 'v1.TOKEN.SIG');
    expect(mail.text).toContain('Bob replied to your comment:');
    expect(mail.text).toContain('> I disagree.\n> Here is why.');
    expect(mail.text).toContain('https://news.example.com/g20');
    expect(mail.text).toContain('https://api.example.com/api/subscriptions/unsubscribe?token=v1.TOKEN.SIG');
    expect(mail.headers).toEqual({
      'List-Unsubscribe': '<https://api.example.com/api/subscriptions/unsubscribe?token=v1.TOKEN.SIG>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('quotes the first 300 characters (not bytes, no half emoji) and hides anything shaped like an address', () => {
    const long = `${'🙂'.repeat(299)}é and more`;
    expect(Array.from(excerpt(long))).toHaveLength(301);
    expect(excerpt(long).endsWith('é…')).toBe(true);
    expect(excerpt('short')).toBe('short');
    const mail = replyMail(
      links,
      'ann@example.com',
      { ...reply, replierName: 'bob@evil.example', replyText: 'mail me: bob@evil.example' },
      't',
    );
    expect(mail.text).not.toContain('bob@evil.example');
    expect(mail.text).toContain('[email hidden] replied');
  });

  it('keeps reader text out of the headers: a name with line breaks cannot add one', () => {
    const mime = toMime(replyMail(links, 'ann@example.com', { ...reply, replierName: 'Bob\r\nBcc: victim@example.com' }, 't'));
    const { headers, text } = parse(mime);
    expect(headers.some((h) => /^bcc:/i.test(h))).toBe(false);
    expect(headers).toContain('Subject: New reply to your comment');
    expect(text).toContain('Bcc: [email hidden] replied'); // harmless, inside the base64 body
  });
});

describe('confirmation mail', () => {
  it('holds the confirm link and no unsubscribe headers, and its MIME is plain UTF-8 text', () => {
    const mail = confirmationMail(links, 'ann@example.com', 'v1.C.S');
    const mime = toMime(mail, new Date('2030-03-01T12:00:00Z'));
    const { headers, text } = parse(mime);
    expect(headers).toEqual(
      expect.arrayContaining([
        'From: comments@news.example.com',
        'To: ann@example.com',
        'Date: Fri, 01 Mar 2030 12:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
      ]),
    );
    expect(headers.some((h) => h.startsWith('List-Unsubscribe'))).toBe(false);
    expect(text).toContain('https://api.example.com/api/subscriptions/confirm?token=v1.C.S');
    expect(text).toContain('nothing else will be sent');
  });

  it('refuses a header value with a line break', () => {
    expect(() => toMime({ ...confirmationMail(links, 'a@example.com\r\nBcc: x@example.com', 't') })).toThrow(/line break/);
  });
});
