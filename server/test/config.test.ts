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
