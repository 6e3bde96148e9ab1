import { BadRequestException, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { isUUID, validate } from 'class-validator';
import type { Principal } from '@app/auth';
import {
  ACTION_CSV_COLUMNS,
  ActionCsvError,
  describeRowError,
  readActionCsv,
  type ActionCsv,
  type ActionCsvRow,
  type CsvRowError,
} from '@app/definitions';
import { DomainError, type ActionOutcome } from '@app/domain';
import { ActionRepository, PostmortemRepository, TransactionRunner } from '@app/persistence';
import { flatten, VALIDATION_OPTIONS } from '../http/validation.pipe';
import { ActionFlagsRefresher } from './action-flags.refresher';
import { ActionsService } from './actions.service';
import type { ActionImportResultDto, ImportedActionDto, SkippedImportRowDto } from './dto/action-import.dto';
import { CreateActionDto } from './dto/create-action.dto';

/** How many row errors a refusal lists; a file with more has a systematic problem to fix first. */
const MAX_LISTED_ERRORS = 100;

interface PlannedRow {
  row: number;
  opened: ActionOutcome;
}

/**
 * Imports existing action items from CSV (docs/import.md): every row is checked as a new action
 * would be, then all are created in one transaction, or none. A row whose sourceId an action
 * already carries was imported before and is skipped, so the same file can be imported again.
 */
@Injectable()
export class ActionImportService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly actions: ActionsService,
    private readonly actionRows: ActionRepository,
    private readonly postmortems: PostmortemRepository,
    private readonly flags: ActionFlagsRefresher,
  ) {}

  async import(csv: string, dryRun: boolean, principal: Principal): Promise<ActionImportResultDto> {
    const { rows, errors } = readRows(csv);
    const postmortemIds = await this.postmortemIdsOf(rows);
    const imported = await this.actionRows.idsBySourceId(rows.flatMap((r) => r.fields.sourceId ?? []));
    const firstRowOf = new Map<string, number>();
    const skipped: SkippedImportRowDto[] = [];
    const planned: PlannedRow[] = [];
    const now = new Date();

    for (const { row, fields } of rows) {
      const { postmortem, ...actionFields } = fields;
      if (fields.sourceId !== undefined) {
        const earlier = firstRowOf.get(fields.sourceId);
        if (earlier !== undefined) {
          errors.push({
            row,
            column: 'sourceId',
            message: `"${fields.sourceId}" is also the sourceId of row ${earlier}`,
          });
          continue;
        }
        firstRowOf.set(fields.sourceId, row);
        const actionId = imported.get(fields.sourceId);
        if (actionId !== undefined) {
          skipped.push({ row, sourceId: fields.sourceId, actionId });
          continue;
        }
      }
      const postmortemId = postmortem === undefined ? undefined : postmortemIds.get(postmortem);
      if (postmortem !== undefined && postmortemId === undefined) {
        errors.push({ row, column: 'postmortem', message: `no post-mortem has the id or sourceId "${postmortem}"` });
        continue;
      }
      const input = plainToInstance(CreateActionDto, { ...actionFields, postmortemId });
      const problems = await validate(input, VALIDATION_OPTIONS);
      if (problems.length > 0) {
        errors.push(
          ...problems.map((p) => ({
            row,
            column: p.property,
            message: withoutColumn(flatten([p]).join('; '), p.property),
          })),
        );
        continue;
      }
      try {
        planned.push({ row, opened: this.actions.open(input, now) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(rowErrorOf(row, error));
      }
    }
    if (errors.length > 0) throw refusal(errors);

    if (dryRun) return { dryRun, created: [], wouldCreate: planned.map((p) => summary(p, null)), skipped };
    await this.transactions.run(async (tx) => {
      for (const p of planned) {
        try {
          await this.actions.write(p.opened, principal, tx);
        } catch (error) {
          // A post-mortem deleted since the check: the whole import is refused, naming the row.
          if (error instanceof DomainError) throw refusal([rowErrorOf(p.row, error)]);
          throw error;
        }
      }
    });
    for (const p of planned) await this.flags.refresh(p.opened.action.id);
    return { dryRun, created: planned.map((p) => summary(p, p.opened.action.id)), skipped };
  }

  /** The post-mortems the rows name, by the name each row uses (an id or a sourceId). */
  private postmortemIdsOf(rows: ActionCsvRow[]): Promise<Map<string, string>> {
    const names = [...new Set(rows.flatMap((r) => r.fields.postmortem ?? []))];
    return this.postmortems.idsByIdOrSourceId(
      names.filter((name) => isUUID(name, 'all')),
      names.filter((name) => !isUUID(name, 'all')),
    );
  }
}

function readRows(csv: string): ActionCsv {
  try {
    return readActionCsv(csv);
  } catch (error) {
    if (error instanceof ActionCsvError) throw refusal(error.errors);
    throw error;
  }
}

/** A 400 that lists the rows' problems in `errors` (the first 100) and the first few in its message. */
function refusal(unordered: CsvRowError[]): BadRequestException {
  const errors = [...unordered].sort((a, b) => a.row - b.row);
  const message =
    `the file was not imported: ${errors.length} problem${errors.length === 1 ? '' : 's'}: ` +
    errors.slice(0, 5).map(describeRowError).join('; ') +
    (errors.length > 5 ? '; …' : '');
  return new BadRequestException({ message, errors: errors.slice(0, MAX_LISTED_ERRORS) });
}

const DOMAIN_MESSAGE = /^(\w+): (.*)$/s;

/** The domain names the field it refuses as `field: reason`; the column of the same name is at fault. */
function rowErrorOf(row: number, error: DomainError): CsvRowError {
  const match = DOMAIN_MESSAGE.exec(error.message);
  const column = match === null ? null : columnOf(match[1]);
  return { row, column, message: column === null ? error.message : match![2] };
}

function columnOf(field: string): string | null {
  if (field === 'postmortemId') return 'postmortem';
  return (ACTION_CSV_COLUMNS as readonly string[]).includes(field) ? field : null;
}

function withoutColumn(message: string, column: string): string {
  if (message.startsWith(`${column}: `)) return message.slice(column.length + 2);
  return message.startsWith(`${column} `) ? message.slice(column.length + 1) : message;
}

function summary({ row, opened: { action } }: PlannedRow, id: string | null): ImportedActionDto {
  return {
    row,
    id,
    sourceId: action.sourceId,
    postmortemId: action.postmortemId,
    title: action.title,
    ownerTeam: action.ownerTeam,
    priority: action.priority,
    status: action.status,
    openedAt: action.openedAt.toISOString(),
    dueAt: action.dueAt?.toISOString() ?? null,
  };
}
