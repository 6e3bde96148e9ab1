import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { EvaluationRepository, PublicationRepository } from '@app/persistence';
import { PostmortemReportService } from '../postmortems/report/postmortem-report.service';
import { renderAtomFeed } from './public-page/atom-feed';
import { renderPublicPage } from './public-page/public-page.renderer';
import { toPublicView, type PublicationChoice } from './public-page/public-view';
import type { MeasuredCheck } from './public-page/public-view.model';
import { SLUG_PATTERN } from './publication-slug';

/** How many of a metric's newest checks its sparkline draws. */
const TREND_CHECKS = 60;
/** How many publications the feed lists, newest first. */
const FEED_ENTRIES = 50;

export type PublicPage = { state: 'live'; html: string } | { state: 'withdrawn' } | { state: 'unknown' };

/** The address of a publication's public page under the service's public base URL. */
export function publicationUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/public/postmortems/${slug}`;
}

/**
 * What the world sees of published post-mortems: the pages and the feed. Read from the database
 * alone (the last checks as the scorer stored them), so a scorer or datasource that is down does not
 * take them down.
 */
@Injectable()
export class PublicPostmortemsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publications: PublicationRepository,
    private readonly reports: PostmortemReportService,
    private readonly evaluations: EvaluationRepository,
  ) {}

  /** The service's address as the public reaches it: configured, else where the request came to. */
  baseUrl(requestOrigin: string): string {
    return (this.config.notifications.publicUrl ?? requestOrigin).replace(/\/+$/, '');
  }

  async page(slug: string): Promise<PublicPage> {
    if (!SLUG_PATTERN.test(slug)) return { state: 'unknown' };
    const publication = await this.publications.findBySlug(slug);
    if (!publication) return { state: 'unknown' };
    if (publication.withdrawnAt) return { state: 'withdrawn' };
    return { state: 'live', html: await this.render(publication.postmortemId, publication) };
  }

  /** The page a publication with these choices would show, exactly as the public would see it. */
  async render(postmortemId: string, choice: PublicationChoice): Promise<string> {
    const report = await this.reports.load(postmortemId);
    const metricIds = choice.includeActions ? report.actions.flatMap((a) => a.metrics.map((m) => m.id)) : [];
    const trends = new Map<string, MeasuredCheck[]>();
    for (const check of await this.evaluations.recentValues(metricIds, TREND_CHECKS)) {
      const trend = trends.get(check.metricId) ?? [];
      trend.push({ at: check.at, value: check.value, goal: check.goal });
      trends.set(check.metricId, trend);
    }
    const view = toPublicView(report, choice, trends);
    return renderPublicPage(view, { publisher: this.config.publications.publisher });
  }

  async feed(baseUrl: string): Promise<string> {
    const { rows, lastChangedAt } = await this.publications.feed(FEED_ENTRIES);
    const newest = Math.max(lastChangedAt.getTime(), ...rows.map((row) => row.contentUpdatedAt.getTime()));
    return renderAtomFeed(
      rows.map(({ publication, title, contentUpdatedAt }) => ({
        id: publication.id,
        title,
        url: publicationUrl(baseUrl, publication.slug),
        summary: publication.summary,
        publishedAt: publication.publishedAt,
        updatedAt: contentUpdatedAt,
      })),
      { baseUrl, publisher: this.config.publications.publisher, updatedAt: new Date(newest) },
    );
  }
}
