/**
 * The import's reading and conversion, pure: the fixtures are written to the
 * formats' documentation (WXR 1.2 from WordPress's export.php, Disqus's
 * export schema) with the awkward cases in them.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportedComment } from '../../lambda/domain/imported-comment';
import { convert, importedCommentId } from '../../scripts/import/convert';
import { htmlToText } from '../../scripts/import/html-text';
import { detectFormat, readExport, UnknownFormat, type OpenChunks } from '../../scripts/import/read-export';
import type { ArticleIdSource, SourceItem } from '../../scripts/import/source-comment';
import { MalformedXml } from '../../scripts/import/xml-stream';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const fromFile =
  (name: string): OpenChunks =>
  () =>
    createReadStream(join(FIXTURES, name), { highWaterMark: 64 });
const fromText =
  (text: string): OpenChunks =>
  () =>
    [text][Symbol.iterator]() as unknown as AsyncIterable<string>;

async function read(open: OpenChunks, articleIdFrom: ArticleIdSource = 'slug'): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readExport(open, await detectFormat(open), articleIdFrom)) items.push(item);
  return items;
}

/** Every entry by source id: the converted comment, the skip reason or the problem. */
async function outcomes(open: OpenChunks, articleIdFrom: ArticleIdSource = 'slug') {
  const byId = new Map<string, ImportedComment | string>();
  const bad: string[] = [];
  for (const item of await read(open, articleIdFrom)) {
    if (item.kind === 'bad') {
      bad.push(`${item.at.line}: ${item.problem}`);
      continue;
    }
    const result = convert(item.comment);
    if (result.kind === 'comment') byId.set(item.comment.sourceId, result.comment);
    else if (result.kind === 'skip') byId.set(item.comment.sourceId, `skip: ${result.reason}`);
    else bad.push(`${item.comment.at.line}: ${result.problem}`);
  }
  return { byId, bad };
}

const wpId = (sourceId: string) => importedCommentId('wordpress', 'https://news.example', sourceId);

describe('detecting the format', () => {
  it('tells a WordPress export from a Disqus export by the root element and namespace', async () => {
    expect(await detectFormat(fromFile('wordpress.xml'))).toBe('wxr');
    expect(await detectFormat(fromFile('disqus.xml'))).toBe('disqus');
  });

  it('refuses an ordinary RSS feed, other XML and a file that is not XML, saying what it is', async () => {
    await expect(detectFormat(fromText('<rss version="2.0"><channel/></rss>'))).rejects.toThrow(/not a WordPress export/);
    await expect(detectFormat(fromText('<html><body/></html>'))).rejects.toThrow(/root element is <html>/);
    await expect(detectFormat(fromText('{"comments": []}'))).rejects.toBeInstanceOf(UnknownFormat);
  });
});

describe('a WordPress export (WXR)', () => {
  it('brings across text as readers saw it, the author, email, website, GMT date, parent and status', async () => {
    const { byId } = await outcomes(fromFile('wordpress.xml'));
    expect(byId.get('11')).toEqual({
      id: wpId('11'),
      parentId: null,
      articleId: 'putin-g20-negotiation-offer',
      author: 'Ivan & Co',
      email: 'ivan@example.com',
      url: null,
      comment:
        'Peskov said no… see the transcript (https://kremlin.example/transcript).\n\nFreezing the war only buys time.\n\nLine one\nline two & more',
      status: 'approved',
      createdAt: '2024-11-23T10:00:00.000Z',
      source: 'wordpress',
      sourceId: '11',
    });
    // A reply that comes before its parent in the file still points at it.
    expect(byId.get('12')).toMatchObject({
      parentId: wpId('11'),
      comment: 'Agreed, Ivan – a reply that comes before its parent in the file.',
    });
    expect(byId.get('12')).toMatchObject({ url: 'https://olena.example', createdAt: '2024-11-23T11:05:00.000Z' });
  });

  it('reads plain escaped text as well as CDATA, and maps pending and spam', async () => {
    const { byId } = await outcomes(fromFile('wordpress.xml'));
    expect(byId.get('13')).toMatchObject({ status: 'pending', comment: 'Plain escaped text, no CDATA: I doubt it & so do they.' });
    // "example.com" is not an http(s) address: the website is left out, the comment kept.
    expect(byId.get('13')).toMatchObject({ url: null });
    expect(byId.get('14')).toMatchObject({ status: 'spam' });
  });

  it('skips trash, comments on trashed posts, pingbacks and trackbacks', async () => {
    const { byId } = await outcomes(fromFile('wordpress.xml'), 'id');
    expect(byId.get('15')).toBe('skip: trash');
    expect(byId.get('22')).toBe('skip: on a trashed post');
    expect(byId.get('16')).toBe('skip: pingback');
    expect(byId.get('17')).toBe('skip: trackback');
  });

  it('falls back to comment_date when comment_date_gmt is zero, and keeps a comment without an email', async () => {
    const items = await read(fromFile('wordpress.xml'));
    const old = items.find((item) => item.kind === 'comment' && item.comment.sourceId === '18');
    expect(old?.kind === 'comment' && old.comment.notes).toEqual([
      'date taken from wp:comment_date (site time; wp:comment_date_gmt is empty)',
    ]);
    const { byId } = await outcomes(fromFile('wordpress.xml'));
    expect(byId.get('18')).toMatchObject({ createdAt: '2009-05-01T08:30:00.000Z', email: null });
  });

  it('reports bad entries with their line: no id, an empty comment', async () => {
    const bad = (await outcomes(fromFile('wordpress.xml'))).bad.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    const text = readFileSync(join(FIXTURES, 'wordpress.xml'), 'utf8').split('\n');
    const lineOf = (needle: string) => text.findIndex((line) => line.includes(needle)) + 1;
    expect(bad).toEqual([
      `${lineOf('<wp:comment_id>19<') - 1}: the comment is empty`,
      `${lineOf('No Id') - 1}: wp:comment_id is missing or not a number`,
    ]);
  });

  it('takes article ids from the post id or the link when asked', async () => {
    expect((await outcomes(fromFile('wordpress.xml'), 'id')).byId.get('21')).toMatchObject({ articleId: '102', author: 'Тарас' });
    // A percent-encoded Cyrillic slug, spelled byte by byte.
    expect((await outcomes(fromFile('wordpress.xml'))).byId.get('21')).toMatchObject({ articleId: expect.stringMatching(/^_D0_BF_D0_B5/) });
    expect((await outcomes(fromFile('wordpress.xml'), 'link')).byId.get('11')).toMatchObject({ articleId: 'putin-g20-negotiation-offer' });
  });

  it('reads WXR 1.1 and any namespace prefix the same way', async () => {
    const wxr = `<rss xmlns:x="http://wordpress.org/export/1.1/"><channel><x:base_site_url>https://old.example</x:base_site_url>
      <item><x:post_name>old-post</x:post_name><x:comment><x:comment_id>5</x:comment_id><x:comment_author>A</x:comment_author>
      <x:comment_author_email>a@example.com</x:comment_author_email><x:comment_date_gmt>2010-01-02 03:04:05</x:comment_date_gmt>
      <x:comment_content>Hi</x:comment_content><x:comment_approved>1</x:comment_approved></x:comment></item></channel></rss>`;
    const { byId } = await outcomes(fromText(wxr));
    expect(byId.get('5')).toMatchObject({ articleId: 'old-post', comment: 'Hi', createdAt: '2010-01-02T03:04:05.000Z' });
  });

  it('gives the same entries whatever the chunk size, also when a chunk ends inside a character', async () => {
    const whole = await read(fromFile('wordpress.xml'));
    const bytes = readFileSync(join(FIXTURES, 'wordpress.xml'));
    const tiny: OpenChunks = async function* () {
      for (let i = 0; i < bytes.length; i += 5) yield bytes.subarray(i, i + 5);
    };
    expect(await read(tiny)).toEqual(whole);
  });

  it('stops at the first place the file is not well-formed, after handing on what came before', async () => {
    const broken = `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><wp:post_name>p</wp:post_name><wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>A</wp:comment_author>
<wp:comment_author_email>a@example.com</wp:comment_author_email><wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt>
<wp:comment_content>ok</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment></item>
<item><wp:comment><wp:comment_id>2</wp:comment_id></wp:comment_author></item>`;
    const open = fromText(broken);
    const seen: SourceItem[] = [];
    const error = await (async () => {
      for await (const item of readExport(open, 'wxr', 'slug')) seen.push(item);
    })().catch((e: unknown) => e);
    expect(seen.map((item) => item.kind === 'comment' && item.comment.sourceId)).toEqual(['1']);
    expect(error).toBeInstanceOf(MalformedXml);
    expect((error as MalformedXml).at.line).toBe(5);
  });
});

describe('a Disqus export', () => {
  const dsqId = (sourceId: string) => importedCommentId('disqus', 'kyivdaily', sourceId);

  it('brings across posts with the thread link path as article id, replies before parents, spam', async () => {
    const { byId } = await outcomes(fromFile('disqus.xml'));
    expect(byId.get('7001')).toEqual({
      id: dsqId('7001'),
      parentId: null,
      articleId: 'putin-g20-negotiation-offer',
      author: 'Ivan',
      email: 'ivan@example.com',
      url: null,
      comment: 'First!\nRead https://kremlin.example/transcript\n\n…and weep',
      status: 'approved',
      createdAt: '2024-11-23T10:00:00.000Z',
      source: 'disqus',
      sourceId: '7001',
    });
    expect(byId.get('7002')).toMatchObject({ parentId: dsqId('7001'), comment: 'Replying before the parent appears & that is fine.' });
    expect(byId.get('7003')).toMatchObject({ author: 'Guest', email: null });
    expect(byId.get('7004')).toMatchObject({ status: 'spam' });
  });

  it('skips deleted posts and posts on deleted threads; reports a missing thread and a bad date', async () => {
    const { byId, bad } = await outcomes(fromFile('disqus.xml'));
    expect(byId.get('7005')).toBe('skip: deleted');
    expect(byId.get('7006')).toBe('skip: deleted');
    expect(bad).toEqual([expect.stringMatching(/thread 9999 is not in the file/), expect.stringMatching(/no valid date/)]);
  });

  it('takes the article id from the thread identifier when asked: the post id of the WordPress plugin\'s "N url"', async () => {
    const { byId } = await outcomes(fromFile('disqus.xml'), 'id');
    expect(byId.get('7001')).toMatchObject({ articleId: '101' });
  });
});

describe('comment HTML as text', () => {
  it('keeps what readers saw and the addresses links pointed to, and nothing hidden', () => {
    expect(htmlToText('<em>a</em> &amp; <code>b &lt; c</code>')).toBe('a & b < c');
    expect(htmlToText('<a href="https://x.example/a?b=1&amp;c=2">here</a>')).toBe('here (https://x.example/a?b=1&c=2)');
    expect(htmlToText('<a href="javascript:alert(1)">click</a>')).toBe('click');
    expect(htmlToText('<a href="https://x.example/">https://x.example</a>')).toBe('https://x.example/');
    expect(htmlToText('x<script>alert(1)</script><style>p{}</style>y<!-- note -->z')).toBe('xyz');
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('one\ntwo');
    expect(htmlToText('&bogus; &#0; &#x1F600; &hellip;')).toBe('&bogus; &#0; 😀 …');
  });
});

describe('comment HTML as readers saw it, on real sites', () => {
  it('shows WordPress word smilies as the pictures readers saw, and leaves other colons alone', () => {
    expect(htmlToText('Great :mrgreen: and :roll: too :!:')).toBe('Great 😀 and 🙄 too ❗');
    expect(htmlToText('Ratio 3:roll:4 and note:smile:')).toBe('Ratio 3:roll:4 and note:smile:');
  });

  it('starts a new paragraph after an <address> and the other blocks, so words do not run together', () => {
    expect(htmlToText('<address>Springfield, United States</address><strong>Anchor Tag</strong>')).toBe(
      'Springfield, United States\n\nAnchor Tag',
    );
    expect(htmlToText('one<hr>two<section>three</section>')).toBe('one\n\ntwo\n\nthree');
  });

  it('shows a link Disqus shortened with dots once, as its full address', () => {
    expect(htmlToText('<a href="http://blog.example/%E5%96%9C%E6%AC%A2%E6%A5%BC%E4%B8%BB">http://blog.example/喜欢...</a>')).toBe(
      'http://blog.example/%E5%96%9C%E6%AC%A2%E6%A5%BC%E4%B8%BB',
    );
    expect(htmlToText('<a href="https://x.example/a-long-path">https://x.example/a-lo…</a>')).toBe('https://x.example/a-long-path');
    expect(htmlToText('<a href="https://x.example/b">see more...</a>')).toBe('see more... (https://x.example/b)');
  });

  it('keeps the numbers of ordered lists, a nested one numbered on its own', () => {
    expect(htmlToText('<ol><li>first</li><li>second<ol><li>inner</li></ol></li><li>third</li></ol>')).toBe(
      '1. first\n2. second\n\n1. inner\n\n3. third',
    );
  });
});
