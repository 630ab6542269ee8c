import type { Config } from '../config.js';

/** Node's and PostgreSQL's codes for what a person can act on, in the words that say what to do. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address and port: is PostgreSQL running and listening there?',
  ENOTFOUND: 'the host name does not resolve: check the host in DATABASE_URL',
  EAI_AGAIN: 'the host name does not resolve: check the host in DATABASE_URL',
  ETIMEDOUT: 'the connection timed out: check the host, the port and the firewall',
  '28P01': 'the password was refused: check the user and password in DATABASE_URL',
  '28000': 'the server does not let this user in from here (pg_hba.conf): check the user in DATABASE_URL',
  '3D000': 'the database does not exist: create it (createdb) or fix its name in DATABASE_URL',
  '42501': 'the user may not create tables in that database: grant it, or use its owner',
};

/**
 * Why the store could not be opened, in one line for the person starting the server. The URL is never
 * repeated (its password is a secret): only its host and port, which the person needs to see.
 */
export function engineError(error: unknown, config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!config.databaseUrl) return `Could not open the SQLite store in ${config.dataDir}: ${message}`;
  const { hostname, port } = new URL(config.databaseUrl);
  const where = `${hostname || 'localhost'}:${port || '5432'}`;
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  return `Could not open the PostgreSQL store at ${where}: ${reason ?? message}`;
}
