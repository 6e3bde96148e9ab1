import type { RequestExample } from '../../http/request-examples.decorator';

export const RUN_SCORING_EXAMPLES: Record<string, RequestExample> = {
  now: { summary: 'Score every metric now', value: {} },
  replay: {
    summary: 'Score one action as of a past time',
    value: { actionIds: ['5c2a9d0e-3f6b-4a8e-b1d7-9e4f2c6a8b13'], at: '2026-11-27T10:00:00Z' },
  },
};

export const BACKFILL_EXAMPLES: Record<string, RequestExample> = {
  week: {
    summary: 'Replay a week of checks, every 6 hours',
    value: { from: '2026-11-14T00:00:00Z', to: '2026-11-21T00:00:00Z', every: '6h' },
  },
};
