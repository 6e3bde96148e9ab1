import { describe, expect, it } from '@jest/globals';
import { escapeHtml, renderReportHtml } from './report-html.renderer';

describe('renderReportHtml', () => {
  it('is a complete HTML5 document with inline CSS and a print style', () => {
    const html = renderReportHtml('# Title\n\nText', 'Post-mortem: Title');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Post-mortem: Title</title>');
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html).toContain('<h1>Title</h1>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<link|<script|src="http/);
  });

  it('renders lists, emphasis and code from the Markdown', () => {
    const html = renderReportHtml('- **Owner team:** sre\n- Query: `up{job="x"}`', 'x');
    expect(html).toContain('<li><strong>Owner team:</strong> sre</li>');
    expect(html).toContain('<code>up{job=&quot;x&quot;}</code>');
  });

  it('shows HTML written in the Markdown as text, never as markup', () => {
    const html = renderReportHtml('Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>', '<script>alert(2)</script>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>&#60;script&#62;alert(2)&#60;/script&#62;</title>');
  });

  it('does not turn javascript: links into links', () => {
    const html = renderReportHtml('[click](javascript:alert(1))', 'x');
    expect(html).not.toContain('href="javascript:');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&#38;b&#60;c&#62;d&#34;e&#39;f');
  });
});
