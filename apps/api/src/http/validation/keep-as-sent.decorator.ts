import { Transform } from 'class-transformer';

/**
 * Takes the field exactly as it was sent, for objects the domain rules check whole (an
 * OpenTelemetry selector). class-transformer copies a nested plain object key by key and skips
 * every key the copy inherits as a method (`toString`, `hasOwnProperty`, `valueOf`), so a selector
 * pinning an attribute of that name would lose it and match every series.
 */
export function KeepAsSent(): PropertyDecorator {
  return Transform(({ obj, key }) => (obj as Record<string, unknown>)[key]);
}
