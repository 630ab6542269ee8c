import { pino } from 'pino';
import { expect, it, vi } from 'vitest';
import type { Command } from '@roundtable/shared';
import { changeOf } from '../src/cluster/join.js';
import { Roundtables, type Applied } from '../src/roundtables.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { MOD, Scenario } from '../../shared/test/support/roundtable.js';

/** Two nodes on one store: each a Roundtables of its own, as two processes on one PostgreSQL. */
async function twoNodes() {
  const store = openSqliteStore(':memory:');
  const log = pino({ level: 'silent' });
  const s = new Scenario();
  for (let i = 0; i < 30; i++) s.person(`Participant ${i}`);
  await store.create(s.state, [], []);
  const [a, b] = [new Roundtables(store, log), new Roundtables(store, log)];
  await a.get(s.state.id);
  await b.get(s.state.id);
  const made: Applied[] = [];
  a.onApplied((applied) => void made.push(applied));
  const heard: Applied[] = [];
  b.onApplied((applied) => void heard.push(applied));
  const run = async (command: Command) => {
    const version = (await a.get(s.state.id))?.version ?? 0;
    expect(await a.execute(s.state.id, { system: MOD }, { baseVersion: version, command })).toMatchObject({ ok: true });
    return made.at(-1) as Applied;
  };
  return { store, a, b, id: s.state.id, run, heard };
}

const adding = (name: string): Command => ({
  type: 'participant.add',
  role: 'participant',
  profile: { name, function: '', delegation: null, language: 'kk' },
});

it('learns a version another node made from its difference, without reading the store, and tells its listeners', async () => {
  const { store, a, b, id, run, heard } = await twoNodes();
  const load = vi.spyOn(store, 'load');
  for (const name of ['Айгерім Нұрланова', 'Данияр Сапаров', 'Marta Kowalska']) {
    const made = await run(adding(name));
    const { change } = changeOf(made.previous, made.state, made.events);
    // As it crosses Redis: JSON.
    await b.learn(id, made.state.version, JSON.parse(JSON.stringify(change)));
  }
  expect(load).not.toHaveBeenCalled();
  expect(b.cached(id)).toEqual(a.cached(id));
  const first = heard[0]?.previous.version ?? 0;
  expect(heard.map((h) => [h.origin, h.state.version - first, h.events.map((e) => e.type)])).toEqual([
    ['elsewhere', 1, ['participant.joined']],
    ['elsewhere', 2, ['participant.joined']],
    ['elsewhere', 3, ['participant.joined']],
  ]);
});

it('reads the store instead when the difference does not follow what it holds, or is missing', async () => {
  const { store, a, b, id, run, heard } = await twoNodes();
  const load = vi.spyOn(store, 'load');
  await run(adding('Айгерім Нұрланова'));
  const second = await run(adding('Данияр Сапаров'));
  // The first version's message was lost: the second's difference is from a version this node lacks.
  await b.learn(id, second.state.version, changeOf(second.previous, second.state, second.events).change);
  expect(load).toHaveBeenCalledTimes(1);
  expect(b.cached(id)).toEqual(a.cached(id));
  expect(heard.map((h) => h.events.map((e) => e.type))).toEqual([['participant.joined', 'participant.joined']]);
  const third = await run(adding('Marta Kowalska'));
  await b.learn(id, third.state.version);
  expect(load).toHaveBeenCalledTimes(2);
  expect(b.cached(id)?.version).toBe(third.state.version);
});
