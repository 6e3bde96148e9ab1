import type { ContributingFactor, PostmortemKind, Severity } from '@app/persistence';

export const POSTMORTEM_KINDS: readonly PostmortemKind[] = ['incident', 'success', 'premortem'];
export const SEVERITIES: readonly Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
export const FACTOR_KINDS: readonly ContributingFactor['kind'][] = ['trigger', 'latent'];
export const FACTOR_CATEGORIES: readonly ContributingFactor['category'][] = ['people', 'process', 'technology'];

/** Service names as metric labels spell them: lowercase letters, digits, "-", "_" and ".". */
export const SERVICE_NAME = /^[a-z0-9-_.]+$/;
export const MAX_SERVICES = 50;
export const MAX_SERVICE_LENGTH = 100;
export const MAX_TITLE_LENGTH = 200;
/** 100 KB of UTF-8: the limit is on storage, so a summary in a non-Latin script gets fewer characters. */
export const MAX_SUMMARY_BYTES = 100 * 1024;
export const MAX_TIMELINE_ENTRIES = 500;
export const MAX_CONTRIBUTING_FACTORS = 500;
export const MAX_ENTRY_TEXT_LENGTH = 2000;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
