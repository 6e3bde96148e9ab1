import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, trackerListing } from '@app/config';
import { Access } from '../http/access.decorator';
import { TrackerDto } from './dto/tracker.dto';

@ApiTags('trackers')
@Controller('api/v1/trackers')
export class TrackersController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The configured issue trackers (docs/trackers.md); never a token or a webhook secret. */
  @Get()
  @Access('viewer')
  list(): TrackerDto[] {
    return trackerListing(this.config.trackers);
  }
}
