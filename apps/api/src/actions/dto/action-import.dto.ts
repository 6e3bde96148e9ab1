import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { ActionStatus, Priority } from '@app/domain';
import { toQueryBoolean } from '../validation/query-list';

export class ImportActionsQueryDto {
  /** true: check every row and answer what would be created; write nothing. */
  @IsOptional()
  @Transform(({ value }) => toQueryBoolean(value))
  @IsBoolean()
  dryRun?: boolean;
}

/** One row of the file, as the action it opened (or would open, on a dry run). */
export class ImportedActionDto {
  /** The row in the file, as a spreadsheet numbers it (the header is row 1). */
  row: number;
  /** Null on a dry run: nothing was created. */
  id: string | null;
  sourceId: string | null;
  postmortemId: string | null;
  title: string;
  ownerTeam: string;
  priority: Priority;
  status: ActionStatus;
  openedAt: string;
  dueAt: string | null;
}

/** A row whose sourceId an action already carries: imported before, left as it is. */
export class SkippedImportRowDto {
  row: number;
  sourceId: string;
  /** The action that carries it. */
  actionId: string;
}

export class ActionImportResultDto {
  dryRun: boolean;
  /** The actions created, in the file's order; empty on a dry run. */
  created: ImportedActionDto[];
  /** On a dry run only: what the import would create. */
  wouldCreate?: ImportedActionDto[];
  skipped: SkippedImportRowDto[];
}

/** A refused file: every row's problem, in the 400 answer's `errors`. */
export class ImportRowErrorDto {
  row: number;
  /** The column at fault, when one is. */
  column: string | null;
  message: string;
}
