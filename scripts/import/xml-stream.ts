/**
 * A thin streaming layer over saxes: the file is fed chunk by chunk, the
 * format reader sees element starts (with where they are in the file), text
 * (CDATA included) and element ends, and what it emits is handed out as an
 * async iterator between chunks. Nothing holds more than one chunk plus the
 * current entry.
 */
import { SaxesParser } from 'saxes';

/** 1-based line and column of an element's start tag. */
export interface Location {
  line: number;
  column: number;
}

export const formatLocation = (at: Location) => `${at.line}:${at.column}`;

export interface ElementStart {
  uri: string;
  local: string;
  /** Attributes by namespace URI and local name: `${uri} ${local}` (an unprefixed attribute has uri ""). */
  attributes: Map<string, string>;
  at: Location;
}

export interface XmlReader<T> {
  open(element: ElementStart, emit: (item: T) => void): void;
  text(text: string): void;
  close(element: { uri: string; local: string }, emit: (item: T) => void): void;
}

/** The file is not well-formed XML from this point on; what came before it was read. */
export class MalformedXml extends Error {
  constructor(
    readonly reason: string,
    readonly at: Location,
  ) {
    super(`${formatLocation(at)}: ${reason}`);
  }
}

/** Stops reading early (the reader has seen what it needs). */
export class StopReading extends Error {}

export const attributeKey = (uri: string, local: string) => `${uri} ${local}`;

export interface ReadXmlOptions {
  /** A TextDecoder label; bytes that are not valid in it stop the reading with their line. Default utf-8. */
  encoding?: string;
  /** Drop the characters XML 1.0 forbids (and tell `onDropped`) instead of stopping there. */
  lenient?: boolean;
  onDropped?: (codePoint: number) => void;
}

// C0 controls other than tab, newline and carriage return, and the two non-characters: never allowed in XML 1.0.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const codePointName = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** Runs `reader` over the XML in `chunks`, yielding what it emits as soon as each chunk is parsed. */
export async function* readXml<T>(
  chunks: AsyncIterable<string | Buffer>,
  reader: XmlReader<T>,
  options: ReadXmlOptions = {},
): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const pending: T[] = [];
  const emit = (item: T) => pending.push(item);
  let failure: MalformedXml | StopReading | undefined;
  let tagStart: Location = { line: 1, column: 1 };
  const here = (): Location => ({ line: parser.line, column: Math.max(1, parser.column) });

  parser.on('opentagstart', (tag) => {
    // The parser stands just after "<name": step back to the "<".
    tagStart = { line: parser.line, column: Math.max(1, parser.column - tag.name.length) };
  });
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) attributes.set(attributeKey(attribute.uri, attribute.local), attribute.value);
    guard(() => reader.open({ uri: tag.uri, local: tag.local, attributes, at: tagStart }, emit));
  });
  parser.on('text', (text) => guard(() => reader.text(text)));
  parser.on('cdata', (text) => guard(() => reader.text(text)));
  parser.on('closetag', (tag) => guard(() => reader.close({ uri: tag.uri, local: tag.local }, emit)));
  parser.on('error', (error) => {
    const reason = reasonOf(error.message);
    // Old WordPress.com exports use <atom:link> without declaring "atom": the element is kept under its prefix.
    if (reason.startsWith('unbound namespace prefix')) return;
    failure ??= new MalformedXml(reason, here());
  });

  function guard(step: () => void): void {
    if (failure) return;
    try {
      step();
    } catch (error) {
      if (error instanceof StopReading) failure = error;
      else throw error;
    }
  }

  /** Feeds decoded text, dropping or stopping at characters XML forbids. */
  function feed(text: string): void {
    let from = 0;
    for (const match of text.matchAll(FORBIDDEN)) {
      const index = match.index ?? 0;
      const codePoint = match[0].codePointAt(0) ?? 0;
      parser.write(text.slice(from, index));
      from = index + 1;
      if (options.lenient) {
        options.onDropped?.(codePoint);
        continue;
      }
      const at = here();
      failure ??= new MalformedXml(`the character ${codePointName(codePoint)} is not allowed in XML (--lenient drops such characters)`, {
        line: at.line,
        column: at.column + 1,
      });
      return;
    }
    parser.write(text.slice(from));
  }

  // A multi-byte character can straddle two chunks: the decoder carries it over.
  const encoding = options.encoding ?? 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal: true });
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') feed(chunk);
    else {
      try {
        feed(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        // Feed what precedes the first bad byte, so the position names its line.
        const loose = new TextDecoder(encoding).decode(chunk);
        feed(loose.slice(0, Math.max(0, loose.indexOf('\uFFFD'))));
        failure ??= new MalformedXml(`the bytes here are not valid ${encoding} text (save the file as UTF-8)`, here());
      }
    }
    yield* pending.splice(0);
    if (failure) break;
  }
  if (!failure) {
    parser.close();
    yield* pending.splice(0);
  }
  if (failure instanceof MalformedXml) throw failure;
}

/** saxes prefixes its messages with "[file:]line:column: "; the location is reported separately. */
const reasonOf = (message: string) => message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
