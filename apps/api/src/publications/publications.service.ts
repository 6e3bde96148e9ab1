import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { conflict, notFound, type FieldChanges } from '@app/domain';
import {
  PostmortemEventRepository,
  PostmortemRepository,
  PublicationRepository,
  TransactionRunner,
  type PostmortemEventEntity,
  type PublicationEntity,
  type Tx,
} from '@app/persistence';
import { decodeEventCursor, encodeEventCursor } from '../actions/page-cursor';
import { DEFAULT_PAGE_SIZE } from '../actions/action.constants';
import type { PageQueryDto } from '../actions/dto/page-query.dto';
import type { PublishPostmortemDto } from './dto/publish-postmortem.dto';
import { newSlug } from './publication-slug';
import { PublicPostmortemsService } from './public-postmortems.service';

/** The fields a publisher chooses, with their defaults. */
function choiceOf(input: PublishPostmortemDto) {
  return {
    summary: input.summary,
    includeTimeline: input.includeTimeline ?? true,
    includeActions: input.includeActions ?? true,
  };
}

type Choice = ReturnType<typeof choiceOf>;

/**
 * Publishing a post-mortem's public summary, changing it and withdrawing it (docs/publishing.md).
 * Each is one transaction with its audit event, under the post-mortem's row lock, so two editors
 * publishing at once get one publication and one 409.
 */
@Injectable()
export class PublicationsService {
  constructor(
    private readonly postmortems: PostmortemRepository,
    private readonly publications: PublicationRepository,
    private readonly auditTrail: PostmortemEventRepository,
    private readonly transactions: TransactionRunner,
    private readonly pages: PublicPostmortemsService,
  ) {}

  async get(postmortemId: string): Promise<PublicationEntity> {
    const live = await this.live(postmortemId);
    if (!live) throw notPublished(postmortemId);
    return live;
  }

  /** The live publication, or null when the post-mortem is not published. */
  async live(postmortemId: string): Promise<PublicationEntity | null> {
    if (!(await this.postmortems.findById(postmortemId))) throw notFound('post-mortem', postmortemId);
    return this.publications.findLive(postmortemId);
  }

  publish(postmortemId: string, input: PublishPostmortemDto, by: Principal): Promise<PublicationEntity> {
    return this.transactions.run(async (tx) => {
      const pm = await this.postmortems.findById(postmortemId, tx, true);
      if (!pm) throw notFound('post-mortem', postmortemId);
      if (await this.publications.findLive(postmortemId, tx))
        throw conflict(`post-mortem ${postmortemId} is already published; PUT changes its public summary`);
      const choice = choiceOf(input);
      const publication = await this.publications.insert(
        { postmortemId, slug: newSlug(pm.title), ...choice, publishedAt: new Date() },
        tx,
      );
      await this.audit(tx, postmortemId, by, 'published', {
        slug: { from: null, to: publication.slug },
        ...changed(null, choice),
      });
      return publication;
    });
  }

  update(postmortemId: string, input: PublishPostmortemDto, by: Principal): Promise<PublicationEntity> {
    return this.transactions.run(async (tx) => {
      const live = await this.lockedLive(postmortemId, tx);
      const choice = choiceOf(input);
      const changes = changed(live, choice);
      if (Object.keys(changes).length === 0) return live;
      const updatedAt = new Date();
      await this.publications.update(live.id, { ...choice, updatedAt }, tx);
      await this.audit(tx, postmortemId, by, 'publication_updated', {
        slug: { from: live.slug, to: live.slug },
        ...changes,
      });
      return { ...live, ...choice, updatedAt };
    });
  }

  /** The address answers 410 Gone from now on; publishing again makes a new one. */
  withdraw(postmortemId: string, by: Principal): Promise<void> {
    return this.transactions.run(async (tx) => {
      const live = await this.lockedLive(postmortemId, tx);
      await this.publications.withdraw(live.id, new Date(), tx);
      await this.audit(tx, postmortemId, by, 'withdrawn', { slug: { from: live.slug, to: null } });
    });
  }

  /** The page these choices would publish, as the public would see it; publishes nothing. */
  async preview(postmortemId: string, input: PublishPostmortemDto): Promise<string> {
    const live = await this.live(postmortemId);
    const now = new Date();
    return this.pages.render(postmortemId, {
      ...choiceOf(input),
      publishedAt: live?.publishedAt ?? now,
      updatedAt: now,
    });
  }

  /** The post-mortem's audit trail, oldest first, a page at a time. */
  async events(
    postmortemId: string,
    query: PageQueryDto,
  ): Promise<{ items: PostmortemEventEntity[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    if (!(await this.postmortems.findById(postmortemId))) throw notFound('post-mortem', postmortemId);
    const page = await this.auditTrail.page(postmortemId, after, query.limit ?? DEFAULT_PAGE_SIZE);
    return {
      items: page.items,
      nextCursor: page.next === null ? null : encodeEventCursor(page.next),
    };
  }

  private async lockedLive(postmortemId: string, tx: Tx): Promise<PublicationEntity> {
    if (!(await this.postmortems.findById(postmortemId, tx, true))) throw notFound('post-mortem', postmortemId);
    const live = await this.publications.findLive(postmortemId, tx);
    if (!live) throw notPublished(postmortemId);
    return live;
  }

  private async audit(
    tx: Tx,
    postmortemId: string,
    by: Principal,
    type: PostmortemEventEntity['type'],
    changes: FieldChanges,
  ): Promise<void> {
    await this.auditTrail.append({ postmortemId, actor: by.name, type, changes, at: new Date() }, tx);
  }
}

function notPublished(postmortemId: string) {
  return notFound('publication of post-mortem', postmortemId);
}

/** The chosen fields that differ from the current publication (all of them for a new one). */
function changed(current: Choice | null, next: Choice): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of ['summary', 'includeTimeline', 'includeActions'] as const) {
    const from = current === null ? null : current[field];
    if (from !== next[field]) changes[field] = { from, to: next[field] };
  }
  return changes;
}
