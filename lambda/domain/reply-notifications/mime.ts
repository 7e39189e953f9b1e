/**
 * A mail as an RFC 5322 message: what SES sends (raw) and what the local
 * outbox writes as an .eml file, byte for byte the same. The body is
 * base64 UTF-8 text, so no reader text can end a header or the message;
 * header values are ours, but any line break in them is refused anyway.
 */
import { randomBytes } from 'node:crypto';
import type { OutgoingMail } from './mail';

/** RFC 2047 encoded word for a header value that is not plain ASCII. */
function headerValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('a mail header value may not contain a line break');
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

const wrap = (base64: string) => base64.match(/.{1,76}/g)?.join('\r\n') ?? '';

export function toMime(mail: OutgoingMail, at: Date = new Date()): string {
  const domain = mail.from.slice(mail.from.lastIndexOf('@') + 1).replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  const headers: Array<[string, string]> = [
    ['From', mail.from],
    ['To', mail.to],
    ['Subject', mail.subject],
    ['Date', at.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${randomBytes(12).toString('hex')}@${domain}>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=UTF-8'],
    ['Content-Transfer-Encoding', 'base64'],
    ...Object.entries(mail.headers),
  ];
  const head = headers.map(([name, value]) => `${name}: ${headerValue(value)}`).join('\r\n');
  return `${head}\r\n\r\n${wrap(Buffer.from(mail.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64'))}\r\n`;
}
