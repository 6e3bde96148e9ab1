import { describe, expect, it } from '@jest/globals';
import { OtlpIngestStats } from './otlp-ingest.stats';

describe('OtlpIngestStats', () => {
  it('adds up points and requests by outcome', () => {
    const stats = new OtlpIngestStats();
    stats.recordExport({ received: 10, accepted: 6, rejected: 1, dropped: 3 });
    stats.recordExport({ received: 2, accepted: 2, rejected: 0, dropped: 0 });
    stats.recordFailure(413);
    stats.recordFailure(403);
    stats.recordFailure(500);
    const snapshot = stats.snapshot();
    expect(snapshot.points).toEqual({ received: 12, accepted: 8, rejected: 1, dropped: 3 });
    expect(snapshot.requests).toMatchObject({ accepted: 1, partial: 1, too_large: 1, unauthorized: 1, error: 1, invalid: 0 });
  });

  it('hands out copies', () => {
    const stats = new OtlpIngestStats();
    stats.snapshot().points.received = 5;
    expect(stats.snapshot().points.received).toBe(0);
  });
});
