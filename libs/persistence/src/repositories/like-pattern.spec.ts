import { describe, expect, it } from '@jest/globals';
import { containsPattern, prefixPattern, TITLE_CONTAINS_SQL } from './like-pattern';

describe('containsPattern', () => {
  it('matches the text anywhere', () => {
    expect(containsPattern('pool')).toBe('%pool%');
  });

  it('takes the wildcards and the escape character literally', () => {
    expect(containsPattern('100%')).toBe('%100\\%%');
    expect(containsPattern('db_pool')).toBe('%db\\_pool%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });

  it('names backslash as the escape character in the SQL', () => {
    expect(TITLE_CONTAINS_SQL('p.title', 'q')).toBe("p.title ILIKE :q ESCAPE '\\'");
  });
});

describe('prefixPattern', () => {
  it('matches what starts with the text, its wildcards and escape character taken literally', () => {
    expect(prefixPattern('http_')).toBe('http\\_%');
    expect(prefixPattern('100%')).toBe('100\\%%');
    expect(prefixPattern('a\\b')).toBe('a\\\\b%');
    expect(prefixPattern('')).toBe('%');
  });
});
