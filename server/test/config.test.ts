import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const ORGANISER = 'organiser-key-0123456789';
const OPERATOR = 'operator-key-0123456789';

/** The message a server would print and stop with, or null when it starts. */
function refusalOf(env: NodeJS.ProcessEnv): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

describe('the organiser and operator keys', () => {
  it('are off unless set, and an empty value (an .env template’s) is unset', () => {
    expect(loadConfig({})).toMatchObject({ organiserKey: undefined, operatorKey: undefined });
    expect(loadConfig({ ORGANISER_KEY: '', OPERATOR_KEY: '' })).toMatchObject({
      organiserKey: undefined,
      operatorKey: undefined,
    });
  });

  it('are read when long enough', () => {
    expect(loadConfig({ ORGANISER_KEY: ORGANISER, OPERATOR_KEY: OPERATOR })).toMatchObject({
      organiserKey: ORGANISER,
      operatorKey: OPERATOR,
    });
    expect(loadConfig({ OPERATOR_KEY: 'x'.repeat(16) }).operatorKey).toBe('x'.repeat(16));
  });

  it('stop the server when shorter than 16 characters, naming the variable and never echoing the key', () => {
    const message = refusalOf({ ORGANISER_KEY: 'short-secret' });
    expect(message).toContain('ORGANISER_KEY: must be at least 16 characters long');
    expect(message).toContain('a value of 12 characters');
    expect(message).not.toContain('short-secret');
    expect(refusalOf({ OPERATOR_KEY: 'x'.repeat(15) })).toContain('OPERATOR_KEY: must be at least 16 characters long');
  });

  it('stop the server when they hold spaces or characters a header cannot carry', () => {
    expect(refusalOf({ ORGANISER_KEY: 'a key with spaces in it' })).toContain(
      'ORGANISER_KEY: must be printable ASCII without spaces',
    );
    expect(refusalOf({ OPERATOR_KEY: 'ключ-оператора-длинный' })).toContain(
      'OPERATOR_KEY: must be printable ASCII without spaces',
    );
  });

  it('name both when both are wrong', () => {
    const message = refusalOf({ ORGANISER_KEY: 'short', OPERATOR_KEY: 'also short' }) ?? '';
    expect(message).toMatch(/ORGANISER_KEY: .*\n.*OPERATOR_KEY: /);
  });

  it('must differ: one key for both would let every organiser delete every roundtable', () => {
    expect(refusalOf({ ORGANISER_KEY: ORGANISER, OPERATOR_KEY: ORGANISER })).toContain(
      'OPERATOR_KEY: must differ from ORGANISER_KEY',
    );
  });

  it('leave the messages about other variables as they were', () => {
    expect(refusalOf({ PORT: 'eighty' })).toContain('(got "eighty")');
  });
});

describe('the PostgreSQL and Redis URLs', () => {
  it('are off unless set, and an empty value is unset: the store is SQLite, the node alone', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: undefined, redisUrl: undefined });
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' })).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
    });
  });

  it('are read as given, with either spelling of each scheme', () => {
    for (const url of ['postgres://rt:pw@db.example.org:5432/roundtable', 'postgresql://localhost/roundtable']) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    for (const url of ['redis://127.0.0.1:6379', 'rediss://:pw@cache.example.org:6380/2']) {
      expect(loadConfig({ REDIS_URL: url, DATABASE_URL: 'postgres://localhost/rt' }).redisUrl).toBe(url);
    }
  });

  it('refuse Redis without PostgreSQL: nodes sharing fan-out on stores of their own would disagree', () => {
    expect(refusalOf({ REDIS_URL: 'redis://127.0.0.1:6379' })).toContain('REDIS_URL: needs DATABASE_URL too');
  });

  it('stop the server when the scheme is another engine’s, naming the variable and hiding the password', () => {
    const database = refusalOf({ DATABASE_URL: 'mysql://rt:hunter2-secret@db.example.org/roundtable' }) ?? '';
    expect(database).toContain('DATABASE_URL: must be a URL such as postgres://');
    expect(database).toContain('(got a value of 51 characters starting "mysql://")');
    expect(database).not.toContain('hunter2-secret');

    const redis = refusalOf({ REDIS_URL: 'http://:hunter2-secret@cache.example.org' }) ?? '';
    expect(redis).toContain('REDIS_URL: must be a URL such as redis://');
    expect(redis).not.toContain('hunter2-secret');
  });

  it('never echo a password that a mistyped value holds elsewhere: without its scheme, or as a parameter', () => {
    // Read as a URL, this one has the scheme "rt:" and the password in its path.
    const garbled = refusalOf({ DATABASE_URL: 'rt:hunter2-secret@db.example.org' }) ?? '';
    expect(garbled).toContain('DATABASE_URL: must be a URL');
    expect(garbled).toContain('(got a value of 32 characters without a scheme)');
    expect(garbled).not.toContain('hunter2-secret');

    const query = refusalOf({ DATABASE_URL: 'mysql://db.example.org/rt?password=hunter2-secret' }) ?? '';
    expect(query).not.toContain('hunter2-secret');
    const badPort =
      refusalOf({ REDIS_URL: 'redis://:hunter2-secret@cache.example.org:port', DATABASE_URL: 'postgres://db/rt' }) ??
      '';
    expect(badPort).toContain('REDIS_URL: must be a URL');
    expect(badPort).not.toContain('hunter2-secret');
  });
});
