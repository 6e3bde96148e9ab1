import { InitialSchema1764150000000 } from './1764150000000-InitialSchema';

/** Every migration, oldest first. Add new ones at the end; never edit a released one. */
export const MIGRATIONS = [InitialSchema1764150000000];
