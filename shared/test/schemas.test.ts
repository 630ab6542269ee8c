import { describe, expect, it } from 'vitest';
import {
  Command,
  CommandEnvelope,
  CreateRoundtableInput,
  describeIssues,
  isJoinCode,
  joinCodeFromBytes,
  JOIN_CODE_ALPHABET,
  LIMITS,
  normalizeJoinCode,
} from '../src/index.js';

const issues = (r: { success: boolean; error?: unknown }) => (r.success ? '' : describeIssues(r.error as never));

describe('command schemas', () => {
  it('refuse unknown types, extra keys and wrong types with readable messages', () => {
    expect(Command.safeParse({ type: 'floor.explode' }).success).toBe(false);
    expect(issues(Command.safeParse({ type: 'joining.setLocked', locked: true, extra: 1 }))).toMatch(/extra/);
    expect(
      issues(CommandEnvelope.safeParse({ baseVersion: -1, command: { type: 'joining.setLocked', locked: true } })),
    ).toMatch(/^baseVersion: /);
    expect(issues(Command.safeParse({ type: 'delegation.add', name: '   ' }))).toBe('name: must not be empty');
    expect(issues(Command.safeParse({ type: 'delegation.add', name: 'x'.repeat(LIMITS.delegationName + 1) }))).toBe(
      `name: must be at most ${LIMITS.delegationName} characters`,
    );
  });

  it('trims names and fills defaults', () => {
    expect(Command.parse({ type: 'queue.request', kind: 'speech' })).toEqual({
      type: 'queue.request',
      kind: 'speech',
      topic: '',
    });
    expect(Command.parse({ type: 'delegation.add', name: '  Europol ' })).toMatchObject({
      name: 'Europol',
      defaultLanguage: null,
    });
  });

  it('describe a bad roundtable plainly', () => {
    const base = { title: { en: 'T' }, description: '', startsAt: null, venue: '', organisers: [], languages: ['en'] };
    expect(issues(CreateRoundtableInput.safeParse({ ...base, title: { en: '' } }))).toMatch(/at least one language/);
    expect(issues(CreateRoundtableInput.safeParse({ ...base, languages: ['en', 'en'] }))).toMatch(
      /lists a language twice/,
    );
    expect(issues(CreateRoundtableInput.safeParse({ ...base, delegations: [{ name: 'A' }, { name: 'a' }] }))).toMatch(
      /delegation twice/,
    );
    expect(issues(CreateRoundtableInput.safeParse({ ...base, timeZone: 'Mars/Olympus' }))).toMatch(
      /not a known time zone/,
    );
    expect(CreateRoundtableInput.safeParse(base).success).toBe(true);
  });
});

describe('join codes', () => {
  it('cannot be misread', () => {
    for (const c of '0O1IL') expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(normalizeJoinCode(' abc-12 3 ')).toBe('ABC123');
    const code = joinCodeFromBytes(new Uint8Array([0, 30, 31, 255, 100, 7]));
    expect(code).toHaveLength(6);
    expect(isJoinCode(code)).toBe(true);
    expect(isJoinCode('ABCDE0')).toBe(false);
  });
});
