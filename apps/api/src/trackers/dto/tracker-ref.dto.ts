import { IsString, Length } from 'class-validator';
import { NotBlank } from '../../http/validation/not-blank.decorator';

/** An issue in a configured tracker, as a caller names it to link an action (docs/trackers.md). */
export class TrackerRefDto {
  /** A configured tracker's name (GET /api/v1/trackers). */
  @NotBlank()
  @Length(1, 63)
  @IsString()
  name: string;

  /** `owner/repo#123` on GitHub, `PROJ-42` on Jira; stored in one spelling (GitHub lowercase, Jira uppercase). */
  @NotBlank()
  @Length(1, 300)
  @IsString()
  key: string;
}
