import type { TextRejectReason } from './text-rules';

/*
 * Bounds on one point's attributes (docs/operation.md, "OTLP receiver limits"). Attributes become
 * series identity and selector text, so anything past these is a malformed or hostile sender, not
 * a measurement: the OpenTelemetry SDKs' own default limit is 128 attributes, real attribute values
 * are short identifiers, and nesting beyond a few levels has no meaning for a string-to-string
 * selector. Each bound also caps the work and memory one point can cost the receiver.
 */
/** Arrays and maps inside an attribute value (a plain string is depth 0). */
export const MAX_ATTRIBUTE_DEPTH = 8;
/** Characters of one attribute key, or of one value as stored (nested values as their JSON). */
export const MAX_ATTRIBUTE_TEXT = 4096;
/** Attributes of one resource, scope or point, and of the three merged. */
export const MAX_ATTRIBUTES = 128;

/** Why a point's attributes are refused: reported to the sender with the other reasons. */
export const ATTRIBUTE_REJECT_REASONS = ['attributes_too_deep', 'attribute_too_long', 'too_many_attributes'] as const;
export type AttributeRejectReason = (typeof ATTRIBUTE_REJECT_REASONS)[number];

export class AttributesRefused extends Error {
  /** Past a bound above, or text that cannot be stored (./text-rules). */
  constructor(readonly reason: AttributeRejectReason | TextRejectReason) {
    super(`attributes refused: ${reason}`);
  }
}
