/**
 * 6. Vote storm: N phones (200 by default, the room) each vote once in a quick poll at the same
 * moment, with the moderator's console connected. Measured: each vote's command → ack, and the time from
 * the first vote sent until the moderator's console, and then every phone, shows all N counted.
 */
import { command, connectSocket, createRoundtable, emitCommand, joinMany } from './lib/api.js';
import { now, until } from './lib/clock.js';
import { histogram, record, summarize, type Summary } from './lib/histogram.js';
import { startOurs } from './lib/servers.js';
import type { PollSetup } from '@roundtable/shared';

export interface VotesOptions {
  n: number;
  serverCpus: string | undefined;
}

export interface VotesResult {
  n: number;
  /** Votes the server accepted (all of them, or the run is broken). */
  accepted: number;
  /** Whether the counts equal what was sent. */
  exact: boolean;
  ack: Summary;
  /** From the first vote sent until the moderator's console shows all N. */
  moderatorAllMs: number;
  /** … until the last phone shows all N. */
  everyPhoneAllMs: number;
}

export async function voteStorm(opts: VotesOptions): Promise<VotesResult> {
  const server = await startOurs({ cpus: opts.serverCpus });
  try {
    const rt = await createRoundtable(server.url);
    const key = rt.moderatorSecret;
    const mod = connectSocket(server.url, rt.roundtableId, key);
    await until(() => mod.latest !== undefined, 10_000);
    const version = () => mod.latest?.version ?? 0;
    const itemId = mod.latest?.agenda[0]?.id ?? '';
    await command(server.url, rt.roundtableId, key, { type: 'agenda.start', itemId }, version());
    const people = await joinMany(server.url, rt.joinCode, opts.n);
    const phones = people.map((p) => connectSocket(server.url, rt.roundtableId, p.token));
    if (!(await until(() => phones.every((p) => p.latest !== undefined), 60_000))) throw new Error('phones not in');
    const setup: PollSetup = {
      question: '',
      preset: 'agreement',
      options: [],
      multiple: false,
      anonymous: true,
      voters: 'person',
    };
    const started = await command(server.url, rt.roundtableId, key, { type: 'poll.start', setup }, version());
    const pollId = started.ok ? (started.result?.pollId ?? '') : '';
    const answered = (s: (typeof mod)['latest']) => s?.polls.find((p) => p.id === pollId)?.answered ?? -1;
    if (!(await until(() => phones.every((p) => answered(p.latest) === 0), 30_000))) throw new Error('no poll');

    const acks = histogram();
    let moderatorAt = 0;
    const t0 = now();
    const sent = await Promise.all(
      phones.map(async (phone, i) => {
        const at = now();
        const ack = await emitCommand(phone.socket, phone.latest?.version ?? 0, {
          type: 'poll.vote',
          pollId,
          choices: [i % 3],
        });
        record(acks, now() - at);
        if (!moderatorAt && answered(mod.latest) === opts.n) moderatorAt = now();
        return ack.ok;
      }),
    );
    await until(() => answered(mod.latest) === opts.n, 30_000, 1);
    moderatorAt ||= now();
    await until(() => phones.every((p) => answered(p.latest) === opts.n), 30_000, 1);
    const everyAt = now();
    const counts = mod.latest?.polls.find((p) => p.id === pollId)?.counts ?? [];
    const expected = [0, 1, 2].map(
      (c) => Array.from({ length: opts.n }, (_, i) => i % 3).filter((v) => v === c).length,
    );
    for (const p of [mod, ...phones]) p.socket.close();
    return {
      n: opts.n,
      accepted: sent.filter(Boolean).length,
      exact: counts.join() === expected.join(),
      ack: summarize(acks),
      moderatorAllMs: Math.round(moderatorAt - t0),
      everyPhoneAllMs: Math.round(everyAt - t0),
    };
  } finally {
    await server.stop();
  }
}
