import { Body, Controller, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@app/auth';
import { Access } from '../http/access.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { TRACKER_IMPORT_EXAMPLES } from './dto/tracker-import.examples';
import { TrackerImportRequestDto, TrackerImportResultDto } from './dto/tracker-import.dto';
import { TrackerImportService } from './tracker-import.service';

@ApiTags('trackers')
@Controller('api/v1/trackers')
export class TrackerImportController {
  constructor(private readonly imports: TrackerImportService) {}

  /**
   * Imports the issues a search finds as actions, each linked to its issue; issues already linked
   * are skipped (docs/trackers.md, "Import"). 201 when actions were created, 200 otherwise; a
   * tracker that fails the search is a 502.
   */
  @Post(':name/import')
  @Access('editor')
  @RequestExamples(TrackerImportRequestDto, TRACKER_IMPORT_EXAMPLES)
  async import(
    @Param('name') name: string,
    @Body() body: TrackerImportRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TrackerImportResultDto> {
    const result = await this.imports.import(name, body.query, body.dryRun === true, principal);
    response.status(result.created.length > 0 ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
