import type { RequestExample } from '../../http/request-examples.decorator';

export const PUBLISH_POSTMORTEM_EXAMPLES: Record<string, RequestExample> = {
  everything: {
    summary: 'A public summary, with the timeline and the measured outcomes',
    value: {
      summary:
        'On 2 November, checkout was slow for 2.5 hours after our payment gateway failed over to another region.\n\nWe resized the connection pool and now test failovers every month.',
      includeTimeline: true,
      includeActions: true,
    },
  },
  summaryOnly: {
    summary: 'The summary and contributing factors alone',
    value: { summary: 'Checkout was slow for 2.5 hours on 2 November; the cause is fixed.', includeActions: false },
  },
};
