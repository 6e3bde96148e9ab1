import { IsBoolean, IsString } from 'class-validator';
import { MAX_SUMMARY_BYTES } from '../../postmortems/postmortem.constants';
import { MaxUtf8Bytes } from '../../postmortems/validation/max-utf8-bytes.decorator';
import { IfDefined } from '../../http/validation/if-defined.decorator';
import { NotBlank } from '../../http/validation/not-blank.decorator';

/** What the public page shows besides the post-mortem's facts and contributing factors. */
export class PublishPostmortemDto {
  /**
   * Markdown written for the public, at most 100 KB of UTF-8. The post-mortem's own summary is
   * internal and never published.
   */
  @MaxUtf8Bytes(MAX_SUMMARY_BYTES)
  @NotBlank()
  @IsString()
  summary: string;

  /** Show the timeline; default true. */
  @IfDefined()
  @IsBoolean()
  includeTimeline?: boolean;

  /** Show the corrective actions with their measured outcomes; default true. */
  @IfDefined()
  @IsBoolean()
  includeActions?: boolean;
}
