import { describe, expect, it } from '@jest/globals';
import { newSlug, SLUG_PATTERN } from './publication-slug';

const fixed = (byte: number) => (bytes: number) => Buffer.alloc(bytes, byte);

describe('newSlug', () => {
  it('is a few words of the title, then 96 random bits', () => {
    const slug = newSlug('Checkout outage: 40 minutes of 502s', fixed(0xab));
    expect(slug).toBe(`checkout-outage-40-minutes-of-502s-${Buffer.alloc(12, 0xab).toString('base64url')}`);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('differs for the same title', () => {
    expect(newSlug('Same title')).not.toBe(newSlug('Same title'));
  });

  it('cuts a long title at a word boundary and folds accents', () => {
    const slug = newSlug(
      'Défaillance du cache régional pendant la migration de la base principale vers le nouveau cluster',
      fixed(1),
    );
    const words = slug.slice(0, -17);
    expect(words).toBe('defaillance-du-cache-regional-pendant-la');
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('is the random part alone for a title with no letters or digits', () => {
    expect(newSlug('💥 !!!', fixed(2))).toBe(Buffer.alloc(12, 2).toString('base64url'));
  });

  it('is not matched by addresses that are not slugs', () => {
    for (const bad of ['', 'short', '../../etc/passwd', 'a'.repeat(71), 'with space-aaaaaaaaaaaaaaaa']) {
      expect(bad).not.toMatch(SLUG_PATTERN);
    }
  });
});
