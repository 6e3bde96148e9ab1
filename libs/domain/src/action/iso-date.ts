/** A date as the API and the audit trail show it; null stays null. */
export function iso(date: Date | null): string | null {
  return date?.toISOString() ?? null;
}
