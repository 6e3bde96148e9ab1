import { Injectable } from '@nestjs/common';
import { invalidInput } from '@app/domain';
import { BurndownRepository, type BurndownQuery } from '@app/persistence';
import {
  bucketStarts,
  burndownForecast,
  defaultInterval,
  FORECAST_WINDOW_MS,
  idealLine,
  type BurndownInterval,
} from '@app/scoring';
import { parseInstant } from '../http/validation/instant';
import { ReportCache } from '../reports/report-cache';
import { DEFAULT_BURNDOWN_RANGE_MS, MAX_BURNDOWN_BUCKETS } from './burndown.constants';
import type { BurndownQueryDto } from './dto/burndown-query.dto';
import type { BurndownDto } from './dto/burndown.dto';

const iso = (ms: number): string => new Date(ms).toISOString();

@Injectable()
export class BurndownService {
  constructor(
    private readonly burndowns: BurndownRepository,
    private readonly cache: ReportCache,
  ) {}

  async burndown(query: BurndownQueryDto, now = Date.now()): Promise<BurndownDto> {
    const to = query.to === undefined ? now : parseInstant(query.to).getTime();
    const from = query.from === undefined ? to - DEFAULT_BURNDOWN_RANGE_MS : parseInstant(query.from).getTime();
    if (!(from < to)) throw invalidInput(`from: must be before to (${iso(from)} is not before ${iso(to)})`);
    const interval: BurndownInterval = query.interval ?? defaultInterval(from, to);
    const tz = query.tz ?? 'UTC';
    const starts = bucketStarts(from, to, interval, tz, MAX_BURNDOWN_BUCKETS);
    if (starts.length > MAX_BURNDOWN_BUCKETS) {
      throw invalidInput(
        `from: the range from..to holds more than ${MAX_BURNDOWN_BUCKETS} ${interval} buckets; narrow it or use a longer interval`,
      );
    }
    // Each bucket's state is read at its end: the next start, the last one capped at `to`.
    const ends = starts.map((_, i) => (i + 1 < starts.length ? Math.min(starts[i + 1], to) : to));
    const asOf = Math.min(to, now);
    const rowsQuery: BurndownQuery = {
      starts: starts.map((at) => new Date(at)),
      from: new Date(from),
      to: new Date(to),
      asOf: new Date(asOf),
      rateWindowStart: new Date(asOf - FORECAST_WINDOW_MS),
      filter: {
        team: query.team,
        service: query.service,
        priorities: query.priority,
        severities: query.severity,
        postmortemId: query.postmortemId,
      },
    };
    // A range that ends by now depends on the data alone; one that reaches now or past it moves
    // with the clock (actions fall overdue without any write), so it is computed afresh.
    const rows =
      query.to !== undefined && to <= now
        ? await this.cache.get('burndown', rowsQuery, () => this.burndowns.burndown(rowsQuery))
        : await this.burndowns.burndown(rowsQuery);
    const ideal = idealLine({
      from,
      remainingAtFrom: rows.atFrom.remaining,
      latestDueAt: rows.atFrom.latestDueAt?.getTime() ?? null,
      samples: starts.map((at, i) => ({
        at,
        readAt: ends[i],
        added: rows.additions[i].added,
        addedLatestDueAt: rows.additions[i].latestDueAt?.getTime() ?? null,
      })),
    });
    const forecast = burndownForecast({
      asOf,
      remaining: rows.atAsOf.remaining,
      overdue: rows.atAsOf.overdue,
      closedInWindow: rows.atAsOf.closedInWindow,
      latestDueAt: rows.atAsOf.latestDueAt?.getTime() ?? null,
    });
    return {
      from: iso(from),
      to: iso(to),
      interval,
      tz,
      points: rows.buckets.map((bucket, i) => ({ at: iso(starts[i]), ...bucket })),
      ideal: ideal.map((p) => ({ at: iso(p.at), remaining: p.remaining, stepUp: p.stepUp })),
      forecast: {
        trend: forecast.trend,
        zeroAt: forecast.zeroAt === null ? null : iso(forecast.zeroAt),
        closingPerWeek: forecast.closingPerWeek,
        onTrack: forecast.onTrack,
        remaining: forecast.remaining,
        overdue: forecast.overdue,
        latestDueAt: forecast.latestDueAt === null ? null : iso(forecast.latestDueAt),
      },
    };
  }
}
