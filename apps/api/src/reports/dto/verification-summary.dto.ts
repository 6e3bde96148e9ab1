/** How the verified actions got there: by the scorer on telemetry, or by a person (actions without a metric). */
export class VerificationSummaryDto {
  verified: number;
  byTelemetry: number;
  manually: number;
  /** byTelemetry / verified; null when nothing is verified. */
  telemetryShare: number | null;
  /** manually / verified; null when nothing is verified. */
  manualShare: number | null;
}
