import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import type { ActionStatus, Priority } from '@app/domain';
import { TrackerRefDto } from '../../trackers/dto/tracker-ref.dto';
import { ActionFieldsDto } from './action-fields.dto';

/** The rules of each field are in ActionFieldsDto; here, what each one means for a new action. */
export class CreateActionDto extends ActionFieldsDto {
  /** The post-mortem this action came out of; it must exist. */
  declare postmortemId?: string | null;

  /** The team that owns the fix (actions are owned by teams, not people). */
  declare ownerTeam: string;

  /** Free text for coordination only; never aggregated or reported. */
  declare assignee?: string | null;

  /** Default P2. */
  declare priority?: Priority;

  /** Service names: lowercase letters, digits, "-", "_", ".". */
  declare services?: string[];

  /** A link to the ticket (Jira, GitHub, Linear): http or https. */
  declare externalRef?: string | null;

  /** Default now; may be in the past (importing existing action items), not in the future. */
  declare openedAt?: string;

  /** Default: openedAt plus the priority's remediation SLO (none for P3); null for no due date. */
  declare dueAt?: string | null;

  /**
   * Default open. An existing action item is imported at its status in one call: the moves from
   * open are audited one by one, each at its time (in_progress at openedAt, implemented at
   * implementedAt, verified or wont_fix at closedAt). verified needs a verificationNote.
   */
  declare status?: ActionStatus;

  /** With status implemented or verified: when the fix shipped (default now, or closedAt for verified); not before openedAt, not in the future. */
  declare implementedAt?: string;

  /** With status verified or wont_fix: when it closed (default now); not before openedAt or implementedAt, not in the future. */
  declare closedAt?: string;

  /**
   * The tracker issue this action is (docs/trackers.md, "Linking"): read from the tracker when
   * linked; one issue links to at most one action. Null or absent: none.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackerRefDto)
  @IsObject()
  tracker?: TrackerRefDto | null;
}
