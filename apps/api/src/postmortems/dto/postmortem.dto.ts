import type { PostmortemKind, Severity } from '@app/persistence';
import { ContributingFactorDto } from './contributing-factor.dto';
import { TimelineEntryDto } from './timeline-entry.dto';

export class PostmortemDto {
  id: string;
  /** The stable id a definitions file gave it (docs/definitions.md); null when made by hand. */
  sourceId: string | null;
  kind: PostmortemKind;
  title: string;
  severity: Severity | null;
  /** ISO-8601 (UTC). */
  occurredAt: string | null;
  resolvedAt: string | null;
  services: string[];
  /** Markdown. */
  summary: string;
  /** In chronological order. */
  timeline: TimelineEntryDto[];
  contributingFactors: ContributingFactorDto[];
  createdAt: string;
  updatedAt: string;
}
