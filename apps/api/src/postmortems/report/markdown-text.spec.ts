import { describe, expect, it } from '@jest/globals';
import { codeSpan, embedMarkdown, escapeInline, escapeMultiline } from './markdown-text';

describe('escapeInline', () => {
  it.each([
    ['plain words', 'plain words'],
    ['*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['[a](b)', '\\[a\\](b)'],
    ['<b>&amp;</b>', '\\<b\\>\\&amp;\\</b\\>'],
    ['a | b ~~c~~ `d` #1 \\', 'a \\| b \\~\\~c\\~\\~ \\`d\\` \\#1 \\\\'],
    ['two\nlines\r\n  here ', 'two lines here'],
  ])('%j → %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });
});

describe('escapeMultiline', () => {
  it('joins lines with hard breaks, indents them and neutralises block markers', () => {
    expect(escapeMultiline('first\n\n- item\n+ plus\n1. one\n2) two\n> quote\n=== \n---', '  ')).toBe(
      ['first', '\\- item', '\\+ plus', '1\\. one', '2\\) two', '\\> quote', '\\===', '\\---'].join('\\\n  '),
    );
  });
});

describe('codeSpan', () => {
  it.each([
    ['rate(x[5m])', '`rate(x[5m])`'],
    ['a`b', '``a`b``'],
    ['`edge`', '`` `edge` ``'],
    ['a ``` b', '````a ``` b````'],
    [' padded ', '`  padded  `'],
    ['multi\nline', '`multi line`'],
  ])('%j → %j', (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
});

describe('embedMarkdown', () => {
  it('moves ATX headings down, at most to level 6', () => {
    expect(embedMarkdown('# A\n## B\n##### E\ntext #1', 2)).toBe('### A\n#### B\n###### E\ntext #1');
  });

  it('leaves headings inside code fences alone', () => {
    expect(embedMarkdown('```sh\n# comment\n```\n# After', 2)).toBe('```sh\n# comment\n```\n### After');
  });

  it('closes a fence left open with the same marker', () => {
    expect(embedMarkdown('~~~~\ncode', 2)).toBe('~~~~\ncode\n~~~~');
    expect(embedMarkdown('````\ncode\n```', 2)).toBe('````\ncode\n```\n````');
  });

  it('does not take inline code for a fence', () => {
    expect(embedMarkdown('```inline``` text\n# H', 1)).toBe('```inline``` text\n## H');
  });
});
