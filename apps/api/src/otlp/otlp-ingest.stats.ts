import { Injectable } from '@nestjs/common';
import { DROP_REASONS, DropReason, REJECT_REASONS, RejectReason } from './store/point-classification';

export type OtlpRequestOutcome =
  | 'accepted'
  | 'partial'
  | 'invalid'
  | 'unauthorized'
  | 'too_large'
  | 'unsupported_media_type'
  | 'over_budget'
  | 'error';

export interface OtlpExportCounts {
  received: number;
  accepted: number;
  rejected: Map<RejectReason, number>;
  dropped: Map<DropReason, number>;
}

export interface OtlpIngestSnapshot {
  points: {
    received: number;
    accepted: number;
    rejected: Record<RejectReason, number>;
    dropped: Record<DropReason, number>;
  };
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

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The receiver's own counters since start, for the service's /metrics. */
@Injectable()
export class OtlpIngestStats {
  private received = 0;
  private accepted = 0;
  private readonly rejected = zeros(REJECT_REASONS);
  private readonly dropped = zeros(DROP_REASONS);
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

  recordExport(counts: OtlpExportCounts): void {
    this.received += counts.received;
    this.accepted += counts.accepted;
    let rejected = 0;
    for (const [reason, n] of counts.rejected) {
      this.rejected[reason] += n;
      rejected += n;
    }
    for (const [reason, n] of counts.dropped) this.dropped[reason] += n;
    this.requests[rejected > 0 ? 'partial' : 'accepted'] += 1;
  }

  recordFailure(httpStatus: number): void {
    this.requests[OUTCOME_BY_STATUS[httpStatus] ?? 'error'] += 1;
  }

  snapshot(): OtlpIngestSnapshot {
    return {
      points: {
        received: this.received,
        accepted: this.accepted,
        rejected: { ...this.rejected },
        dropped: { ...this.dropped },
      },
      requests: { ...this.requests },
    };
  }
}
