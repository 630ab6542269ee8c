import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { INSTANCE_KEY_MIN } from '@roundtable/shared';

/** server/src under tsx, server/dist compiled (build.mjs): as deep in the tree, so paths from it hold for both. */
const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the command was started (pnpm runs package scripts elsewhere), so ./data is the user's ./data. */
const startDir = process.env.INIT_CWD ?? process.cwd();

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * ORGANISER_KEY, OPERATOR_KEY: unset (or empty, as an `.env` template leaves it) is off. A key is sent in
 * an HTTP header, so it is printable ASCII without spaces, and long enough not to be guessed.
 */
const instanceKey = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .min(INSTANCE_KEY_MIN, `must be at least ${INSTANCE_KEY_MIN} characters long (try \`openssl rand -base64 24\`)`)
    .max(500, 'must be at most 500 characters long')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent in an HTTP header)')
    .optional(),
);

/**
 * DATABASE_URL, REDIS_URL: unset (or empty) is off. Their passwords are secrets; see `shown`.
 * Only the scheme is checked here: whether the engine answers is for the store and /readyz to say.
 */
const engineUrl = (schemes: RegExp, example: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ protocol: schemes, message: `must be a URL such as ${example}` }).optional(),
  );

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('data'),
  PUBLIC_URL: z.url({ message: 'must be a URL such as https://roundtable.example.org' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().min(1).default(path.resolve(here, '../../client/dist')),
  JOIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(30),
  CREATE_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(20),
  TRUST_PROXY: bool.default(false),
  COMMAND_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(20),
  PENDING_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000000).default(100),
  CONNECTIONS_PER_KEY: z.coerce.number().int().min(1).max(100000).default(10),
  DOC_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  ORGANISER_KEY: instanceKey,
  OPERATOR_KEY: instanceKey,
  DATABASE_URL: engineUrl(/^postgres(ql)?$/, 'postgres://roundtable:password@db.example.org:5432/roundtable'),
  REDIS_URL: engineUrl(/^rediss?$/, 'redis://redis.example.org:6379'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Base of the links we hand out; defaults to http://localhost:PORT. */
  publicUrl: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  clientDist: string;
  /** Join attempts allowed per address per minute. */
  joinRateLimit: number;
  /** New roundtables (created, the demo, a next edition) per address per minute. */
  createRateLimit: number;
  trustProxy: boolean;
  /** Stored size at which an outcome document stops growing. */
  docMaxBytes: number;
  /** Commands one person may send per 10 seconds; a link (moderator, rapporteur) ten times as many. */
  commandRateLimit: number;
  /** Connections per address that may be open without having authenticated yet. */
  pendingConnectionsPerAddress: number;
  /** Socket.IO connections one participant's device may hold open at once; a link five times as many. */
  connectionsPerKey: number;
  /** When set, only requests that carry it create roundtables (the demo and next editions too); else anyone. */
  organiserKey: string | undefined;
  /** When set, the operator page and API (http/instance.ts) open with it; else they are off. */
  operatorKey: string | undefined;
  /** When set, the store is this PostgreSQL database (shared by every node); else SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** When set, nodes share Socket.IO fan-out through this Redis; else this process is the only node. */
  redisUrl: string | undefined;
  /** How long a connection may take to send its headers, its whole request, and (Socket.IO) to authenticate. */
  timeouts: { headersMs: number; requestMs: number; connectMs: number };
}

export class ConfigError extends Error {}

/** Keys are secrets: a message about one, which ends up in logs, tells its length, never the key. */
const SECRET_VARS: ReadonlySet<PropertyKey> = new Set(['ORGANISER_KEY', 'OPERATOR_KEY']);
/**
 * URLs whose password is a secret, in the user part or (libpq) as `?password=`; a value mistyped without its
 * scheme may hold it anywhere. Their scheme is all the check looks at, so it is all a message shows.
 */
const URL_VARS: ReadonlySet<PropertyKey> = new Set(['DATABASE_URL', 'REDIS_URL']);
function shown(env: NodeJS.ProcessEnv, name: PropertyKey | undefined): string {
  const value = env[String(name)];
  if (value === undefined) return JSON.stringify(value);
  if (SECRET_VARS.has(name ?? '')) return `a value of ${value.length} characters`;
  if (URL_VARS.has(name ?? '')) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0];
    const start = scheme === undefined ? 'without a scheme' : `starting ${JSON.stringify(scheme)}`;
    return `a value of ${value.length} characters ${start}`;
  }
  return JSON.stringify(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${shown(env, i.path[0])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // One key for both would let every organiser archive and delete every roundtable.
  if (e.OPERATOR_KEY !== undefined && e.OPERATOR_KEY === e.ORGANISER_KEY) {
    throw new ConfigError('Invalid configuration:\n  OPERATOR_KEY: must differ from ORGANISER_KEY');
  }
  // Nodes that share fan-out but each keep their own SQLite would each tell their clients another history.
  if (e.REDIS_URL !== undefined && e.DATABASE_URL === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL: needs DATABASE_URL too (nodes that share Redis must share one PostgreSQL)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(startDir, e.DATA_DIR),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST,
    joinRateLimit: e.JOIN_RATE_LIMIT,
    createRateLimit: e.CREATE_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    docMaxBytes: e.DOC_MAX_BYTES,
    commandRateLimit: e.COMMAND_RATE_LIMIT,
    pendingConnectionsPerAddress: e.PENDING_CONNECTIONS_PER_ADDRESS,
    connectionsPerKey: e.CONNECTIONS_PER_KEY,
    organiserKey: e.ORGANISER_KEY,
    operatorKey: e.OPERATOR_KEY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    timeouts: { headersMs: 10_000, requestMs: 30_000, connectMs: 10_000 },
  };
}

/** Defaults for tests and embedding: everything but what the caller names. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), port: 0, host: '127.0.0.1', logLevel: 'silent', ...overrides };
}
