import { PartialType } from '@nestjs/swagger';
import { CreatePostmortemDto } from './create-postmortem.dto';

/**
 * Any subset of the fields. An explicit null clears a nullable field (severity, occurredAt,
 * resolvedAt); null for any other field is refused rather than silently ignored.
 */
export class UpdatePostmortemDto extends PartialType(CreatePostmortemDto, { skipNullProperties: false }) {}
