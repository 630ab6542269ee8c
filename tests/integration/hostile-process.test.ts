import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createRoundtable } from '../support/clients.js';
import { freePort, startProcess } from '../support/process.js';
import { openRawSession, rawAsk, type RawSocket } from '../support/rawSocket.js';

const children: ChildProcess[] = [];
const raws: RawSocket[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const raw of raws.splice(0)) raw.ws.terminate();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

it('the server process, as pnpm start runs it, outlives every frame that used to stop it', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-hostile-'));
  dirs.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess(port, dataDir);
  children.push(server);
  const rt = await createRoundtable(url);
  const raw = await openRawSession(url, rt.roundtableId, rt.moderatorSecret);
  raws.push(raw);
  for (const frame of ['42', '42[123,"x"]', '42[1.5]', `42["command",${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}]`]) {
    raw.send(frame);
  }
  // The same connection still answers, in order, after every one of them.
  expect(await rawAsk(raw, 1, 'sync', { since: 0 })).toMatchObject({ ok: true });
  expect(server.exitCode).toBeNull();
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  // Nothing got past the handlers: no error reached the process-wide last resort, none was logged.
  expect(server.logged.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
});
