import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { conflict, invalidInput, notFound } from '@app/domain';
import {
  PostmortemChanges,
  PostmortemEntity,
  PostmortemRepository,
  PublicationRepository,
  TransactionRunner,
} from '@app/persistence';
import type { CreatePostmortemDto } from './dto/create-postmortem.dto';
import type { ListPostmortemsQueryDto } from './dto/list-postmortems-query.dto';
import type { UpdatePostmortemDto } from './dto/update-postmortem.dto';
import { DEFAULT_PAGE_SIZE } from './postmortem.constants';
import { decodeCursor, encodeCursor } from './postmortem-cursor';
import { assertPostmortemRules, orderTimeline, PostmortemFields, uniqueServices } from './postmortem-rules';
import { parseInstant } from '../http/validation/instant';

export interface PostmortemPage {
  items: PostmortemEntity[];
  nextCursor: string | null;
}

@Injectable()
export class PostmortemsService {
  constructor(
    private readonly postmortems: PostmortemRepository,
    private readonly publications: PublicationRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(input: CreatePostmortemDto): Promise<PostmortemEntity> {
    const fields: PostmortemFields = {
      kind: input.kind,
      title: input.title,
      severity: input.severity ?? null,
      occurredAt: instantOrNull(input.occurredAt),
      resolvedAt: instantOrNull(input.resolvedAt),
      services: uniqueServices(input.services ?? []),
      summary: input.summary ?? '',
      timeline: orderTimeline(input.timeline ?? []),
      contributingFactors: (input.contributingFactors ?? []).map((f) => ({
        kind: f.kind,
        category: f.category,
        text: f.text,
      })),
    };
    assertPostmortemRules(fields);
    const now = new Date();
    const id = randomUUID();
    await this.postmortems.insert({ id, sourceId: input.sourceId ?? null, ...fields, createdAt: now, updatedAt: now });
    return this.get(id);
  }

  async get(id: string): Promise<PostmortemEntity> {
    const found = await this.postmortems.findById(id);
    if (!found) throw notFound('post-mortem', id);
    return found;
  }

  async list(query: ListPostmortemsQueryDto): Promise<PostmortemPage> {
    const from = query.from === undefined ? undefined : parseInstant(query.from);
    const to = query.to === undefined ? undefined : parseInstant(query.to);
    if (from && to && from.getTime() > to.getTime()) throw invalidInput('from must not be after to');
    const page = await this.postmortems.list({
      kind: query.kind,
      severity: query.severity,
      service: query.service,
      from,
      to,
      titleContains: query.q,
      sourceId: query.sourceId,
      beforeSeq: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    return { items: page.items, nextCursor: page.nextSeq === null ? null : encodeCursor(page.nextSeq) };
  }

  /** Merges the given fields into the stored post-mortem; the cross-field rules hold for the result. */
  async update(id: string, input: UpdatePostmortemDto): Promise<PostmortemEntity> {
    return this.transactions.run(async (tx) => {
      const current = await this.postmortems.findById(id, tx, true);
      if (!current) throw notFound('post-mortem', id);
      const changes = changesFrom(input);
      if (Object.keys(changes).length === 0) return current;
      assertPostmortemRules({ ...current, ...changes });
      await this.postmortems.update(id, { ...changes, updatedAt: new Date() }, tx);
      return (await this.postmortems.findById(id, tx))!;
    });
  }

  /**
   * Refused while corrective actions point at it: they would lose the incident that explains them.
   * Refused too while it is published: its public page would vanish without the 410 a withdrawal
   * gives.
   * The row lock makes an action linked concurrently either counted here or refused by the
   * foreign key after this commits.
   */
  async delete(id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const current = await this.postmortems.findById(id, tx, true);
      if (!current) throw notFound('post-mortem', id);
      if (await this.publications.hasLive(id, tx))
        throw conflict('post-mortem is published; withdraw its public summary first (DELETE …/publication)');
      const linked = await this.postmortems.countLinkedActions(id, tx);
      if (linked > 0) {
        throw conflict(
          `post-mortem has ${linked} corrective action${linked === 1 ? '' : 's'}; delete or move them first`,
        );
      }
      await this.postmortems.delete(id, tx);
    });
  }
}

function instantOrNull(value: string | null | undefined): Date | null {
  return value == null ? null : parseInstant(value);
}

/** The stored form of each field present in a PATCH body (null kept: it clears). */
function changesFrom(input: UpdatePostmortemDto): PostmortemChanges {
  const changes: PostmortemChanges = {};
  if (input.sourceId !== undefined) changes.sourceId = input.sourceId;
  if (input.kind !== undefined) changes.kind = input.kind;
  if (input.title !== undefined) changes.title = input.title;
  if (input.severity !== undefined) changes.severity = input.severity;
  if (input.occurredAt !== undefined) changes.occurredAt = instantOrNull(input.occurredAt);
  if (input.resolvedAt !== undefined) changes.resolvedAt = instantOrNull(input.resolvedAt);
  if (input.services !== undefined) changes.services = uniqueServices(input.services);
  if (input.summary !== undefined) changes.summary = input.summary;
  if (input.timeline !== undefined) changes.timeline = orderTimeline(input.timeline);
  if (input.contributingFactors !== undefined) {
    changes.contributingFactors = input.contributingFactors.map((f) => ({
      kind: f.kind,
      category: f.category,
      text: f.text,
    }));
  }
  return changes;
}
