import { describe, expect, it } from 'vitest';
import {
  Command,
  DEFAULT_PROJECTOR_VIEW,
  projectorLanguageAt,
  projectorLanguages,
  RoundtableState,
} from '../src/index.js';
import { Scenario } from './support/roundtable.js';

const languages = (shown: ('en' | 'ru' | 'kk')[], everySeconds = 10) => ({
  type: 'projector.show' as const,
  view: { languages: { shown, everySeconds } },
});

describe('the projector’s languages', () => {
  it('loads a state stored before projectors had languages, with the roundtable’s first language', () => {
    const s = new Scenario({ languages: ['ru', 'en'] });
    const stored = JSON.parse(JSON.stringify(s.state)) as { projector: Record<string, unknown> };
    stored.projector = { mode: 'agenda', breakUntil: null };
    const loaded = RoundtableState.parse(stored);
    expect(loaded.projector).toEqual({
      mode: 'agenda',
      breakUntil: null,
      languages: { shown: [], everySeconds: 10 },
      pollId: null,
      contributionId: null,
    });
    expect(projectorLanguages(loaded)).toEqual(['ru']);
    const { projector: _, ...withoutProjector } = stored;
    expect(RoundtableState.parse(withoutProjector).projector).toEqual(DEFAULT_PROJECTOR_VIEW);
  });

  it('changes only what the command names: a mode keeps the languages, languages keep the mode', () => {
    const s = new Scenario();
    s.do(languages(['ru']));
    expect(s.lastEvents).toEqual([{ type: 'projector.changed', view: s.state.projector }]);
    s.do({ type: 'projector.show', view: { mode: 'break', breakUntil: '11:15' } });
    expect(s.state.projector).toEqual({
      mode: 'break',
      breakUntil: '11:15',
      languages: { shown: ['ru'], everySeconds: 10 },
      pollId: null,
      contributionId: null,
    });
    s.do(languages(['kk', 'en'], 20));
    expect(s.state.projector).toMatchObject({ mode: 'break', breakUntil: '11:15' });
    expect(projectorLanguages(s.state)).toEqual(['kk', 'en']);
  });

  it('records nothing when nothing changes', () => {
    const s = new Scenario();
    s.do(languages(['ru', 'kk']));
    const version = s.state.version;
    s.do(languages(['ru', 'kk']));
    expect(s.lastEvents).toEqual([]);
    expect(s.state.version).toBe(version);
  });

  it('speaks only the roundtable’s languages, each named once, for at least 5 seconds a turn', () => {
    const s = new Scenario({ languages: ['en', 'kk'] });
    expect(s.fail(languages(['ru'])).code).toBe('invalid');
    expect(s.state.projector.languages.shown).toEqual([]);
    expect(Command.safeParse(languages(['en', 'en'])).success).toBe(false);
    expect(Command.safeParse(languages(['en'], 4)).success).toBe(false);
    expect(Command.safeParse({ type: 'projector.show', view: { mode: 'floor', colour: 'red' } }).success).toBe(false);
    expect(Command.safeParse({ type: 'projector.show', view: { languages: { shown: ['en'] } } }).success).toBe(false);
  });

  it('falls back to the first language when the chosen ones are removed from the roundtable', () => {
    const s = new Scenario();
    s.do(languages(['kk']));
    s.do({ type: 'roundtable.update', info: { languages: ['ru', 'en'] } });
    expect(projectorLanguages(s.state)).toEqual(['ru']);
  });

  it('takes turns on the server clock, so every screen shows the same language at the same moment', () => {
    const s = new Scenario();
    s.do(languages(['ru', 'kk', 'en'], 10));
    const start = Math.ceil(s.now / 30_000) * 30_000; // a turn boundary: the start of a ru turn
    const at = (seconds: number) => projectorLanguageAt(s.state, start + seconds * 1000);
    expect([at(0), at(9.9), at(10), at(20), at(30), at(45)]).toEqual(['ru', 'ru', 'kk', 'en', 'ru', 'kk']);
    s.do(languages(['kk']));
    expect([at(0), at(10), at(20)]).toEqual(['kk', 'kk', 'kk']);
  });
});
