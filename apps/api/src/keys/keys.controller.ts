import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiKeyService } from '@app/auth';
import { Access } from '../http/access.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { CREATE_KEY_EXAMPLES } from './dto/key.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreateKeyDto } from './dto/create-key.dto';
import { DEFAULT_PAGE_SIZE } from '../actions/action.constants';
import { PageQueryDto } from '../actions/dto/page-query.dto';
import { decodeEventCursor, encodeEventCursor } from '../actions/page-cursor';
import { IssuedKeyDto } from './dto/key.dto';
import { KeyPageDto } from './dto/key-page.dto';
import { toIssuedKeyDto, toKeyDto } from './key.mapper';

@ApiTags('keys')
@Access('admin')
@Controller('api/v1/keys')
export class KeysController {
  constructor(private readonly keys: ApiKeyService) {}

  /** Issues an API key. The key is in this response only; it is stored hashed. */
  @Post()
  @RequestExamples(CreateKeyDto, CREATE_KEY_EXAMPLES)
  async create(@Body() body: CreateKeyDto): Promise<IssuedKeyDto> {
    return toIssuedKeyDto(await this.keys.issue(body.name, body.role));
  }

  /** Lists keys (never the keys themselves), revoked ones included, oldest first, a page at a time. */
  @Get()
  async list(@Query() query: PageQueryDto): Promise<KeyPageDto> {
    const after = query.cursor === undefined ? null : decodeEventCursor(query.cursor);
    const page = await this.keys.page(after, query.limit ?? DEFAULT_PAGE_SIZE);
    return { items: page.items.map(toKeyDto), nextCursor: page.next === null ? null : encodeEventCursor(page.next) };
  }

  /** Revokes a key at once. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
