import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../http/access.decorator';
import { BurndownService } from './burndown.service';
import { BurndownQueryDto } from './dto/burndown-query.dto';
import { BurndownDto } from './dto/burndown.dto';

@ApiTags('reports')
@Controller('api/v1/burndown')
export class BurndownController {
  constructor(private readonly burndowns: BurndownService) {}

  /** Remaining, opened, closed, verified, overdue and stalled actions per local day or ISO week, with the ideal line and a forecast. */
  @Get()
  @Access('viewer')
  burndown(@Query() query: BurndownQueryDto): Promise<BurndownDto> {
    return this.burndowns.burndown(query);
  }
}
