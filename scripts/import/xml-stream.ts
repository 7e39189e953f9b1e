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

/** Runs `reader` over the XML in `chunks`, yielding what it emits as soon as each chunk is parsed. */
export async function* readXml<T>(chunks: AsyncIterable<string | Buffer>, reader: XmlReader<T>): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const pending: T[] = [];
  const emit = (item: T) => pending.push(item);
  let failure: MalformedXml | StopReading | undefined;
  let tagStart: Location = { line: 1, column: 1 };

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
    failure ??= new MalformedXml(reasonOf(error.message), { line: parser.line, column: parser.column + 1 });
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

  // A multi-byte character can straddle two chunks: the decoder carries it over.
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    yield* pending.splice(0);
    if (failure) break;
  }
  if (!failure) {
    parser.close();
    yield* pending.splice(0);
  }
  if (failure instanceof MalformedXml) throw failure;
}

/** saxes prefixes its messages with "file:line:column: "; the location is reported separately. */
const reasonOf = (message: string) => message.replace(/^[^:]*:\d+:\d+: /, '');
