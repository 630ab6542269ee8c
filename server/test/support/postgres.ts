import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Databases for tests on a throwaway PostgreSQL cluster, whose admin URL is TEST_DATABASE_URL
 * (`scripts/postgres.sh start` prints one). Each test gets a database of its own, dropped after it.
 */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: the PostgreSQL tests need a throwaway cluster. Start one with ' +
        '`export TEST_DATABASE_URL=$(scripts/postgres.sh start)` and stop it with `scripts/postgres.sh stop`.',
    );
  }
  return url;
}

/** Runs one statement on the database at `url`, on a connection of its own, and returns its rows. */
export async function sql<Row extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** The URL of the new, empty database. */
  url: string;
  /** Drops it, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/** A new empty database on the test cluster, with a random name. */
export async function freshDatabase(): Promise<TestDatabase> {
  const admin = testDatabaseUrl();
  const name = `roundtable_test_${randomBytes(8).toString('hex')}`;
  await sql(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => sql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined),
  };
}
