import { Inject, Injectable } from '@nestjs/common';
import { notifiedAction, type DigestEntry } from '@app/domain';
import {
  DigestRepository,
  NotificationOutboxRepository,
  type DigestActionRow,
  TransactionRunner,
} from '@app/persistence';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';
import { latestDigestSlot, type DigestSlot } from './digest-week';

/** Actions listed in one digest; the counts still cover them all. */
export const DIGEST_MAX_ACTIONS = 50;

export interface DigestRun {
  week: string;
  scheduledAt: string;
  /** Teams with open actions. */
  teams: number;
  /** Digests written now; the others had been written for this week already. */
  created: number;
}

/**
 * The weekly digest: for each team with open actions, its open, overdue and stalled actions. One
 * outbox event per team and week, by its dedup key, whoever asks and however often.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly transactions: TransactionRunner,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly digest: DigestRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  /** The digests of the week whose scheduled time is the latest at or before `at`. */
  slotAt(at: Date): DigestSlot {
    return latestDigestSlot(this.settings.digest, at);
  }

  send(slot: DigestSlot, now: Date = new Date()): Promise<DigestRun> {
    return this.transactions.run(async (tx) => {
      const byTeam = groupByTeam(await this.digest.openActions(now, tx));
      let created = 0;
      for (const [team, rows] of byTeam) {
        const actions: DigestEntry[] = rows.map((r) => ({
          ...notifiedAction(r),
          overdue: r.overdue,
          stalled: r.stalled,
        }));
        const body = {
          team,
          week: slot.week,
          counts: {
            open: rows.length,
            overdue: rows.filter((r) => r.overdue).length,
            stalled: rows.filter((r) => r.stalled).length,
          },
          actions: actions.slice(0, DIGEST_MAX_ACTIONS),
          truncated: actions.length > DIGEST_MAX_ACTIONS,
        };
        const id = await this.outbox.enqueue(
          { type: 'digest.weekly', occurredAt: now, body, dedupKey: `digest.weekly:${slot.week}:${team}` },
          tx,
        );
        if (id !== null) created++;
      }
      return { week: slot.week, scheduledAt: slot.scheduledAt.toISOString(), teams: byTeam.size, created };
    });
  }
}

function groupByTeam(rows: DigestActionRow[]): Map<string, DigestActionRow[]> {
  const teams = new Map<string, DigestActionRow[]>();
  for (const row of rows) teams.set(row.ownerTeam, [...(teams.get(row.ownerTeam) ?? []), row]);
  return teams;
}
