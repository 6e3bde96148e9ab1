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

import { IsSourceId } from '../../http/validation/is-source-id.decorator';
/**
 * What each field of an action accepts, whether the action is being created or changed; what a
 * field means in each request is said in CreateActionDto and UpdateActionDto.
 *
 * class-validator runs a property's decorators bottom-up and reports the first failure, so the
 * type check sits nearest the property: `"title": 5` is "must be a string", not "blank".
 */
export class ActionFieldsDto {
  /** The stable id a definitions file gave the action (docs/definitions.md); unique; null clears it. */
  @IsSourceId()
  sourceId?: string | null;

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

  @NotBlank()
  @Length(1, MAX_TEAM_LENGTH)
  @IsString()
  ownerTeam: string;

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

  @IfDefined()
  @IsInstant()
  openedAt?: string;

  @IsOptional()
  @IsInstant()
  dueAt?: string | null;

  @IfDefined()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @IfDefined()
  @IsInstant()
  implementedAt?: string;

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
