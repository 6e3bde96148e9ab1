import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { NotBlank } from '../../http/validation/not-blank.decorator';

export class TrackerImportRequestDto {
  /** A GitHub search query (`repo:acme/checkout label:postmortem-action`) or JQL: the issues to import. */
  @NotBlank()
  @Length(1, 2000)
  @IsString()
  query: string;

  /** true: answer what would be created; write nothing. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

/** One issue the search found, and what the import did with it. */
export class ImportedIssueDto {
  /** `owner/repo#123` or `PROJ-42`, in its one spelling. */
  key: string;
  url: string;
  title: string;
  /** The action it became (created) or is already linked to (skipped); absent on a dry run. */
  actionId?: string;
  /** created; skipped: already linked; would_create: on a dry run. */
  status: 'created' | 'skipped' | 'would_create';
}

export class TrackerImportResultDto {
  /** Issues read from the tracker. */
  found: number;
  /** One action each, linked to its issue; empty on a dry run. */
  created: ImportedIssueDto[];
  /** Issues already linked to an action (any action), left as they are. */
  skipped: ImportedIssueDto[];
  /** On a dry run only: the issues that would become actions. */
  wouldCreate?: ImportedIssueDto[];
}
