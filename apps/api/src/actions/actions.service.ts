import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { invalidInput, notFound, openAction, type ActionOutcome, type OpenActionRequest } from '@app/domain';
import {
  ActionEventRepository,
  ActionRepository,
  NotificationOutboxRepository,
  TransactionRunner,
  type Tx,
} from '@app/persistence';
import { withLinkChange } from '../trackers/link-audit';
import { TrackerLinkService, type ResolvedIssue } from '../trackers/tracker-link.service';
import { ActionFlagsRefresher } from './action-flags.refresher';
import { ActionQueryService } from './action-query.service';
import { parseInstant } from '../http/validation/instant';
import type { ActionDto } from './dto/action.dto';
import type { CreateActionDto } from './dto/create-action.dto';

/** Opening (or importing) and deleting corrective actions. */
@Injectable()
export class ActionsService {
  constructor(
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: ActionRepository,
    private readonly events: ActionEventRepository,
    private readonly outbox: NotificationOutboxRepository,
    private readonly query: ActionQueryService,
    private readonly flags: ActionFlagsRefresher,
    private readonly trackerLinks: TrackerLinkService,
  ) {}

  async create(input: CreateActionDto, principal: Principal): Promise<ActionDto> {
    // The issue is read before the transaction: a slow tracker holds no locks.
    const issue = input.tracker ? await this.trackerLinks.resolve(input.tracker) : null;
    const opened = this.open(input, new Date());
    await this.transactions.run((tx) => this.writeLinked(opened, issue, principal, tx));
    await this.flags.refresh(opened.action.id);
    return this.query.get(opened.action.id);
  }

  /** The action a request opens, with its audit trail and events; nothing written yet. */
  open(input: CreateActionDto, now: Date): ActionOutcome {
    return this.openRequested(openRequest(input), now);
  }

  /** The action a domain request opens (an imported issue, say); nothing written yet. */
  openRequested(request: OpenActionRequest, now: Date): ActionOutcome {
    return openAction(request, { id: randomUUID(), now, sloDays: this.config.remediationSlo });
  }

  /**
   * Writes an opened action linked to a tracker issue (or to none), in the caller's transaction;
   * its creation's audit entry records the link. An issue linked to another action is a 409.
   */
  async writeLinked(opened: ActionOutcome, issue: ResolvedIssue | null, principal: Principal, tx: Tx): Promise<void> {
    if (!issue) return this.write(opened, principal, tx);
    const { action, audit } = opened;
    const link = { name: issue.tracker, key: issue.key };
    await this.write(
      { ...opened, audit: withLinkChange(audit, { from: null, to: link }, action.openedAt) },
      principal,
      tx,
    );
    await this.trackerLinks.apply(action.id, issue, tx);
  }

  /** Writes an opened action in the caller's transaction; its flags are refreshed after commit. */
  async write({ action, audit, events }: ActionOutcome, principal: Principal, tx: Tx): Promise<void> {
    const postmortemId = action.postmortemId;
    if (postmortemId !== null && !(await this.actions.lockPostmortem(postmortemId, tx))) {
      throw invalidInput(`postmortemId: post-mortem ${postmortemId} not found`);
    }
    await this.actions.insert(action, tx);
    for (const entry of audit) await this.events.append({ actionId: action.id, actor: principal.name, ...entry }, tx);
    // An imported manual verification is an event like one made by PATCH, written in the same transaction.
    for (const event of events) await this.outbox.enqueue(event, tx);
  }

  /** Deletes the action with its metrics, flags and audit trail. */
  async remove(id: string): Promise<void> {
    if (!(await this.actions.delete(id))) throw notFound('action', id);
  }
}

function openRequest({ tracker: _link, ...input }: CreateActionDto): OpenActionRequest {
  return {
    ...input,
    openedAt: instant(input.openedAt),
    dueAt: input.dueAt === null ? null : instant(input.dueAt),
    implementedAt: instant(input.implementedAt),
    closedAt: instant(input.closedAt),
  };
}

function instant(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : parseInstant(value);
}
