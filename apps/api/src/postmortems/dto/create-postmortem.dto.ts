import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import type { PostmortemKind, Severity } from '@app/persistence';
import {
  MAX_CONTRIBUTING_FACTORS,
  MAX_SERVICE_LENGTH,
  MAX_SERVICES,
  MAX_SUMMARY_BYTES,
  MAX_TIMELINE_ENTRIES,
  MAX_TITLE_LENGTH,
  POSTMORTEM_KINDS,
  SERVICE_NAME,
  SEVERITIES,
} from '../postmortem.constants';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { IsInstant } from '../../http/validation/is-instant.decorator';
import { MaxUtf8Bytes } from '../validation/max-utf8-bytes.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';
import { ContributingFactorDto } from './contributing-factor.dto';
import { TimelineEntryDto } from './timeline-entry.dto';
import { IsSourceId } from '../../http/validation/is-source-id.decorator';

// class-validator applies decorators bottom-up and reports the first failure: the type check sits
// nearest the property, so `"timeline": "x"` is reported as "must be an array", not as too long.
export class CreatePostmortemDto {
  /** The stable id a definitions file gave the post-mortem (docs/definitions.md); unique; null clears it. */
  @IsSourceId()
  sourceId?: string | null;

  /** Reviews of successes and pre-mortems carry corrective actions too. */
  @IsIn(POSTMORTEM_KINDS)
  kind: PostmortemKind;

  /** 1..200 characters. */
  @NotBlank()
  @Length(1, MAX_TITLE_LENGTH)
  @IsString()
  title: string;

  /** Required for an incident, optional otherwise. */
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity | null;

  /** Required for an incident; the default end of every linked metric's baseline window. */
  @IsOptional()
  @IsInstant()
  occurredAt?: string | null;

  /** Not before `occurredAt`. */
  @IsOptional()
  @IsInstant()
  resolvedAt?: string | null;

  /** Affected services, lowercase `[a-z0-9-_.]` (at most 50, each 1..100 characters); repeats are dropped. */
  @IfDefined()
  @Matches(SERVICE_NAME, { each: true, message: 'services must be lowercase letters, digits, "-", "_" or "."' })
  @Length(1, MAX_SERVICE_LENGTH, { each: true, message: `services must be 1..${MAX_SERVICE_LENGTH} characters each` })
  @IsString({ each: true })
  @ArrayMaxSize(MAX_SERVICES)
  @IsArray()
  services?: string[];

  /** Markdown, at most 100 KB of UTF-8. */
  @IfDefined()
  @MaxUtf8Bytes(MAX_SUMMARY_BYTES)
  @IsString()
  summary?: string;

  /** What happened when (at most 500 entries); stored in chronological order. */
  @IfDefined()
  @ValidateNested({ each: true })
  @Type(() => TimelineEntryDto)
  @ArrayMaxSize(MAX_TIMELINE_ENTRIES)
  @IsArray()
  timeline?: TimelineEntryDto[];

  /** Triggers ("sharp end") and latent conditions ("blunt end"), at most 500. */
  @IfDefined()
  @ValidateNested({ each: true })
  @Type(() => ContributingFactorDto)
  @ArrayMaxSize(MAX_CONTRIBUTING_FACTORS)
  @IsArray()
  contributingFactors?: ContributingFactorDto[];
}
