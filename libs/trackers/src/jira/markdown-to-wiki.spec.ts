import { markdownToWiki } from './markdown-to-wiki';

describe('markdownToWiki', () => {
  it.each([
    ['plain words', 'plain words'],
    ['**bold** and `x{1}`', '*bold* and {{x\\{1\\}}}'],
    ['see [the run](https://r.test/1?a=b)', 'see [the run|https://r.test/1?a=b]'],
    ['line one\nline two\n\nnext', 'line one\nline two\n\nnext'],
    ['- a\n  - a.1\n- b', '* a\n** a.1\n* b'],
    ['5 * 3 - [x] {y} _z_ |w|', '5 \\* 3 \\- \\[x\\] \\{y\\} \\_z\\_ \\|w\\|'],
    ['<b>html</b>', '<b>html</b>'],
  ])('%j → %j', (markdown, wiki) => {
    expect(markdownToWiki(markdown)).toBe(wiki);
  });
});
