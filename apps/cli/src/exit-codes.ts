/** Stand-in for the CLI's exit codes (the CLI branch has the real file; the lead keeps that at merge). */
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, refused: 4, unauthorized: 5, serverDown: 6 } as const;
