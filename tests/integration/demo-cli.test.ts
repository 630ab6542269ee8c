import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { closeAll, connect, connected } from '../support/clients.js';
import { freePort, startProcess, type ServerProcess } from '../support/process.js';

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
let child: ServerProcess | undefined;
let dataDir = '';
afterEach(() => {
  closeAll();
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('`pnpm demo` prints a moderator, a projector and a rapporteur link and the join code, each of which works', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-demo-'));
  const port = await freePort();
  const { PUBLIC_URL: _ignored, ...env } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/demo.ts'], {
    cwd: serverDir,
    env: { ...env, PORT: String(port), DATA_DIR: dataDir },
  });
  const base = `http://localhost:${port}`;
  const link = (label: string) => stdout.match(new RegExp(`${label}:\\s+(\\S+)`))?.[1] ?? '';
  const joinCode = link('Join code');
  expect(joinCode).toMatch(/^[A-Z0-9]{6}$/);
  expect(link('Join link')).toBe(`${base}/j/${joinCode}`);

  child = await startProcess(port, dataDir);
  for (const [label, role, page] of [
    ['Moderator', 'moderator', 'moderate'],
    ['Projector', 'projector', 'projector'],
    ['Rapporteur', 'rapporteur', 'report'],
  ] as const) {
    const url = new URL(link(label));
    expect(url.origin).toBe(base);
    const [, , roundtableId, shown] = url.pathname.split('/');
    expect(shown).toBe(page);
    const socket = connect(`http://127.0.0.1:${port}`, roundtableId ?? '', url.hash.replace('#key=', ''));
    await connected(socket);
    expect(socket.me?.role).toBe(role);
  }
});
