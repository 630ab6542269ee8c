import { describe, expect, it } from 'vitest';
import { Command, CONTRIBUTION_LIMITS, POLL_LIMITS } from '@roundtable/shared';
import { textLength, tooLong } from '../src/lib/textLength';

const EMOJI = '😀';

describe('a text’s length, as the server counts it', () => {
  it('counts an emoji once, not as its two UTF-16 units, and ignores the spaces around', () => {
    expect(textLength(`  ${EMOJI.repeat(3)}  `)).toBe(3);
    expect(textLength('Қазақ тілі')).toBe(10);
  });

  it('holds back exactly what the server refuses: 2,000 emoji pass, 2,001 do not', () => {
    const submit = (text: string) => Command.safeParse({ type: 'contribution.submit', topic: 'item', text }).success;
    for (const n of [CONTRIBUTION_LIMITS.text - 999, CONTRIBUTION_LIMITS.text, CONTRIBUTION_LIMITS.text + 1]) {
      const text = EMOJI.repeat(n);
      expect(tooLong(text, CONTRIBUTION_LIMITS.text), `${n} emoji`).toBe(!submit(text));
    }
    expect(tooLong(EMOJI.repeat(1001), CONTRIBUTION_LIMITS.text)).toBe(false);
  });

  it('agrees with the server on a poll option too', () => {
    const start = (option: string) =>
      Command.safeParse({ type: 'poll.start', setup: { preset: 'choice', options: [option, 'B'] } }).success;
    for (const n of [POLL_LIMITS.option, POLL_LIMITS.option + 1])
      expect(tooLong(EMOJI.repeat(n), POLL_LIMITS.option), `${n} emoji`).toBe(!start(EMOJI.repeat(n)));
  });
});
