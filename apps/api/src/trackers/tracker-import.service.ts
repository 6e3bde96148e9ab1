import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { TrackerLinkRepository, TransactionRunner } from '@app/persistence';
import { importedAction, parseIssueKey, type TrackerIssue } from '@app/trackers';
import { ActionFlagsRefresher } from '../actions/action-flags.refresher';
import { ActionsService } from '../actions/actions.service';
import { TrackerRegistry, type ConfiguredTracker } from './tracker-registry';
import type { ImportedIssueDto, TrackerImportResultDto } from './dto/tracker-import.dto';

/**
 * Imports a tracker's issues as actions (docs/trackers.md, "Import"): each issue the query finds
 * becomes an action linked to it, unless an action is linked to it already. One transaction per
 * issue: a failure leaves the issues before it imported and nothing half-written for the one at
 * hand, and importing again picks up where it stopped (imported issues are skipped).
 */
@Injectable()
export class TrackerImportService {
  private readonly logger = new Logger('TrackerImport');

  constructor(
    private readonly registry: TrackerRegistry,
    private readonly links: TrackerLinkRepository,
    private readonly actions: ActionsService,
    private readonly flags: ActionFlagsRefresher,
    private readonly transactions: TransactionRunner,
  ) {}

  async import(name: string, query: string, dryRun: boolean, principal: Principal): Promise<TrackerImportResultDto> {
    const tracker = this.registry.get(name);
    const result: TrackerImportResultDto = {
      found: 0,
      created: [],
      skipped: [],
      ...(dryRun ? { wouldCreate: [] } : {}),
    };
    const progress = ({ read, total }: { read: number; total: number | null }) =>
      this.logger.log(`${name}: read ${read}${total === null ? '' : ` of ${total}`} issues for "${query}"`);
    for await (const found of tracker.client.search(query, progress)) {
      result.found++;
      const issue = { ...found, key: parseIssueKey(tracker.config.type, found.key).key };
      const linkedTo = (await this.links.findByIssue(name, issue.key))?.actionId;
      if (linkedTo) result.skipped.push(item(issue, 'skipped', linkedTo));
      else if (dryRun) result.wouldCreate!.push(item(issue, 'would_create'));
      else result.created.push(item(issue, 'created', await this.create(tracker, issue, principal)));
    }
    this.logger.log(
      `${name}: ${result.found} issues found, ${result.created.length} created, ${result.skipped.length} skipped` +
        (dryRun ? `, ${result.wouldCreate!.length} would be created (dry run)` : ''),
    );
    return result;
  }

  /** One action for the issue, linked to it, in one transaction; the action's id. */
  private async create(tracker: ConfiguredTracker, issue: TrackerIssue, principal: Principal): Promise<string> {
    const opened = this.actions.openRequested(importedAction(issue, tracker.config), new Date());
    const resolved = { tracker: tracker.config.name, key: issue.key, issue };
    await this.transactions.run((tx) => this.actions.writeLinked(opened, resolved, principal, tx));
    await this.flags.refresh(opened.action.id);
    return opened.action.id;
  }
}

function item(issue: TrackerIssue, status: ImportedIssueDto['status'], actionId?: string): ImportedIssueDto {
  return { key: issue.key, url: issue.url, title: issue.title, ...(actionId ? { actionId } : {}), status };
}
