import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@app/auth';
import { Access } from '../http/access.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { ACTION_CSV_EXAMPLE, CREATE_ACTION_EXAMPLES, UPDATE_ACTION_EXAMPLES } from './dto/action.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { ActionQueryService } from './action-query.service';
import { ActionUpdateService } from './action-update.service';
import { ActionImportService } from './action-import.service';
import { ActionsService } from './actions.service';
import { ActionImportResultDto, ImportActionsQueryDto, ImportRowErrorDto } from './dto/action-import.dto';
import { ActionEventPageDto } from './dto/action-event-page.dto';
import { ActionPageDto } from './dto/action-page.dto';
import { ActionDto } from './dto/action.dto';
import { CreateActionDto } from './dto/create-action.dto';
import { ListActionsQueryDto } from './dto/list-actions-query.dto';
import { PageQueryDto } from './dto/page-query.dto';
import { UpdateActionDto } from './dto/update-action.dto';

@ApiTags('actions')
@Controller('api/v1/actions')
export class ActionsController {
  constructor(
    private readonly actions: ActionsService,
    private readonly updates: ActionUpdateService,
    private readonly queries: ActionQueryService,
    private readonly imports: ActionImportService,
  ) {}

  /** Opens a corrective action (status open); dueAt defaults from the priority's remediation SLO. */
  @Post()
  @Access('editor')
  @RequestExamples(CreateActionDto, CREATE_ACTION_EXAMPLES)
  create(@Body() body: CreateActionDto, @CurrentPrincipal() principal: Principal): Promise<ActionDto> {
    return this.actions.create(body, principal);
  }

  /**
   * Imports existing action items from a CSV file (docs/import.md): all rows or none; rows whose
   * sourceId an action already carries are skipped. 201 when actions were created, 200 otherwise.
   */
  @Post('import')
  @Access('editor')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: ACTION_CSV_EXAMPLE } })
  @ApiBadRequestResponse({
    description: "The file was refused; `errors` lists each row's problem.",
    type: [ImportRowErrorDto],
  })
  async import(
    @Body() csv: unknown,
    @Query() query: ImportActionsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionImportResultDto> {
    if (typeof csv !== 'string') throw new UnsupportedMediaTypeException('send the file with Content-Type: text/csv');
    const result = await this.imports.import(csv, query.dryRun === true, principal);
    response.status(result.created.length > 0 ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  /** Lists actions newest first, filtered, a page at a time. */
  @Get()
  @Access('viewer')
  list(@Query() query: ListActionsQueryDto): Promise<ActionPageDto> {
    return this.queries.list(query);
  }

  /** One action with its active flags and success metrics. */
  @Get(':id')
  @Access('viewer')
  get(@Param('id', UuidParamPipe) id: string): Promise<ActionDto> {
    return this.queries.get(id);
  }

  /** Changes fields and/or moves the action along the workflow; one audit event per change. */
  @Patch(':id')
  @Access('editor')
  @RequestExamples(UpdateActionDto, UPDATE_ACTION_EXAMPLES)
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateActionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionDto> {
    return this.updates.update(id, body, principal);
  }

  /** Deletes the action with its success metrics, flags and audit trail. */
  @Delete(':id')
  @Access('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.actions.remove(id);
  }

  /** The audit trail, oldest first: who changed what, when. */
  @Get(':id/events')
  @Access('viewer')
  events(@Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<ActionEventPageDto> {
    return this.queries.events(id, query);
  }
}
