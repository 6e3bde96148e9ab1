import { Feed } from 'feed';
import { escapeHtml } from '../../postmortems/report/html-escape';
import { embedMarkdown } from '../../postmortems/report/markdown-text';
import { safeMarkdown } from '../../postmortems/report/safe-markdown';

const renderMarkdown = safeMarkdown('none');

/** The feed's path under the service's public address. */
export const FEED_PATH = '/public/postmortems.atom';

export interface FeedEntry {
  /** The publication's id: the entry's permanent Atom id, whatever its title or address becomes. */
  id: string;
  title: string;
  url: string;
  /** The Markdown written for the public. */
  summary: string;
  publishedAt: Date;
  updatedAt: Date;
}

export interface FeedOptions {
  /** The address the public pages are served under, e.g. `https://status.example.com`. */
  baseUrl: string;
  publisher: string;
  /** When the list last changed: the newest entry, or a publication withdrawn since. */
  updatedAt: Date;
}

/**
 * The Atom 1.0 feed of published post-mortems, newest first (the entries come in that order).
 * Entry ids are `urn:uuid:` of the publication, so a reader that has seen an entry knows it again
 * after a title change. Titles and content are given as HTML, escaped here.
 */
export function renderAtomFeed(entries: FeedEntry[], options: FeedOptions): string {
  const home = `${options.baseUrl}${FEED_PATH}`;
  const feed = new Feed({
    id: home,
    title: `Post-mortems published by ${options.publisher}`,
    updated: options.updatedAt,
    generator: false,
    author: { name: options.publisher },
    feedLinks: { atom: home },
  });
  for (const entry of entries) {
    feed.addItem({
      id: `urn:uuid:${entry.id}`,
      title: escapeHtml(entry.title),
      link: entry.url,
      date: entry.updatedAt,
      published: entry.publishedAt,
      content: renderMarkdown(embedMarkdown(entry.summary, 1)),
    });
  }
  return feed.atom1();
}
