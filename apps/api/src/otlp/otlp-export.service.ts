import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { metricNameMatcher } from '@app/domain';
import { inflateWithLimit } from './body/inflate-with-limit';
import { readBody } from './body/read-body';
import { decodeJsonRequest, decodeProtobufRequest, ExportRequestObject } from './decode/otlp-request.decoder';
import { flattenRequest } from './decode/otlp-request.flattener';
import { CONTENT_TYPE, OtlpEncoding, otlpEncodingOf } from './otlp-encoding';
import { OtlpIngestStats } from './otlp-ingest.stats';
import { PointBudget } from './otlp-point.budget';
import { OtlpRequestError, OtlpRequestErrorCode } from './otlp-request.errors';
import { encodeExportResponse } from './otlp-response.encoder';
import { OtlpPointStore } from './store/otlp-point.store';
import { describeRejections, type SeriesLimits } from './store/point-classification';

export interface ExportReply {
  contentType: string;
  body: Buffer;
}

/**
 * One OTLP/HTTP metrics export: read, inflate, decode, keep the metrics otlp.keep names (every
 * metric by default, so a selector attached later finds its baseline), store, answer.
 */
@Injectable()
export class OtlpExportService {
  private readonly maxBodyBytes: number;
  private readonly budget: PointBudget;
  private readonly kept: (metric: string) => boolean;
  private readonly limits: SeriesLimits;

  constructor(
    private readonly store: OtlpPointStore,
    private readonly stats: OtlpIngestStats,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxBodyBytes = config.otlp.maxBodyBytes;
    this.budget = new PointBudget(config.otlp.maxPointsPerMinute);
    this.kept = metricNameMatcher(config.otlp.keep);
    this.limits = { maxSeriesPerMetric: config.otlp.maxSeriesPerMetric, maxSeries: config.otlp.maxSeries };
  }

  async export(req: IncomingMessage): Promise<ExportReply> {
    const encoding = otlpEncodingOf(req.headers['content-type']);
    if (!encoding) {
      throw new OtlpRequestError(
        OtlpRequestErrorCode.UnsupportedMediaType,
        'send application/x-protobuf or application/json (OTLP/HTTP)',
      );
    }
    this.checkBudget(this.budget.retryAfter());
    const request = await this.decode(encoding, await this.readPayload(req));
    const flat = flattenRequest(request, this.kept);
    this.checkBudget(this.budget.spend(flat.received));

    const stored = await this.store.store(flat.points);
    const rejections = stored.rejections;
    if (flat.unsupported > 0) rejections.set('unsupported_kind', flat.unsupported);
    for (const [reason, n] of flat.refused) rejections.set(reason, n);
    const rejected = [...rejections.values()].reduce((a, b) => a + b, 0);
    this.stats.recordExport({
      received: flat.received,
      accepted: stored.accepted,
      rejected: rejections,
      dropped: new Map([['not_kept', flat.dropped]]),
    });
    const message = describeRejections(rejections, stored.limitedMetrics, this.limits);
    return { contentType: CONTENT_TYPE[encoding], body: encodeExportResponse(encoding, rejected, message) };
  }

  private async readPayload(req: IncomingMessage): Promise<Buffer> {
    const contentEncoding = String(req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (contentEncoding !== 'gzip' && contentEncoding !== 'identity') {
      throw new OtlpRequestError(
        OtlpRequestErrorCode.UnsupportedMediaType,
        `unsupported Content-Encoding "${contentEncoding}": send gzip or none`,
      );
    }
    const body = await readBody(req, this.maxBodyBytes);
    return contentEncoding === 'gzip' ? inflateWithLimit(body, this.maxBodyBytes) : body;
  }

  private async decode(encoding: OtlpEncoding, payload: Buffer): Promise<ExportRequestObject> {
    try {
      return encoding === 'protobuf' ? decodeProtobufRequest(payload) : decodeJsonRequest(payload.toString('utf8'));
    } catch (err) {
      throw new OtlpRequestError(
        OtlpRequestErrorCode.Undecodable,
        `not a valid ${encoding === 'protobuf' ? 'protobuf' : 'JSON'} ExportMetricsServiceRequest: ${(err as Error).message}`,
      );
    }
  }

  private checkBudget(retryAfter: number): void {
    if (retryAfter > 0) {
      throw new OtlpRequestError(
        OtlpRequestErrorCode.OverBudget,
        `the receiver's budget of data points a minute is spent; retry in ${retryAfter} s`,
        retryAfter,
      );
    }
  }
}
