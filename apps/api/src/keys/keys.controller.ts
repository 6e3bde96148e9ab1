import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiKeyService } from '@app/auth';
import { Access } from '../http/access.decorator';
import { RequestExamples } from '../http/request-examples.decorator';
import { CREATE_KEY_EXAMPLES } from './dto/key.examples';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { CreateKeyDto } from './dto/create-key.dto';
import { IssuedKeyDto, KeyDto } from './dto/key.dto';
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

  /** Lists keys (never the keys themselves), revoked ones included. */
  @Get()
  async list(): Promise<KeyDto[]> {
    return (await this.keys.list()).map(toKeyDto);
  }

  /** Revokes a key at once. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(@Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}
