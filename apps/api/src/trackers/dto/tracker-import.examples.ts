import type { RequestExample } from '../../http/request-examples.decorator';

export const TRACKER_IMPORT_EXAMPLES: Record<string, RequestExample> = {
  dryRun: {
    summary: 'See what a GitHub search would import, writing nothing',
    value: { query: 'repo:acme/checkout label:postmortem-action', dryRun: true },
  },
};
