import { Injectable } from '@nestjs/common';
import { FlagRepository, type FlagEntity } from '@app/persistence';
import { DEFAULT_PAGE_SIZE } from '../actions/action.constants';
import { decodeEventCursor, encodeEventCursor } from '../actions/page-cursor';
import type { FlagDto } from './dto/flag.dto';
import type { FlagPageDto } from './dto/flag-page.dto';
import type { ListFlagsQueryDto } from './dto/list-flags-query.dto';

@Injectable()
export class FlagsService {
  constructor(private readonly flags: FlagRepository) {}

  async page(query: ListFlagsQueryDto): Promise<FlagPageDto> {
    // A (raisedAt, id) position, like the evaluations' cursor: newest first.
    const before = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    const filter = { active: query.active, kind: query.kind, team: query.team };
    const page = await this.flags.page(filter, before, query.limit ?? DEFAULT_PAGE_SIZE);
    return { items: page.items.map(toFlagDto), nextCursor: page.next === null ? null : encodeEventCursor(page.next) };
  }
}

export function toFlagDto(flag: FlagEntity): FlagDto {
  return {
    id: flag.id,
    actionId: flag.actionId,
    kind: flag.kind,
    raisedAt: flag.raisedAt.toISOString(),
    clearedAt: flag.clearedAt?.toISOString() ?? null,
    reason: flag.reason,
  };
}
