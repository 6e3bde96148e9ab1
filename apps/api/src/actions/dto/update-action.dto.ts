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

/** Only the fields given change; null clears a nullable field. */
export class UpdateActionDto {
  @IsOptional()
  @IsUUID('all')
  postmortemId?: string | null;

  @IfDefined()
  @NotBlank()
  @Length(1, MAX_TITLE_LENGTH)
  @IsString()
  title?: string;

  /** Markdown. */
  @IfDefined()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  @IsString()
  description?: string;

  @IfDefined()
  @NotBlank()
  @Length(1, MAX_TEAM_LENGTH)
  @IsString()
  ownerTeam?: string;

  @IsOptional()
  @NotBlank()
  @Length(1, MAX_ASSIGNEE_LENGTH)
  @IsString()
  assignee?: string | null;

  @IfDefined()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @IfDefined()
  @Matches(SERVICE_NAME, { each: true, message: 'services must be lowercase letters, digits, "-", "_" or "."' })
  @Length(1, MAX_SERVICE_LENGTH, { each: true, message: `services must be 1..${MAX_SERVICE_LENGTH} characters each` })
  @IsString({ each: true, message: 'services must be strings' })
  @ArrayMaxSize(MAX_SERVICES)
  @IsArray()
  services?: string[];

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'externalRef must be an http(s) URL' })
  @MaxLength(MAX_URL_LENGTH)
  @IsString()
  externalRef?: string | null;

  /** Not in the future, and not after dueAt, implementedAt or closedAt. */
  @IfDefined()
  @IsInstant()
  openedAt?: string;

  /**
   * Not before openedAt; null for no due date. A due date left to its default (the priority's SLO
   * from openedAt) follows openedAt and priority when they change; once given here it stays.
   */
  @IsOptional()
  @IsInstant()
  dueAt?: string | null;

  /**
   * Moves the action along the workflow: open → in_progress → implemented → verified; wont_fix
   * from any non-terminal status; implemented → in_progress (rolled back); verified → in_progress
   * (reopened). A person sets verified only on an action without success metrics, with a
   * verificationNote. Any other move is a 409 naming the allowed ones.
   */
  @IfDefined()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  /** Only with status implemented: when the fix shipped (default now); not in the future, not before openedAt. */
  @IfDefined()
  @IsInstant()
  implementedAt?: string;

  /** Only with status verified, and required then: how the fix was checked without telemetry. */
  @IfDefined()
  @NotBlank()
  @Length(1, MAX_NOTE_LENGTH)
  @IsString()
  verificationNote?: string;
}
