export const SUMMARY_FORMATS = ['json', 'csv'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export const SUMMARY_CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const SUMMARY_CSV_DISPOSITION = 'attachment; filename="remediation-summary.csv"';
