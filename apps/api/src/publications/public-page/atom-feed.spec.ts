import { describe, expect, it } from '@jest/globals';
import { atomProblems } from '@app/testing/atom-validator';
import { renderAtomFeed, type FeedEntry } from './atom-feed';

const entry = (overrides: Partial<FeedEntry> = {}): FeedEntry => ({
  id: '7d3c1b2a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  title: 'Checkout latency spike',
  url: 'https://status.example.com/public/postmortems/checkout-latency-spike-AAAAAAAAAAAAAAAA',
  summary: 'Checkout was **slow** for two hours.',
  publishedAt: new Date('2026-11-21T09:00:00Z'),
  updatedAt: new Date('2026-11-22T09:00:00Z'),
  ...overrides,
});

const OPTIONS = {
  baseUrl: 'https://status.example.com',
  publisher: 'Acme',
  updatedAt: new Date('2026-11-22T09:00:00Z'),
};

describe('renderAtomFeed', () => {
  it('is valid Atom 1.0 with ids, dates, links and the publisher as author', async () => {
    const xml = renderAtomFeed(
      [entry(), entry({ id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e', title: 'Older' })],
      OPTIONS,
    );
    expect(await atomProblems(xml)).toEqual([]);
    expect(xml).toContain('<id>https://status.example.com/public/postmortems.atom</id>');
    expect(xml).toContain('<link rel="self" href="https://status.example.com/public/postmortems.atom"/>');
    expect(xml).toContain('<id>urn:uuid:7d3c1b2a-4e5f-4a6b-8c7d-9e0f1a2b3c4d</id>');
    expect(xml).toContain('<updated>2026-11-22T09:00:00.000Z</updated>');
    expect(xml).toContain('<published>2026-11-21T09:00:00.000Z</published>');
    expect(xml).toContain('<name>Acme</name>');
    expect(xml.indexOf('Checkout latency spike')).toBeLessThan(xml.indexOf('Older'));
  });

  it('is valid with no entry at all', async () => {
    expect(await atomProblems(renderAtomFeed([], { ...OPTIONS, updatedAt: new Date(0) }))).toEqual([]);
  });

  it('keeps markup in titles and summaries as text, and survives a CDATA terminator', async () => {
    const xml = renderAtomFeed(
      [entry({ title: 'a < b & ]]> c', summary: 'x ]]> y <script>alert(1)</script>' })],
      OPTIONS,
    );
    expect(await atomProblems(xml)).toEqual([]);
    expect(xml).toContain('a &#60; b &#38; ]]&#62; c');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
  });
});
