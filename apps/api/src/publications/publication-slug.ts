import { randomBytes } from 'node:crypto';

const MAX_WORDS_LENGTH = 48;

/**
 * A public address's last segment: a few words of the title for people reading the link, then 96
 * random bits, so nobody finds an unpublished or withdrawn post-mortem by guessing. The title's words
 * say nothing the page itself does not show.
 */
export function newSlug(title: string, random: (bytes: number) => Buffer = randomBytes): string {
  const kebab = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Cut at a word boundary, so the link does not end in half a word.
  const words = kebab.length <= MAX_WORDS_LENGTH ? kebab : kebab.slice(0, MAX_WORDS_LENGTH).replace(/-[^-]*$/, '');
  const token = random(12).toString('base64url');
  return words ? `${words}-${token}` : token;
}

/** What a slug may look like: anything else is not one of ours, answered 404 without a query. */
export const SLUG_PATTERN = /^[A-Za-z0-9_-]{16,70}$/;
