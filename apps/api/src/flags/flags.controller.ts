import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../http/access.decorator';
import { FlagPageDto } from './dto/flag-page.dto';
import { ListFlagsQueryDto } from './dto/list-flags-query.dto';
import { FlagsService } from './flags.service';

@ApiTags('flags')
@Controller('api/v1/flags')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  /** Flags raised by the scorer, newest raise first, a page at a time: one row per raise, cleared rather than deleted. */
  @Get()
  @Access('viewer')
  list(@Query() query: ListFlagsQueryDto): Promise<FlagPageDto> {
    return this.flags.page(query);
  }
}
