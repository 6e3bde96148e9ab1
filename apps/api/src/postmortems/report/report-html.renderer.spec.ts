import { describe, expect, it } from '@jest/globals';
import { reviewWithoutFacts } from '@app/testing/record-defaults';
import type { PostmortemReportData } from './postmortem-report.model';
import { escapeHtml } from './html-escape';
import { renderReportHtml } from './report-html.renderer';
import { renderReportMarkdown } from './report-markdown.renderer';

const NOW = new Date('2025-03-01T12:00:00Z');

/** A report with one flagged, partly improved action whose texts try to inject markup. */
function hostileReport(): PostmortemReportData {
  return {
    postmortem: {
      kind: 'success',
      title: 'Launch',
      ...reviewWithoutFacts(),
    },
    actions: [
      {
        title: 'Cache <b>warmup</b>',
        ownerTeam: 'web',
        priority: 'P1',
        status: 'implemented',
        dueAt: new Date('2025-02-01T00:00:00Z'),
        implementedAt: new Date('2025-01-20T00:00:00Z'),
        closedAt: null,
        verification: null,
        verificationNote: null,
        flags: [
          {
            kind: 'stalled',
            reason: 'no gain <img src=x onerror=alert(1)> in 14 days',
            raisedAt: new Date('2025-02-15T00:00:00Z'),
          },
        ],
        metrics: [
          {
            id: '0f4b7c1d-9e2a-4b6f-8c3d-5a1e7f9b2d60',
            name: 'hit ratio',
            datasource: 'prom',
            query: 'cache_hit_ratio',
            selector: null,
            direction: 'increase',
            target: { absolute: 0.9 },
            aggregation: 'avg',
            baseline: 0.5,
            outcome: {
              at: new Date('2025-02-28T00:00:00Z'),
              verdict: 'improving',
              value: 0.7,
              goal: 0.9,
              progress: 0.5,
              reason: 'avg 0.7 <script>alert(3)</script> & "more" vs goal ≥ 0.9: improving, 50% of the way.',
            },
          },
        ],
      },
    ],
  };
}

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
    const html = renderReportHtml(
      'Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>',
      '<script>alert(2)</script>',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>&#60;script&#62;alert(2)&#60;/script&#62;</title>');
  });

  it('does not turn javascript: links into links', () => {
    const html = renderReportHtml('[click](javascript:alert(1))', 'x');
    expect(html).not.toContain('href="javascript:');
  });

  it('shows a remote image as a link to it, never loads it: no tracking beacon in the page', () => {
    const html = renderReportHtml(
      [
        '![t](https://attacker.example/p.png)',
        '![](//attacker.example/q.png)',
        '![a < b](HTTPS://attacker.example/r.png?a=1&b=2)',
        '![pixel](data:image/png;base64,iVBORw0KGgo=)',
      ].join('\n\n'),
      'x',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('<p><a href="https://attacker.example/p.png">t</a></p>');
    expect(html).toContain('<p><a href="//attacker.example/q.png">//attacker.example/q.png</a></p>');
    expect(html).toContain('<p><a href="HTTPS://attacker.example/r.png?a=1&amp;b=2">a &lt; b</a></p>');
    expect(html).toContain('<p>pixel</p>');
  });

  it('keeps a same-origin (relative) image, with its alt text escaped', () => {
    const html = renderReportHtml('![a <b> & c](/static/diagram.png) ![b](img/x.png "T") ![c](/\\host/y.png)', 'x');
    // A backslash is percent-encoded, so "/\\host" stays a path on this origin.
    expect(html).toContain(
      '<p><img src="/static/diagram.png" alt="a &lt;b&gt; &amp; c"> <img src="img/x.png" alt="b" title="T"> <img src="/%5Chost/y.png" alt="c"></p>',
    );
  });

  it('renders the outcome overview, flags with reason and since, and progress, with user text escaped', () => {
    const html = renderReportHtml(renderReportMarkdown(hostileReport(), NOW), 'x');
    expect(html).toContain('<p><strong>Outcome:</strong> 0 of 1 action verified · 1 overdue · 1 stalled</p>');
    expect(html).toContain('<h3>1. Cache &lt;b&gt;warmup&lt;/b&gt;</h3>');
    expect(html).toContain(
      '<li><strong>Flags:</strong>\n<ul>\n<li><strong>stalled</strong> since 2025-02-15 00:00 UTC — no gain &lt;img src=x onerror=alert(1)&gt; in 14 days</li>',
    );
    expect(html).toContain(
      '<li>Outcome: <strong>improving</strong> — 0.5 → 0.7 vs goal 0.9 · progress 50 % (checked 2025-02-28 00:00 UTC)</li>',
    );
    expect(html).toContain('<li><strong>Implemented:</strong> 2025-01-20 00:00 UTC</li>');
    expect(html).toContain(
      '<li>Reason: avg 0.7 &lt;script&gt;alert(3)&lt;/script&gt; &amp; &quot;more&quot; vs goal ≥ 0.9: improving, 50% of the way.</li>',
    );
    expect(html).not.toMatch(/<img|<b>|<script/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&#38;b&#60;c&#62;d&#34;e&#39;f');
  });
});
