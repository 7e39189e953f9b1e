/**
 * The import benchmark's export: a WordPress file (WXR 1.2) with the shape
 * of a real site's, written as a stream. A few hot articles hold 30 % of the
 * comments (10 % each), most articles have a handful; a third of the
 * comments are replies (threads several deep, now and then a reply before
 * its parent in the file); names, texts and some slugs are not ASCII;
 * 85 % approved, 10 % pending, 5 % spam; 1,000 distinct authors. Seeded:
 * the same N gives the same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../lambda/domain/triage/site/random';

const HOT_ARTICLES = 3;
const HOT_SHARE = 0.1;
const AUTHORS = 1_000;
const NAMES = ['Olena', 'Ivan', 'Zoë', 'Mária', '李明', 'Дмитро', 'Aoife', 'Jürgen', 'Sam', 'Priya', 'Ngozi', 'Łukasz'];
const SENTENCES = [
  'The negotiations went nowhere again.',
  'A typical comment is a couple of sentences long, like this one.',
  'Переговори знову нічого не дали.',
  '这篇文章写得很好，谢谢分享。',
  'Thanks for the update 👍',
  'I read the transcript and disagree with the summary.',
  'Ça ne change rien pour nous.',
  'Who pays for this in the end?',
];

const random = seededRandom;

/** Comments per article: the hot ones first, then a handful each (1–12, mostly 1–4). */
export function articleSizes(count: number, next: () => number = random(7)): number[] {
  const hot = Math.max(1, Math.floor(count * HOT_SHARE));
  const sizes: number[] = [];
  let left = count;
  for (let i = 0; i < HOT_ARTICLES && left > 0; i += 1) {
    const size = Math.min(hot, left);
    sizes.push(size);
    left -= size;
  }
  while (left > 0) {
    let size = 1;
    while (size < 12 && next() < 0.65) size += 1;
    size = Math.min(size, left);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export async function writeExport(path: string, count: number): Promise<void> {
  const next = random(count);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>\n',
  );
  let id = 0;
  for (const [post, size] of articleSizes(count).entries()) {
    // One article in twenty has a non-ASCII slug, percent-encoded as WordPress stores it.
    const slug = post % 20 === 19 ? `${encodeURIComponent('новини')}-${post}` : `post-${post}`;
    await write(
      `<item><link>https://bench.example/${slug}/</link><wp:post_id>${post + 1}</wp:post_id><wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:comment_status>open</wp:comment_status>\n`,
    );
    const first = id + 1;
    const comments: string[] = [];
    for (let n = 0; n < size; n += 1) {
      id += 1;
      // A third reply to an earlier comment of the same article: threads grow several deep.
      const parent = id > first && next() < 0.33 ? first + Math.floor(next() * (id - first)) : 0;
      comments.push(commentXml(id, parent, next));
    }
    // Now and then a reply comes before its parent in the file.
    for (let n = 6; n + 1 < comments.length; n += 8) [comments[n], comments[n + 1]] = [comments[n + 1]!, comments[n]!];
    for (const comment of comments) await write(comment);
    await write('</item>\n');
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

function commentXml(id: number, parent: number, next: () => number): string {
  const n = id - 1;
  const status = n % 20 === 19 ? 'spam' : n % 10 === 9 ? '0' : '1';
  const author = n % AUTHORS;
  const name = `${NAMES[author % NAMES.length]} ${author}`;
  const date = new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString().replace('T', ' ').slice(0, 19);
  const sentences = 1 + Math.floor(next() * 3);
  const text = Array.from({ length: sentences }, () => SENTENCES[Math.floor(next() * SENTENCES.length)]).join(' ');
  const link = next() < 0.2 ? ` <a href="https://source.example/${id}">source</a>` : '';
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[${name}]]></wp:comment_author>
<wp:comment_author_email>reader${author}@example.com</wp:comment_author_email><wp:comment_author_url>https://reader${author}.example</wp:comment_author_url>
<wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content><![CDATA[<p>Comment ${id}: ${text}${link}</p>]]></wp:comment_content>
<wp:comment_approved>${status}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
}
