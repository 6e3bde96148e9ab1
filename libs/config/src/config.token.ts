/** Injection token for the validated, frozen AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
