import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeAll, connect, connected, createRoundtable, join, nextState, startDemo } from '../support/clients.js';
import { freePort } from '../support/process.js';

/** The production build (`pnpm --filter @roundtable/server build`, then `node server/dist/main.js`). */
const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
const clientIndex = fileURLToPath(new URL('../../client/dist/index.html', import.meta.url));
const run = promisify(execFile);

let dataDir = '';
let elsewhere = '';
let child: ChildProcess | undefined;
let url = '';

/** As an operator would start it: from another directory, nothing but the environment to find its way. */
function environment(port: number): NodeJS.ProcessEnv {
  const { PUBLIC_URL: _p, CLIENT_DIST: _c, INIT_CWD: _i, ...env } = process.env;
  return { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
}

beforeAll(async () => {
  await run('node', ['build.mjs'], { cwd: serverDir });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-compiled-'));
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-cwd-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // No tsx anywhere: plain node on the JavaScript the build wrote.
  child = spawn(process.execPath, [path.join(serverDir, 'dist/main.js')], {
    cwd: elsewhere,
    env: environment(port),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await vi.waitFor(
    async () => {
      const res = await fetch(`${url}/healthz`);
      if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    },
    { timeout: 20_000, interval: 100 },
  );
});

afterAll(() => {
  closeAll();
  child?.kill('SIGKILL');
  for (const dir of [dataDir, elsewhere]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it('creates a roundtable through the API and shows a phone that joins to the moderator live', async () => {
    const rt = await createRoundtable(url);
    const moderator = connect(url, rt.roundtableId, rt.moderatorSecret);
    await connected(moderator);
    const joined = await join(url, rt.joinCode, 'Aigerim Seitkali');
    expect(joined.status).toBe(200);
    const state = await nextState(moderator, (s) => s.participants.length === 1);
    expect(state.participants[0]).toMatchObject({ name: 'Aigerim Seitkali', status: 'active' });
    expect(fs.existsSync(path.join(dataDir, 'roundtable.db'))).toBe(true);
  });

  it('loads the demo scenario, a file it reads beside its code', async () => {
    const demo = await startDemo(url);
    const moderator = connect(url, demo.roundtableId, demo.moderatorSecret);
    expect((await connected(moderator)).delegations.length).toBeGreaterThan(10);
  });

  it('exports minutes as PDF with the fonts it embeds', async () => {
    const rt = await createRoundtable(url);
    const res = await fetch(`${url}/api/roundtables/${rt.roundtableId}/minutes.pdf`, {
      headers: { authorization: `Bearer ${rt.moderatorSecret}` },
    });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
  });

  it('serves the client from where the default CLIENT_DIST points', async () => {
    const res = await fetch(`${url}/`);
    if (fs.existsSync(clientIndex)) {
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(fs.readFileSync(clientIndex, 'utf8'));
    } else {
      // Not built yet (pnpm test builds the client after this): found where it would be, and said so.
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('The client is not built yet');
    }
  });

  it('runs `pnpm demo` compiled too, into a DATA_DIR relative to where it was started', async () => {
    const { stdout } = await run(process.execPath, [path.join(serverDir, 'dist/demo.js')], {
      cwd: elsewhere,
      env: { ...environment(await freePort()), DATA_DIR: 'data' },
    });
    expect(stdout).toMatch(/Join code:\s+[A-Z0-9]{6}/);
    expect(fs.existsSync(path.join(elsewhere, 'data', 'roundtable.db'))).toBe(true);
  });
});
