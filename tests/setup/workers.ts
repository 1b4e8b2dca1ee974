/**
 * Test files run on this many workers, each with its own database, when a
 * PostgreSQL server is given (TEST_DATABASE_URL); one by one on the embedded PGlite.
 */
export const PARALLEL = Boolean(process.env.TEST_DATABASE_URL);
export const WORKERS = PARALLEL ? 2 : 1;
