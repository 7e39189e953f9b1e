/**
 * Which site a comment is from, which posts' comments readers could see, and
 * which article a comment lands on: WordPress.com blogs sharing one
 * base_site_url, protected and closed posts, Disqus threads with non-ASCII
 * links, "?p=N" identifiers and index.html pages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleIdOfText, parseArticleIdMap } from '../../scripts/import/article-ids';
import { ARTICLE_ID_PATTERN } from '../../lambda/domain/submission-rules';
import type { ImportedComment } from '../../lambda/domain/imported-comment';
import { fromFile, IMPORT_FIXTURES, outcomesOf, readItems } from '../support/import-read';
import { prepareExport, readExport } from '../../scripts/import/read-export';

const comment = (value: ImportedComment | string | undefined) => value as ImportedComment;

describe('comments of two WordPress.com blogs', () => {
  it('get different ids although both exports name the same base site and comment id', async () => {
    const first = comment((await outcomesOf(fromFile('wordpress-com.xml'))).byId.get('168'));
    const second = comment((await outcomesOf(fromFile('wordpress-com-second-blog.xml'))).byId.get('168'));
    expect(first.comment).not.toBe(second.comment);
    expect(first.id).not.toBe(second.id);
  });
});

describe('post states', () => {
  it('keep comments of password-protected, private and draft posts out, and say why', async () => {
    const { byId } = await outcomesOf(fromFile('post-states.xml'));
    expect(byId.get('1')).toBe('skip: on a password-protected post');
    expect(byId.get('2')).toBe('skip: on a private or unpublished post');
    expect(byId.get('3')).toBe('skip: on a private or unpublished post');
    expect(byId.get('5')).toMatchObject({ articleId: 'fresh-news', status: 'approved' });
  });

  it('mark the articles whose comments were closed at the source', async () => {
    const closedById = new Map<string, boolean>();
    for (const item of await readItems(fromFile('post-states.xml')))
      if (item.kind === 'comment') closedById.set(`${item.comment.sourceId}@${item.comment.articleId}`, item.comment.articleClosed);
    expect(closedById.get('4@old-news')).toBe(true);
    expect(closedById.get('5@fresh-news')).toBe(false);
    const threads = new Map<string, boolean>();
    for (const item of await readItems(fromFile('disqus-threads.xml')))
      if (item.kind === 'comment') threads.set(item.comment.sourceId, item.comment.articleClosed);
    expect(threads.get('101')).toBe(true);
    expect(threads.get('102')).toBe(false);
  });
});

describe('article ids', () => {
  it('spell a non-ASCII slug or link byte by byte, so every article can be imported', async () => {
    const { byId, bad } = await outcomesOf(fromFile('disqus-threads.xml'));
    expect(bad).toEqual([]);
    expect(comment(byId.get('102')).articleId).toBe('pat1010_E2_80_94radix');
    expect(comment(byId.get('103')).articleId).toBe('_E4_BD_A0_E5_A5_BD_E4_B8_96_E7_95_8C');
    for (const value of byId.values()) expect(comment(value).articleId).toMatch(ARTICLE_ID_PATTERN);
    // The Cyrillic slug of the WordPress fixture, percent-encoded there, is importable too.
    expect(articleIdOfText('%d0%bf%d1%80%d0%be')).toBe('_D0_BF_D1_80_D0_BE');
  });

  it('take the post id out of "?p=N" links and the page out of ".../index.html"', async () => {
    const { byId } = await outcomesOf(fromFile('disqus-threads.xml'));
    expect(comment(byId.get('101')).articleId).toBe('198');
    expect(comment(byId.get('104')).articleId).toBe('about');
    expect(comment(byId.get('105')).articleId).toBe('tags');
  });

  it('take the WordPress post id out of the Disqus plugin\'s "N url" thread identifiers', async () => {
    const { byId } = await outcomesOf(fromFile('disqus-threads.xml'), 'id');
    expect(comment(byId.get('101')).articleId).toBe('198');
  });

  it('come from an --article-id-map file where it names the link, slug or id', async () => {
    const map = parseArticleIdMap(readFileSync(join(IMPORT_FIXTURES, 'article-ids.csv'), 'utf8'));
    const file = await prepareExport(fromFile('disqus-threads.xml'));
    const ids = new Map<string, string | null>();
    for await (const item of readExport(file.open, file.format, 'slug', { articleIdMap: map }))
      if (item.kind === 'comment') ids.set(item.comment.sourceId, item.comment.articleId);
    expect(ids.get('103')).toBe('hello-world');
    expect(ids.get('104')).toBe('about');
    expect(() => parseArticleIdMap('no comma here')).toThrow(/line 1/);
  });
});
