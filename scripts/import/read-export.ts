/**
 * Reads an export file as a stream of source comments: detects the format
 * from its root element (<rss> with the WordPress export namespace, or
 * <disqus>), then hands the file to that format's reader.
 */
import type { ArticleIdMap } from './article-ids';
import { DISQUS_NAMESPACE, DisqusPostReader, DisqusThreadReader } from './disqus';
import { chooseEncoding, type OpenChunks, withGunzip } from './file-text';
import type { ArticleIdSource, ExportFormat, SourceItem } from './source-comment';
import { isWordPressNamespace, WxrReader } from './wxr';
import { MalformedXml, type ReadXmlOptions, readXml, StopReading, type ElementStart, type XmlReader } from './xml-stream';

export type { OpenChunks } from './file-text';

export class UnknownFormat extends Error {}

/** Reads as far as the root element and the namespaces it declares. */
class RootReader implements XmlReader<never> {
  root: ElementStart | undefined;
  wpNamespace = false;

  open(element: ElementStart): void {
    this.root = element;
    for (const [key, value] of element.attributes) {
      if (key.startsWith('http://www.w3.org/2000/xmlns/ ') && isWordPressNamespace(value)) this.wpNamespace = true;
    }
    throw new StopReading();
  }
  text(): void {}
  close(): void {}
}

export async function detectFormat(open: OpenChunks): Promise<ExportFormat> {
  const reader = new RootReader();
  try {
    // Only the root element is needed, its name is ASCII: a single-byte reading never fails on the encoding.
    for await (const _ of readXml(withGunzip(open)(), reader, { lenient: true, encoding: 'windows-1252' })) {
      // The root reader emits nothing.
    }
  } catch (error) {
    if (!(error instanceof MalformedXml)) throw error;
    throw new UnknownFormat(`This is not an XML file (${error.reason.replace(/\.$/, '')}).`);
  }
  const root = reader.root;
  if (root?.local === 'rss' && reader.wpNamespace) return 'wxr';
  if (root?.local === 'disqus' && root.uri === DISQUS_NAMESPACE) return 'disqus';
  if (root?.local === 'rss') throw new UnknownFormat('This RSS file is not a WordPress export (no wordpress.org/export/ namespace).');
  throw new UnknownFormat(
    `This is neither a WordPress export (<rss> with the WordPress export namespace) nor a Disqus export (<disqus>); its root element is <${root?.local ?? 'none'}>.`,
  );
}

/** A file ready to read: decompressed, its format and encoding known, and what to tell the user about them. */
export interface PreparedExport {
  open: OpenChunks;
  format: ExportFormat;
  encoding: string;
  notes: string[];
}

export async function prepareExport(rawOpen: OpenChunks): Promise<PreparedExport> {
  const open = withGunzip(rawOpen);
  const format = await detectFormat(open);
  const { encoding, note } = await chooseEncoding(open);
  return { open, format, encoding, notes: note ? [note] : [] };
}

export interface ReadExportOptions extends Pick<ReadXmlOptions, 'encoding' | 'lenient' | 'onDropped'> {
  articleIdMap?: ArticleIdMap;
}

export async function* readExport(
  rawOpen: OpenChunks,
  format: ExportFormat,
  articleIdFrom: ArticleIdSource,
  options: ReadExportOptions = {},
): AsyncGenerator<SourceItem> {
  const open = withGunzip(rawOpen);
  if (format === 'wxr') {
    yield* readXml(open(), new WxrReader(articleIdFrom, options.articleIdMap), options);
    return;
  }
  const threads = new DisqusThreadReader();
  // Pass 1 only collects threads (those before a problem in the file); pass 2 reports the problem, once.
  try {
    for await (const _ of readXml(open(), threads, { ...options, onDropped: undefined })) {
      // Nothing is emitted.
    }
  } catch (error) {
    if (!(error instanceof MalformedXml)) throw error;
  }
  yield* readXml(open(), new DisqusPostReader(threads.threads, articleIdFrom, options.articleIdMap), options);
}
