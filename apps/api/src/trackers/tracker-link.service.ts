import { Injectable } from '@nestjs/common';
import { conflict, DomainErrorCode, invalidInput } from '@app/domain';
import { inputErrorOf, TrackerLinkRepository, type Tx } from '@app/persistence';
import { parseIssueKey, TrackerError, type TrackerIssue } from '@app/trackers';
import { TrackerRegistry } from './tracker-registry';
import type { TrackerRefDto } from './dto/tracker-ref.dto';

/** An issue a caller named, read from its tracker: what a link records. */
export interface ResolvedIssue {
  tracker: string;
  /** The key in its one spelling. */
  key: string;
  issue: TrackerIssue;
}

/** What an audit entry records of a link: the tracker and the key, before and after. */
export type LinkRef = { name: string; key: string } | null;

export interface LinkChange {
  from: LinkRef;
  to: LinkRef;
}

/**
 * Links of actions to tracker issues (docs/trackers.md, "Linking"). The issue is read from its
 * tracker before any transaction opens (a slow tracker must not hold row locks); the link is then
 * written in the caller's transaction, where the unique key has the last word.
 */
@Injectable()
export class TrackerLinkService {
  constructor(
    private readonly registry: TrackerRegistry,
    private readonly links: TrackerLinkRepository,
  ) {}

  /**
   * The issue a caller named, as its tracker has it now. An unknown tracker, a key that is not one
   * or an issue the tracker does not have is the caller's mistake (400, naming the field); a
   * tracker that cannot answer is a TrackerError (502).
   */
  async resolve(ref: TrackerRefDto): Promise<ResolvedIssue> {
    const tracker = this.registry.find(ref.name);
    if (!tracker) {
      const names = this.registry.all().map((t) => `"${t.config.name}"`);
      throw invalidInput(
        `tracker.name: no tracker named "${ref.name}" (configured: ${names.length > 0 ? names.join(', ') : 'none'})`,
      );
    }
    const { key } = parseIssueKey(tracker.config.type, ref.key);
    const issue = await this.readIssue(tracker.config.name, key, () => tracker.client.getIssue(key));
    return { tracker: tracker.config.name, key, issue };
  }

  /**
   * Links the action to the issue (or unlinks it, for null) in the caller's transaction; the
   * change, or null when the link stays as it was. An issue linked to another action is a 409.
   */
  async apply(actionId: string, target: ResolvedIssue | null, tx: Tx, seenAt = new Date()): Promise<LinkChange | null> {
    const current = await this.links.findByAction(actionId, tx);
    const from: LinkRef = current ? { name: current.tracker, key: current.issueKey } : null;
    if (target === null) {
      if (!current) return null;
      await this.links.unlink(actionId, tx);
      return { from, to: null };
    }
    const holder = await this.links.findByIssue(target.tracker, target.key, tx);
    if (holder && holder.actionId !== actionId) throw taken(target, holder.actionId);
    try {
      await this.links.link(
        {
          actionId,
          tracker: target.tracker,
          issueKey: target.key,
          url: target.issue.url,
          title: target.issue.title,
          state: target.issue.state,
          seenAt,
        },
        tx,
      );
    } catch (error) {
      // Linked by another request since the check above: the unique key refused this one.
      if (inputErrorOf(error)?.code === DomainErrorCode.Conflict) throw taken(target, null);
      throw error;
    }
    const to = { name: target.tracker, key: target.key };
    return from && from.name === to.name && from.key === to.key ? null : { from, to };
  }

  private async readIssue(
    tracker: string,
    key: string,
    read: () => Promise<TrackerIssue | null>,
  ): Promise<TrackerIssue> {
    let issue: TrackerIssue | null;
    try {
      issue = await read();
    } catch (error) {
      // Only a failure about this issue is the caller's; the tracker being down or refusing the token is not.
      if (error instanceof TrackerError && error.kind === 'not_found') issue = null;
      else if (error instanceof TrackerError && error.kind === 'refused')
        throw invalidInput(`tracker.key: ${tracker} refused to show issue ${key}: ${error.message}`);
      else throw error;
    }
    if (!issue) throw invalidInput(`tracker.key: ${tracker} has no issue ${key}`);
    return issue;
  }
}

function taken(target: ResolvedIssue, actionId: string | null) {
  const holder = actionId ? `action ${actionId}` : 'another action';
  return conflict(`tracker.key: ${target.tracker} issue ${target.key} is already linked to ${holder}`);
}
