import { Injectable } from '@nestjs/common';
import { FlagRepository, type FlagEntity } from '@app/persistence';
import { MAX_PAGE_SIZE } from '../actions/action.constants';
import type { FlagDto } from './dto/flag.dto';
import type { ListFlagsQueryDto } from './dto/list-flags-query.dto';

@Injectable()
export class FlagsService {
  constructor(private readonly flags: FlagRepository) {}

  async list(query: ListFlagsQueryDto): Promise<FlagDto[]> {
    const rows = await this.flags.list({ active: query.active, kind: query.kind, team: query.team, limit: query.limit ?? MAX_PAGE_SIZE });
    return rows.map(toFlagDto);
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
