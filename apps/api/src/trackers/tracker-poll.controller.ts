import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../http/access.decorator';
import { TrackerPollService, type PollRound } from './tracker-poll.service';

@ApiTags('trackers')
@Controller('api/v1/trackers')
export class TrackerPollController {
  constructor(private readonly polls: TrackerPollService) {}

  /** Runs one poll round of the tracker now (docs/trackers.md, "Polling"), answering what it changed. */
  @Post(':name/poll')
  @Access('scorer')
  @HttpCode(200)
  poll(@Param('name') name: string): Promise<PollRound> {
    return this.polls.poll(name);
  }
}
