/** Injection token for which database this process runs on: 'postgres' or 'embedded'. */
export const DATABASE_KIND = Symbol('DATABASE_KIND');
