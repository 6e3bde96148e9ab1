import { Injectable, Logger } from '@nestjs/common';
import { TrackerLinkRepository, type TrackerLinkEntity } from '@app/persistence';
import { TrackerError, type TrackerEvent, type TrackerIssue } from '@app/trackers';
import { TrackerRegistry } from './tracker-registry';
import { TrackerStatusSync, type StatusSyncOutcome } from './tracker-status.sync';

/** One issue whose state a poll found changed, and what applying it did. */
export interface PolledChange {
  key: string;
  state: 'open' | 'closed';
  result: StatusSyncOutcome;
}

/** What one poll round of a tracker did. */
export interface PollRound {
  tracker: string;
  /** Linked issues read. */
  read: number;
  changed: PolledChange[];
  /** Why the round stopped early (a tracker error), else null. */
  stopped: string | null;
}

/**
 * Reads a tracker's linked issues again, for what a lost webhook missed (docs/trackers.md,
 * "Polling"): each issue whose state differs from the link's recorded one becomes the event a
 * webhook would have told, applied by the same status sync. A tracker error stops the round: the
 * next one reads again.
 */
@Injectable()
export class TrackerPollService {
  private readonly logger = new Logger('TrackerPoll');

  constructor(
    private readonly registry: TrackerRegistry,
    private readonly links: TrackerLinkRepository,
    private readonly sync: TrackerStatusSync,
  ) {}

  async poll(name: string): Promise<PollRound> {
    const { client } = this.registry.get(name);
    const round: PollRound = { tracker: name, read: 0, changed: [], stopped: null };
    for (const link of await this.links.pollableLinks(name)) {
      let issue: TrackerIssue | null;
      try {
        issue = await client.getIssue(link.issueKey);
      } catch (err) {
        if (!(err instanceof TrackerError)) throw err;
        round.stopped = `${err.kind}: ${err.message}`;
        const line = `poll of tracker ${name} stopped at ${link.issueKey}: ${round.stopped}`;
        if (err.retriable) this.logger.log(line);
        else this.logger.warn(line);
        break;
      }
      round.read += 1;
      // An issue the tracker no longer has changes nothing here: a person unlinks it.
      if (!issue) continue;
      const change = await this.applyChange(name, link, issue);
      if (change) round.changed.push(change);
    }
    return round;
  }

  private async applyChange(
    tracker: string,
    link: TrackerLinkEntity,
    issue: TrackerIssue,
  ): Promise<PolledChange | null> {
    if (issue.state === link.state) return null;
    const result = await this.sync.apply({
      tracker,
      deliveryId: pollDeliveryId(link, issue),
      key: link.issueKey,
      event: eventOf(issue),
      title: issue.title,
    });
    return { key: link.issueKey, state: issue.state, result };
  }
}

/** The change a poll found, as the webhook would have told it. */
function eventOf(issue: TrackerIssue): TrackerEvent {
  if (issue.state === 'closed') return { kind: 'closed', reason: issue.closeReason, at: issue.closedAt ?? new Date() };
  return { kind: 'reopened', at: new Date() };
}

/**
 * The delivery id of a change a poll found: the same for every poller that sees the same change
 * (two API replicas), so it is applied once; a later close or reopen of the issue is a new id. A
 * close is named by its time; a reopen by when the link last recorded the issue closed.
 */
function pollDeliveryId(link: TrackerLinkEntity, issue: TrackerIssue): string {
  const when = issue.state === 'closed' ? (issue.closedAt?.toISOString() ?? '') : link.seenAt.toISOString();
  return `poll:${link.issueKey}:${issue.state}:${when}`;
}
