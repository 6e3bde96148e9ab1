import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { PostmortemEntity } from '../entities/postmortem.entity';
import { PublicationEntity } from '../entities/publication.entity';
import { managerOf, type Tx } from '../transaction/tx';

export type NewPublication = Pick<
  PublicationEntity,
  'postmortemId' | 'slug' | 'summary' | 'includeTimeline' | 'includeActions' | 'publishedAt'
>;

export type PublicationChange = Pick<PublicationEntity, 'summary' | 'includeTimeline' | 'includeActions' | 'updatedAt'>;

/** A live publication in the feed, with the instant its public page last changed in substance. */
export interface FeedPublicationRow {
  publication: PublicationEntity;
  title: string;
  /** The latest of: the publication's own update, the post-mortem's, an included action's status change. */
  contentUpdatedAt: Date;
}

/** Post-mortems' public summaries (docs/publishing.md). */
@Injectable()
export class PublicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The post-mortem's live publication, locked for the change about to be made when `tx` is given. */
  findLive(postmortemId: string, tx?: Tx): Promise<PublicationEntity | null> {
    const em = managerOf(tx, this.dataSource);
    const qb = em
      .getRepository(PublicationEntity)
      .createQueryBuilder('p')
      .where('p.postmortemId = :postmortemId AND p.withdrawnAt IS NULL', { postmortemId });
    if (tx) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Live or withdrawn: a withdrawn address answers 410, an unknown one 404. */
  findBySlug(slug: string, tx?: Tx): Promise<PublicationEntity | null> {
    return managerOf(tx, this.dataSource).getRepository(PublicationEntity).findOneBy({ slug });
  }

  hasLive(postmortemId: string, tx?: Tx): Promise<boolean> {
    return managerOf(tx, this.dataSource)
      .getRepository(PublicationEntity)
      .existsBy({ postmortemId, withdrawnAt: IsNull() });
  }

  insert(publication: NewPublication, tx: Tx): Promise<PublicationEntity> {
    const repo = managerOf(tx).getRepository(PublicationEntity);
    return repo.save(repo.create({ ...publication, updatedAt: publication.publishedAt, withdrawnAt: null }));
  }

  async update(id: string, change: PublicationChange, tx: Tx): Promise<void> {
    await managerOf(tx).getRepository(PublicationEntity).update({ id }, change);
  }

  async withdraw(id: string, at: Date, tx: Tx): Promise<void> {
    await managerOf(tx).getRepository(PublicationEntity).update({ id }, { withdrawnAt: at });
  }

  /**
   * Live publications, newest first by publication time, at most `limit`. An action's status change
   * counts as an update only where the page shows the actions.
   */
  async feed(limit: number, tx?: Tx): Promise<{ rows: FeedPublicationRow[]; lastChangedAt: Date }> {
    const em = managerOf(tx, this.dataSource);
    // A withdrawal changes the list too; with nothing ever published, the epoch.
    const [{ lastChangedAt }]: Array<{ lastChangedAt: Date | string | null }> = await em.query(
      `SELECT max(greatest(updated_at, withdrawn_at)) AS "lastChangedAt" FROM postmortem_publications`,
    );
    const changed = lastChangedAt === null ? new Date(0) : new Date(lastChangedAt);
    const { entities, raw } = await em
      .getRepository(PublicationEntity)
      .createQueryBuilder('p')
      .innerJoin(PostmortemEntity, 'pm', 'pm.id = p.postmortemId')
      .addSelect('pm.title', 'feed_title')
      .addSelect(
        `greatest(p.updated_at, pm.updated_at,
           CASE WHEN p.include_actions THEN
             (SELECT max(a.status_changed_at) FROM actions a WHERE a.postmortem_id = p.postmortem_id)
           END)`,
        'feed_content_updated_at',
      )
      .where('p.withdrawnAt IS NULL')
      .orderBy('p.publishedAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit)
      .getRawAndEntities<{ feed_title: string; feed_content_updated_at: Date | string }>();
    return {
      // One row a publication (the join is to its one post-mortem), so raw rows and entities align.
      rows: entities.map((publication, i) => ({
        publication,
        title: raw[i].feed_title,
        contentUpdatedAt: new Date(raw[i].feed_content_updated_at),
      })),
      lastChangedAt: changed,
    };
  }
}
