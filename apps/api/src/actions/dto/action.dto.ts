import type { ActionStatus, Priority, Verification } from '@app/domain';
import { SuccessMetricDto } from '../../success-metrics/dto/success-metric.dto';
import { LinkedIssueDto } from '../../trackers/dto/linked-issue.dto';
import { ActionFlagDto } from './action-flag.dto';

export class ActionDto {
  id: string;
  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  sourceId: string | null;
  postmortemId: string | null;
  title: string;
  /** Markdown. */
  description: string;
  ownerTeam: string;
  /** Coordination only; never aggregated. */
  assignee: string | null;
  priority: Priority;
  services: string[];
  externalRef: string | null;
  openedAt: string;
  dueAt: string | null;
  status: ActionStatus;
  implementedAt: string | null;
  /** When it became verified or wont_fix. */
  closedAt: string | null;
  /** When the status last changed: openedAt at creation; for implemented, the implementedAt given. */
  statusChangedAt: string;
  /** How it reached verified: by the scorer (telemetry) or by a person (manual). */
  verification: Verification | null;
  verificationNote: string | null;
  /** The active flags. */
  flags: ActionFlagDto[];
  metrics: SuccessMetricDto[];
  /** The tracker issue the action is linked to (docs/trackers.md), or null. */
  tracker: LinkedIssueDto | null;
  createdAt: string;
  updatedAt: string;
}
