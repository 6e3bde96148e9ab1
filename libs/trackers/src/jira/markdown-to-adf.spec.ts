import { adfToText } from './adf-to-text';
import { markdownToAdf } from './markdown-to-adf';

const text = (t: string, marks?: unknown[]) => (marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });

describe('markdownToAdf', () => {
  it('makes a version 1 doc of paragraphs split on blank lines, keeping single breaks', () => {
    expect(markdownToAdf('first line\nsecond line\n\nnext paragraph')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        paragraph(text('first line'), { type: 'hardBreak' }, text('second line')),
        paragraph(text('next paragraph')),
      ],
    });
  });

  it('marks bold, inline code and links', () => {
    expect(markdownToAdf('Metric **p99 latency** is `ok`, see [the run](https://x.test/r?id=1).').content).toEqual([
      paragraph(
        text('Metric '),
        text('p99 latency', [{ type: 'strong' }]),
        text(' is '),
        text('ok', [{ type: 'code' }]),
        text(', see '),
        text('the run', [{ type: 'link', attrs: { href: 'https://x.test/r?id=1' } }]),
        text('.'),
      ),
    ]);
  });

  it('combines marks within bold, but never code with bold (ADF forbids it)', () => {
    expect(markdownToAdf('**see [docs](https://d.test) and `x`**').content).toEqual([
      paragraph(
        text('see ', [{ type: 'strong' }]),
        text('docs', [{ type: 'strong' }, { type: 'link', attrs: { href: 'https://d.test' } }]),
        text(' and ', [{ type: 'strong' }]),
        text('x', [{ type: 'code' }]),
      ),
    ]);
  });

  it('makes bullet lists, nested by two-space indents', () => {
    expect(markdownToAdf('Checks:\n- one\n  - one.a\n* two').content).toEqual([
      paragraph(text('Checks:')),
      {
        type: 'bulletList',
        content: [
          item(paragraph(text('one')), { type: 'bulletList', content: [item(paragraph(text('one.a')))] }),
          item(paragraph(text('two'))),
        ],
      },
    ]);
  });

  it.each([
    ['<b>html</b> & <script>x</script>', '<b>html</b> & <script>x</script>'],
    ['[bad](javascript:alert(1))', '[bad](javascript:alert(1))'],
    ['unclosed **bold and `code', 'unclosed **bold and `code'],
    ['escaped \\*\\*not bold\\*\\*', 'escaped **not bold**'],
  ])('keeps %j as literal text', (markdown, literal) => {
    expect(markdownToAdf(markdown).content).toEqual([paragraph(text(literal))]);
  });

  it('gives an empty document for blank input (Jira refuses it, as it should)', () => {
    expect(markdownToAdf('\n  \n')).toEqual({ type: 'doc', version: 1, content: [] });
  });

  it('round-trips to the same words through adfToText', () => {
    const doc = markdownToAdf('Verified **met** for 7 days\n\n- p99 < 300ms\n- errors `0.1%`');
    expect(adfToText(doc)).toBe('Verified met for 7 days\n\n- p99 < 300ms\n- errors 0.1%');
  });
});

describe('adfToText', () => {
  it('reads nodes it does not write: headings, ordered lists, mentions, cards, code blocks', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Title')] },
        {
          type: 'orderedList',
          content: [item(paragraph(text('a'))), item(paragraph({ type: 'mention', attrs: { text: '@ann' } }))],
        },
        paragraph({ type: 'inlineCard', attrs: { url: 'https://c.test' } }),
        { type: 'codeBlock', content: [text('x = 1')] },
        { type: 'panel', content: [paragraph(text('inside a panel'))] },
      ],
    };
    expect(adfToText(doc)).toBe('Title\n\n1. a\n2. @ann\n\nhttps://c.test\n\nx = 1\n\ninside a panel');
  });

  it.each([null, undefined, 'text', 42, {}])('gives empty text for %j', (value) => {
    expect(adfToText(value)).toBe('');
  });
});
