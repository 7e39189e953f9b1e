/**
 * Reads an export file as a stream of source comments: detects the format
 * from its root element (<rss> with the WordPress export namespace, or
 * <disqus>), then hands the file to that format's reader.
 */
import { DISQUS_NAMESPACE, DisqusPostReader, DisqusThreadReader } from './disqus';
import type { ArticleIdSource, ExportFormat, SourceItem } from './source-comment';
import { WxrReader } from './wxr';
import { MalformedXml, readXml, StopReading, type ElementStart, type XmlReader } from './xml-stream';

/** Opens the file afresh (Disqus exports are read twice). */
export type OpenChunks = () => AsyncIterable<string | Buffer>;

export class UnknownFormat extends Error {}

/** Reads as far as the root element and the namespaces it declares. */
class RootReader implements XmlReader<never> {
  root: ElementStart | undefined;
  wpNamespace = false;

  open(element: ElementStart): void {
    this.root = element;
    for (const [key, value] of element.attributes) {
      if (key.startsWith('http://www.w3.org/2000/xmlns/ ') && /^http:\/\/wordpress\.org\/export\/1\.\d+\/$/.test(value))
        this.wpNamespace = true;
    }
    throw new StopReading();
  }
  text(): void {}
  close(): void {}
}

export async function detectFormat(open: OpenChunks): Promise<ExportFormat> {
  const reader = new RootReader();
  try {
    for await (const _ of readXml(open(), reader)) {
      // The root reader emits nothing.
    }
  } catch (error) {
    if (!(error instanceof MalformedXml)) throw error;
    throw new UnknownFormat(`This is not an XML file (${error.message}).`);
  }
  const root = reader.root;
  if (root?.local === 'rss' && reader.wpNamespace) return 'wxr';
  if (root?.local === 'disqus' && root.uri === DISQUS_NAMESPACE) return 'disqus';
  if (root?.local === 'rss')
    throw new UnknownFormat('This RSS file is not a WordPress export (no http://wordpress.org/export/ namespace).');
  throw new UnknownFormat(
    `This is neither a WordPress export (<rss> with the WordPress export namespace) nor a Disqus export (<disqus>); its root element is <${root?.local ?? 'none'}>.`,
  );
}

export async function* readExport(open: OpenChunks, format: ExportFormat, articleIdFrom: ArticleIdSource): AsyncGenerator<SourceItem> {
  if (format === 'wxr') {
    yield* readXml(open(), new WxrReader(articleIdFrom));
    return;
  }
  const threads = new DisqusThreadReader();
  for await (const _ of readXml(open(), threads)) {
    // Pass 1 only collects threads.
  }
  yield* readXml(open(), new DisqusPostReader(threads.threads, articleIdFrom));
}
