import { describe, expect, it } from '@jest/globals';
import { OtlpIngestStats } from './otlp-ingest.stats';

describe('OtlpIngestStats', () => {
  it('adds up points by outcome and reason, and requests by outcome', () => {
    const stats = new OtlpIngestStats();
    stats.recordExport({
      received: 10,
      accepted: 4,
      rejected: new Map([
        ['not_finite', 1],
        ['series_budget', 2],
      ]),
      dropped: new Map([['not_kept', 3]]),
    });
    stats.recordExport({ received: 2, accepted: 1, rejected: new Map([['series_budget', 1]]), dropped: new Map() });
    stats.recordExport({ received: 1, accepted: 0, rejected: new Map(), dropped: new Map([['not_kept', 1]]) });
    stats.recordFailure(413);
    stats.recordFailure(403);
    stats.recordFailure(500);
    const snapshot = stats.snapshot();
    expect(snapshot.points.received).toBe(13);
    expect(snapshot.points.accepted).toBe(5);
    expect(snapshot.points.rejected).toMatchObject({
      not_finite: 1,
      series_budget: 3,
      series_limit: 0,
      unsupported_kind: 0,
    });
    expect(snapshot.points.dropped).toEqual({ not_kept: 4 });
    // Dropping what the operator chose not to keep is no refusal: that request was accepted.
    expect(snapshot.requests).toMatchObject({
      accepted: 1,
      partial: 2,
      too_large: 1,
      unauthorized: 1,
      error: 1,
      invalid: 0,
    });
  });

  it('hands out copies', () => {
    const stats = new OtlpIngestStats();
    stats.snapshot().points.rejected.series_budget = 5;
    stats.snapshot().points.dropped.not_kept = 5;
    expect(stats.snapshot().points.rejected.series_budget).toBe(0);
    expect(stats.snapshot().points.dropped.not_kept).toBe(0);
  });
});
