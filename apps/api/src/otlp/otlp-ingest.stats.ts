import { Injectable } from '@nestjs/common';

export type OtlpRequestOutcome =
  | 'accepted'
  | 'partial'
  | 'invalid'
  | 'unauthorized'
  | 'too_large'
  | 'unsupported_media_type'
  | 'over_budget'
  | 'error';

export interface OtlpIngestSnapshot {
  points: { received: number; accepted: number; rejected: number; dropped: number };
  requests: Record<OtlpRequestOutcome, number>;
}

const OUTCOME_BY_STATUS: Record<number, OtlpRequestOutcome> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'unauthorized',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'over_budget',
};

/** The receiver's own counters since start, for the service's /metrics. */
@Injectable()
export class OtlpIngestStats {
  private readonly points = { received: 0, accepted: 0, rejected: 0, dropped: 0 };
  private readonly requests: Record<OtlpRequestOutcome, number> = {
    accepted: 0,
    partial: 0,
    invalid: 0,
    unauthorized: 0,
    too_large: 0,
    unsupported_media_type: 0,
    over_budget: 0,
    error: 0,
  };

  recordExport(counts: { received: number; accepted: number; rejected: number; dropped: number }): void {
    this.points.received += counts.received;
    this.points.accepted += counts.accepted;
    this.points.rejected += counts.rejected;
    this.points.dropped += counts.dropped;
    this.requests[counts.rejected > 0 ? 'partial' : 'accepted'] += 1;
  }

  recordFailure(httpStatus: number): void {
    this.requests[OUTCOME_BY_STATUS[httpStatus] ?? 'error'] += 1;
  }

  snapshot(): OtlpIngestSnapshot {
    return { points: { ...this.points }, requests: { ...this.requests } };
  }
}
