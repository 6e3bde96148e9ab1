import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { ACTION_STATUSES, PRIORITIES, type ActionStatus, type Priority } from '@app/domain';
import {
  MAX_ASSIGNEE_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_SERVICE_LENGTH,
  MAX_SERVICES,
  MAX_TEAM_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  SERVICE_NAME,
  URL_OPTIONS,
} from '../action.constants';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';

// class-validator runs a property's decorators bottom-up and reports the first failure, so the
// type check sits nearest the property: `"title": 5` is "must be a string", not "blank".
export class CreateActionDto {
  /** The post-mortem this action came out of; it must exist. */
  @IsOptional()
  @IsUUID('all')
  postmortemId?: string | null;

  @NotBlank()
  @Length(1, MAX_TITLE_LENGTH)
  @IsString()
  title: string;

  /** Markdown. */
  @IfDefined()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  @IsString()
  description?: string;

  /** The team that owns the fix (actions are owned by teams, not people). */
  @NotBlank()
  @Length(1, MAX_TEAM_LENGTH)
  @IsString()
  ownerTeam: string;

  /** Free text for coordination only; never aggregated or reported. */
  @IsOptional()
  @NotBlank()
  @Length(1, MAX_ASSIGNEE_LENGTH)
  @IsString()
  assignee?: string | null;

  /** Default P2. */
  @IfDefined()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** Service names: lowercase letters, digits, "-", "_", ".". */
  @IfDefined()
  @Matches(SERVICE_NAME, { each: true, message: 'services must be lowercase letters, digits, "-", "_" or "."' })
  @Length(1, MAX_SERVICE_LENGTH, { each: true, message: `services must be 1..${MAX_SERVICE_LENGTH} characters each` })
  @IsString({ each: true, message: 'services must be strings' })
  @ArrayMaxSize(MAX_SERVICES)
  @IsArray()
  services?: string[];

  /** A link to the ticket (Jira, GitHub, Linear): http or https. */
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'externalRef must be an http(s) URL' })
  @MaxLength(MAX_URL_LENGTH)
  @IsString()
  externalRef?: string | null;

  /** Default now; may be in the past (importing existing action items), not in the future. */
  @IfDefined()
  @IsInstant()
  openedAt?: string;

  /** Default: openedAt plus the priority's remediation SLO (none for P3); null for no due date. */
  @IsOptional()
  @IsInstant()
  dueAt?: string | null;

  /**
   * Default open. An existing action item is imported at its status in one call: the moves from
   * open are audited one by one, each at its time (in_progress at openedAt, implemented at
   * implementedAt, verified or wont_fix at closedAt). verified needs a verificationNote.
   */
  @IfDefined()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  /** With status implemented or verified: when the fix shipped (default now, or closedAt for verified); not before openedAt, not in the future. */
  @IfDefined()
  @IsInstant()
  implementedAt?: string;

  /** With status verified or wont_fix: when it closed (default now); not before openedAt or implementedAt, not in the future. */
  @IfDefined()
  @IsInstant()
  closedAt?: string;

  /** Only with status verified, and required then: how the fix was checked without telemetry. */
  @IfDefined()
  @NotBlank()
  @Length(1, MAX_NOTE_LENGTH)
  @IsString()
  verificationNote?: string;
}
