import { describe, expect, it } from '@jest/globals';
import { markdownText } from './markdown-text';

describe('markdownText', () => {
  it.each([
    ['plain words, digits 1.5 and (parentheses)', 'plain words, digits 1.5 and (parentheses)'],
    ['**bold** _it_ `code` ~strike~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~strike\\~'],
    ['[link](https://evil.example)', '\\[link\\](https://evil.example)'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a | b', 'a \\| b'],
    ['back\\slash', 'back\\\\slash'],
    ['# heading', '\\# heading'],
    ['line one\n\n- line two\r\n  three', 'line one - line two three'],
    ['ping @alice and @acme/sre', 'ping @\u200balice and @\u200bacme/sre'],
    ['mail ops@acme.example, or @ alone', 'mail ops@\u200bacme.example, or @ alone'],
  ])('%j → %j', (text, markdown) => {
    expect(markdownText(text)).toBe(markdown);
  });
});
