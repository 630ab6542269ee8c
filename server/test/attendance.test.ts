import { describe, expect, it } from 'vitest';
import type { Actor } from '@roundtable/shared';
import { Scenario } from '../../shared/test/support/roundtable.js';
import { AttendanceRecorder, sightingOnConnect, sightingsOnChange } from '../src/realtime/attendance.js';

const VISITOR: Actor = { kind: 'visitor', role: 'visitor' };

/** Amir and Dana of Europol, Bruno removed, and a look-alike of banned Arman waiting for approval; two items. */
function room() {
  const s = new Scenario();
  const amir = s.person('Amir');
  const dana = s.person('Dana');
  const bruno = s.person('Bruno', 'Frontex');
  const arman = s.person('Arman Karimov');
  s.do({ type: 'participant.ban', participantId: arman.id });
  s.do({ type: 'participant.remove', participantId: bruno.id });
  const { participantId: waiting = '' } = s.do(
    {
      type: 'participant.join',
      profile: { name: 'Arman Karimov', function: '', delegation: { id: s.delegation('Europol') }, language: 'en' },
    },
    VISITOR,
  );
  const first = s.item('Opening remarks', 20);
  const second = s.item('Cyber threats', 30);
  return { s, amir: amir.id, dana: dana.id, bruno: bruno.id, waiting, first, second };
}

describe('who is present for an agenda item', () => {
  it('is everyone in the room online when it starts or is reopened, and nobody for other changes', () => {
    const { s, amir, dana, bruno, waiting, first, second } = room();
    const online = [amir, bruno, waiting];
    s.do({ type: 'agenda.start', itemId: first });
    expect(sightingsOnChange(s.lastEvents, s.state, online, 0)).toEqual([
      { itemId: first, participantIds: [amir], at: s.now },
    ]);
    s.do({ type: 'agenda.extend', itemId: first, minutes: 5 });
    expect(sightingsOnChange(s.lastEvents, s.state, online, 0)).toEqual([]);

    s.minutes(20);
    s.do({ type: 'agenda.start', itemId: second }); // finishes the first at the same instant
    expect(sightingsOnChange(s.lastEvents, s.state, [dana], 0)).toEqual([
      { itemId: second, participantIds: [dana], at: s.now },
    ]);
    s.do({ type: 'agenda.finish', itemId: second });
    s.minutes(5);
    s.do({ type: 'agenda.reopen', itemId: first });
    expect(sightingsOnChange(s.lastEvents, s.state, [amir, dana], 0)).toEqual([
      { itemId: first, participantIds: [amir, dana], at: s.now },
    ]);
    expect(sightingsOnChange(s.lastEvents, s.state, [waiting], 0)).toEqual([]);
  });

  it('takes whoever connects while an item runs, but not between items or while waiting for approval', () => {
    const { s, amir, waiting, bruno, first } = room();
    expect(sightingOnConnect(s.state, amir, 1)).toBeUndefined();
    s.do({ type: 'agenda.start', itemId: first });
    expect(sightingOnConnect(s.state, amir, 7)).toEqual({ itemId: first, participantIds: [amir], at: 7 });
    expect(sightingOnConnect(s.state, waiting, 7)).toBeUndefined();
    expect(sightingOnConnect(s.state, bruno, 7)).toBeUndefined();
    s.do({ type: 'agenda.finish', itemId: first });
    expect(sightingOnConnect(s.state, amir, 8)).toBeUndefined();
  });

  it('takes a person let in from waiting while an item runs, if they are online', () => {
    const { s, amir, waiting, first } = room();
    s.do({ type: 'agenda.start', itemId: first });
    s.do({ type: 'participant.readmit', participantId: waiting });
    expect(sightingsOnChange(s.lastEvents, s.state, [amir, waiting], 9)).toEqual([
      { itemId: first, participantIds: [waiting], at: 9 },
    ]);
    expect(sightingsOnChange(s.lastEvents, s.state, [amir], 9)).toEqual([]);
  });
});

describe('the recorder', () => {
  function recorder(fail = () => false) {
    const writes: [string, string, string[]][] = [];
    const errors: unknown[] = [];
    const store = {
      recordAttendance: async (roundtableId: string, itemId: string, ids: readonly string[]) => {
        if (fail()) throw new Error('disk full');
        writes.push([roundtableId, itemId, [...ids]]);
      },
    };
    return { rec: new AttendanceRecorder(store, { error: (e: unknown) => errors.push(e) }), writes, errors };
  }

  it('writes a person once per item however often their phone reconnects, and again for the next item', () => {
    const { s, amir, dana, first, second } = room();
    const { rec, writes } = recorder();
    s.do({ type: 'agenda.start', itemId: first });
    rec.changed('rt', s.lastEvents, s.state, [amir]);
    rec.connected('rt', s.state, amir);
    rec.connected('rt', s.state, dana);
    rec.connected('rt', s.state, dana);
    s.do({ type: 'agenda.start', itemId: second });
    rec.changed('rt', s.lastEvents, s.state, [amir, dana]);
    rec.connected('rt', s.state, amir);
    s.do({ type: 'agenda.finish', itemId: second });
    rec.changed('rt', s.lastEvents, s.state, [amir, dana]);
    rec.connected('rt', s.state, amir);
    expect(writes).toEqual([
      ['rt', first, [amir]],
      ['rt', first, [dana]],
      ['rt', second, [amir, dana]],
    ]);
  });

  it('logs a write that fails instead of throwing, and tries again at the next connection', async () => {
    const { s, amir, first } = room();
    let broken = true;
    const { rec, writes, errors } = recorder(() => broken);
    s.do({ type: 'agenda.start', itemId: first });
    expect(() => rec.connected('rt', s.state, amir)).not.toThrow();
    await expect.poll(() => errors).toHaveLength(1);
    broken = false;
    rec.connected('rt', s.state, amir);
    expect(writes).toEqual([['rt', first, [amir]]]);
  });
});
