import { describe, expect, it } from '@jest/globals';
import type { PostmortemReportData, ReportAction } from '../../postmortems/report/postmortem-report.model';
import { renderPublicPage } from './public-page.renderer';
import { PUBLIC_PAGE_STYLE } from './public-page-style';
import { toPublicView, type PublicationChoice } from './public-view';

const MARK = 'zqinternalzq';

/** An internal report with every field a public page must not show carrying MARK. */
function report(actions: ReportAction[] = [verifiedAction()]): PostmortemReportData {
  return {
    postmortem: {
      kind: 'incident',
      title: 'Checkout <latency> & spike',
      severity: 'SEV2',
      occurredAt: new Date('2026-11-02T14:05:00Z'),
      resolvedAt: new Date('2026-11-02T16:40:00Z'),
      services: [`svc-${MARK}`],
      summary: `internal summary ${MARK}`,
      timeline: [
        { at: '2026-11-02T14:12:00Z', text: 'alert <b>paged</b>\non-call' },
        { at: '2026-11-02T14:05:00Z', text: 'gateway failed over' },
      ],
      contributingFactors: [
        { kind: 'latent', category: 'people', text: 'one person knew the pool settings' },
        { kind: 'trigger', category: 'technology', text: 'failover doubled the round trip' },
        { kind: 'latent', category: 'technology', text: 'pool sized for one region' },
      ],
    },
    actions,
  };
}

function verifiedAction(): ReportAction {
  return {
    title: 'Resize the pool',
    ownerTeam: `team-${MARK}`,
    priority: 'P1',
    status: 'verified',
    dueAt: new Date('2026-12-01T00:00:00Z'),
    implementedAt: new Date('2026-11-10T00:00:00Z'),
    closedAt: new Date('2026-11-20T00:00:00Z'),
    verification: 'telemetry',
    verificationNote: `note ${MARK}`,
    flags: [{ kind: 'stalled', reason: `reason ${MARK}`, raisedAt: new Date('2026-11-01T00:00:00Z') }],
    metrics: [
      {
        id: 'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        name: 'p99 latency',
        datasource: `ds-${MARK}`,
        query: `histogram_quantile(0.99, ${MARK})`,
        selector: null,
        direction: 'decrease',
        target: { relativePercent: 30 },
        aggregation: 'p99',
        baseline: 0.8,
        outcome: {
          at: new Date('2026-11-20T00:00:00Z'),
          verdict: 'met',
          value: 0.3,
          goal: 0.56,
          progress: 1,
          reason: `reason ${MARK}`,
        },
      },
    ],
  };
}

const CHOICE: PublicationChoice = {
  summary:
    '# What happened\n\nCheckout was **slow**. <script>alert(1)</script> ![chart](https://cdn.example.com/x.png)',
  includeTimeline: true,
  includeActions: true,
  publishedAt: new Date('2026-11-21T09:00:00Z'),
  updatedAt: new Date('2026-11-22T09:00:00Z'),
};

const TRENDS = new Map([
  [
    'b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    [
      { at: new Date('2026-11-11T00:00:00Z'), value: 0.7, goal: 0.56 },
      { at: new Date('2026-11-15T00:00:00Z'), value: 0.4, goal: 0.56 },
      { at: new Date('2026-11-20T00:00:00Z'), value: 0.3, goal: 0.56 },
    ],
  ],
]);

const render = (data = report(), choice = CHOICE) =>
  renderPublicPage(toPublicView(data, choice, TRENDS), { publisher: 'Acme & Co' });

describe('renderPublicPage', () => {
  it('is a standalone document with its one stylesheet, nothing to load and nothing to run', () => {
    const html = render();
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`<style>${PUBLIC_PAGE_STYLE}</style>`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<img|<iframe|<object|<embed|\ssrc=|\sstyle=|\son[a-z]+=/i);
    // The one link element points feed readers at the feed; it is not a resource the page loads.
    expect(html.match(/<link [^>]*>/g)).toEqual([
      '<link rel="alternate" type="application/atom+xml" title="Published post-mortems" href="/public/postmortems.atom">',
    ]);
  });

  it('never shows an internal field', () => {
    expect(render()).not.toContain(MARK);
  });

  it('escapes the title and texts, and renders the public summary without raw HTML or remote images', () => {
    const html = render();
    expect(html).toContain('<title>Checkout &#60;latency&#62; &#38; spike</title>');
    expect(html).toContain('<h1>Checkout &#60;latency&#62; &#38; spike</h1>');
    expect(html).toContain('<h3>What happened</h3>');
    expect(html).toContain('Checkout was <strong>slow</strong>. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://cdn.example.com/x.png">chart</a>');
    expect(html).toContain('alert &#60;b&#62;paged&#60;/b&#62;<br>on-call');
    expect(html).toContain('Published by Acme &#38; Co.');
  });

  it('shows the facts, the timeline in order and the factors by kind', () => {
    const html = render();
    expect(html).toContain('<dt>Severity</dt><dd>SEV2</dd>');
    expect(html).toContain('<dt>Duration</dt><dd>2 h 35 min</dd>');
    expect(html.indexOf('gateway failed over')).toBeLessThan(html.indexOf('alert &#60;b&#62;'));
    const triggers = html.indexOf('<h3>What triggered it</h3>');
    const latent = html.indexOf('<h3>Conditions that let it happen</h3>');
    expect(triggers).toBeGreaterThan(0);
    expect(html.indexOf('failover doubled the round trip')).toBeGreaterThan(triggers);
    expect(html.indexOf('failover doubled the round trip')).toBeLessThan(latent);
    // Technology before people within a kind.
    expect(html.indexOf('pool sized for one region')).toBeLessThan(html.indexOf('one person knew'));
    expect(html).toContain('Published <time datetime="2026-11-21T09:00:00.000Z">2026-11-21</time> · updated');
  });

  it('shows each action with its measured outcome and a sparkline', () => {
    const html = render();
    expect(html).toContain('1 corrective action: 1 verified (1 by telemetry), 0 not yet.');
    expect(html).toContain(
      '<p class="outcome">The fix worked — verified by telemetry on 2026-11-20: p99 latency 0.8 → 0.3 against a goal of 0.56.</p>',
    );
    expect(html).toContain('<svg class="sparkline"');
  });

  it('leaves out the timeline or the actions when the publication does', () => {
    const html = render(report(), { ...CHOICE, includeTimeline: false, includeActions: false });
    expect(html).not.toContain('<h2>Timeline</h2>');
    expect(html).not.toContain('gateway failed over');
    expect(html).not.toContain('Resize the pool');
    expect(html).not.toContain('<svg');
    expect(html).toContain('<h2>Contributing factors</h2>');
  });

  it('says when there is nothing to show rather than leaving a section empty', () => {
    const empty = report([]);
    empty.postmortem.timeline = [];
    empty.postmortem.contributingFactors = [];
    const html = render(empty, { ...CHOICE, summary: '   ' });
    expect(html).toContain('<p>No summary.</p>');
    expect(html).toContain('<p>No timeline recorded.</p>');
    expect(html).toContain('<p>None recorded.</p>');
    expect(html).toContain('<p>No corrective actions recorded.</p>');
  });
});
