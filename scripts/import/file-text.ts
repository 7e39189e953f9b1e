/**
 * The bytes of an export file as text: gzip-compressed files (as Disqus
 * mails them) are read through gunzip, and the character encoding is the
 * one the file declares, unless the file is valid UTF-8 anyway (WordPress
 * writes UTF-8 whatever its declaration says). Streaming throughout.
 */
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';

/** Opens the file afresh, as bytes (or text, in tests). */
export type OpenChunks = () => AsyncIterable<string | Buffer>;

export class UnreadableText extends Error {}

const GZIP_MAGIC = [0x1f, 0x8b];

/** The file's chunks, gunzipped when the first bytes say it is gzip-compressed. */
export function withGunzip(open: OpenChunks): OpenChunks {
  return async function* () {
    const chunks = (async function* () {
      yield* open();
    })();
    const first = await chunks.next();
    if (first.done) return;
    const rest: AsyncIterable<string | Buffer> = { [Symbol.asyncIterator]: () => chunks };
    const head = first.value;
    const gzip = typeof head !== 'string' && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    if (!gzip) {
      yield head;
      yield* rest;
      return;
    }
    async function* all() {
      yield head;
      yield* rest;
    }
    yield* Readable.from(all()).pipe(createGunzip()) as AsyncIterable<Buffer>;
  };
}

/** The encoding named in the XML declaration, lower-cased, or null when there is none. */
export async function declaredEncoding(open: OpenChunks): Promise<string | null> {
  let head = '';
  for await (const chunk of open()) {
    head += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (head.length >= 400) break;
  }
  const declaration = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return declaration ? declaration[1]!.toLowerCase() : null;
}

async function isUtf8(open: OpenChunks): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of open()) if (typeof chunk !== 'string') decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

export interface TextEncodingChoice {
  /** A label TextDecoder knows. */
  encoding: string;
  note: string | null;
}

/** Which encoding to read the file in, and what to tell the user about it. */
export async function chooseEncoding(open: OpenChunks): Promise<TextEncodingChoice> {
  const declared = await declaredEncoding(open);
  if (declared === null || declared === 'utf-8' || declared === 'utf8') return { encoding: 'utf-8', note: null };
  let label: string;
  try {
    label = new TextDecoder(declared).encoding;
  } catch {
    throw new UnreadableText(
      `The file declares the encoding "${declared}", which the importer cannot read: save it as UTF-8 and import it again.`,
    );
  }
  if (label === 'utf-8') return { encoding: 'utf-8', note: null };
  if (await isUtf8(open))
    return { encoding: 'utf-8', note: `the file declares ${declared} but is UTF-8 (as WordPress writes it): read as UTF-8` };
  return { encoding: label, note: `read as ${label}, the encoding the file declares` };
}
