import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { TrackerLinkEntity } from '../entities/tracker-link.entity';
import { managerOf, type Tx } from '../transaction/tx';

export type TrackerLink = Omit<TrackerLinkEntity, 'createdAt'>;

/** What a tracker said of an issue when it was last read. */
export type SeenIssue = Pick<TrackerLinkEntity, 'url' | 'title' | 'state' | 'seenAt'>;

/** Actions' links to tracker issues; one issue links to at most one action (a unique key). */
@Injectable()
export class TrackerLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByAction(actionId: string, tx?: Tx): Promise<TrackerLinkEntity | null> {
    return managerOf(tx, this.dataSource).getRepository(TrackerLinkEntity).findOneBy({ actionId });
  }

  /** The links of these actions, by action id. */
  async findByActions(actionIds: string[], tx?: Tx): Promise<Map<string, TrackerLinkEntity>> {
    if (actionIds.length === 0) return new Map();
    const links = await managerOf(tx, this.dataSource)
      .getRepository(TrackerLinkEntity)
      .findBy({ actionId: In(actionIds) });
    return new Map(links.map((link) => [link.actionId, link]));
  }

  findByIssue(tracker: string, issueKey: string, tx?: Tx): Promise<TrackerLinkEntity | null> {
    return managerOf(tx, this.dataSource).getRepository(TrackerLinkEntity).findOneBy({ tracker, issueKey });
  }

  /** Which of these issues of a tracker are linked already, by issue key → action id. */
  async linkedIssues(tracker: string, issueKeys: string[], tx?: Tx): Promise<Map<string, string>> {
    if (issueKeys.length === 0) return new Map();
    const links = await managerOf(tx, this.dataSource)
      .getRepository(TrackerLinkEntity)
      .find({ select: { actionId: true, issueKey: true }, where: { tracker, issueKey: In(issueKeys) } });
    return new Map(links.map((link) => [link.issueKey, link.actionId]));
  }

  /**
   * The links of one tracker whose action can still move (anything but wont_fix: a verified
   * action's issue may be reopened), least recently seen first: what a poll reads again.
   */
  pollableLinks(tracker: string, tx?: Tx): Promise<TrackerLinkEntity[]> {
    return managerOf(tx, this.dataSource)
      .getRepository(TrackerLinkEntity)
      .createQueryBuilder('l')
      .innerJoin('actions', 'a', 'a.id = l.action_id')
      .where('l.tracker = :tracker', { tracker })
      .andWhere(`a.status NOT IN ('wont_fix')`)
      .orderBy('l.seen_at', 'ASC')
      .getMany();
  }

  /** Links the action to the issue, replacing the link it had; a taken issue is the unique key's 409. */
  async link(link: TrackerLink, tx: Tx): Promise<void> {
    const repo = managerOf(tx).getRepository(TrackerLinkEntity);
    await repo.delete({ actionId: link.actionId });
    await repo.insert(link);
  }

  async unlink(actionId: string, tx: Tx): Promise<void> {
    await managerOf(tx).getRepository(TrackerLinkEntity).delete({ actionId });
  }

  /** Records what the tracker said of the issue now. */
  async seen(actionId: string, issue: SeenIssue, tx?: Tx): Promise<void> {
    await managerOf(tx, this.dataSource).getRepository(TrackerLinkEntity).update({ actionId }, issue);
  }
}
