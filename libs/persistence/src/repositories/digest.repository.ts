import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActionFacts, ActionStatus, Priority } from '@app/domain';
import { managerOf, type Tx } from '../transaction/tx';
import { dateOrNull } from './column-values';
import { TERMINAL_STATUSES_SQL } from './terminal-statuses.sql';

/** The facts a notification shows of an action, and whether it is overdue or stalled. */
export interface DigestActionRow extends ActionFacts {
  overdue: boolean;
  stalled: boolean;
}

/** What a weekly digest reports: every action still open, whatever its post-mortem's state. */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open actions as of `at`, by team, most urgent first within a team. */
  async openActions(at: Date, tx?: Tx): Promise<DigestActionRow[]> {
    const em = managerOf(tx, this.dataSource);
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT a.id, a.title, a.owner_team AS "ownerTeam", a.priority, a.status, a.due_at AS "dueAt",
         (a.due_at IS NOT NULL AND a.due_at < $1) AS overdue,
         EXISTS (SELECT 1 FROM flags f WHERE f.action_id = a.id AND f.kind = 'stalled' AND f.cleared_at IS NULL) AS stalled
       FROM actions a
       WHERE a.status NOT IN ${TERMINAL_STATUSES_SQL}
       ORDER BY a.owner_team, a.priority, a.due_at NULLS LAST, a.id`,
      [at],
    );
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      ownerTeam: r.ownerTeam as string,
      priority: r.priority as Priority,
      status: r.status as ActionStatus,
      dueAt: dateOrNull(r.dueAt),
      overdue: r.overdue === true || r.overdue === 't',
      stalled: r.stalled === true || r.stalled === 't',
    }));
  }
}
