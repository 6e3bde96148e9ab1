import type { PostmortemEntity } from '@app/persistence';
import type { PostmortemDto } from './dto/postmortem.dto';

export function toPostmortemDto(entity: PostmortemEntity): PostmortemDto {
  return {
    id: entity.id,
    sourceId: entity.sourceId,
    kind: entity.kind,
    title: entity.title,
    severity: entity.severity,
    occurredAt: entity.occurredAt?.toISOString() ?? null,
    resolvedAt: entity.resolvedAt?.toISOString() ?? null,
    services: entity.services,
    summary: entity.summary,
    timeline: entity.timeline.map((entry) => ({ at: entry.at, text: entry.text })),
    contributingFactors: entity.contributingFactors.map((f) => ({ kind: f.kind, category: f.category, text: f.text })),
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
