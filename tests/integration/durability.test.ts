import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoundtable } from '../support/clients.js';
import { closeDocuments, openDocument } from '../support/documents.js';
import { freePort, startProcess } from '../support/process.js';
import { seededRandom, TEST_SEED } from '../support/random.js';
import { startServer, type TestServer } from '../support/server.js';

const children: ChildProcess[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  closeDocuments();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const s of servers.splice(0)) await s.stop();
});

const random = seededRandom();
const LETTERS = 'abc ӘҒҚҢӨҰҮҺІ әғқңөұүһі жд';
const word = () => Array.from({ length: 1 + random(6) }, () => LETTERS[random(LETTERS.length)]).join('');

describe('co-editing', () => {
  it('five writers making random concurrent edits end with identical text, which is what the server stored', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.log(`the writers' edits came from TEST_SEED=${TEST_SEED}`));
    const server = await startServer();
    servers.push(server);
    const rt = await createRoundtable(server.url);
    const writers = Array.from({ length: 5 }, () => openDocument(server.url, rt.roundtableId, rt.moderatorSecret));
    await Promise.all(writers.map((w) => w.synced));

    for (let round = 0; round < 60; round++) {
      for (const { doc } of writers) {
        const text = doc.getText('notes');
        if (text.length > 0 && random(3) === 0) text.delete(random(text.length), 1 + random(4));
        else text.insert(random(text.length + 1), word());
      }
      // Let the network interleave the writers' messages between rounds.
      if (round % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }

    const texts = () => writers.map((w) => w.doc.getText('notes').toString());
    await expect.poll(() => new Set(texts()).size, { timeout: 15_000 }).toBe(1);
    const agreed = texts()[0]!;
    expect(agreed.length).toBeGreaterThan(0);
    expect(await storedText(server, rt.roundtableId, rt.moderatorSecret)).toBe(agreed);
  });

  it('a writer who goes offline keeps editing, and on reconnecting both writers’ edits are everywhere', async () => {
    const server = await startServer();
    servers.push(server);
    const rt = await createRoundtable(server.url);
    const offline = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
    const online = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
    await Promise.all([offline.synced, online.synced]);

    offline.provider.disconnect();
    offline.doc.getText('notes').insert(0, 'Жолда жазылды. ');
    online.doc.getText('notes').insert(0, 'Meanwhile in the room. ');
    // A third client sees the online edit while the offline writer still cannot: it really was offline.
    const witness = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
    await expect.poll(() => witness.doc.getText('notes').toString()).toContain('Meanwhile in the room.');
    expect(witness.doc.getText('notes').toString()).not.toContain('Жолда');
    expect(offline.doc.getText('notes').toString()).not.toContain('Meanwhile');

    offline.provider.connect();
    for (const side of [offline, online]) {
      await expect.poll(() => side.doc.getText('notes').toString()).toContain('Жолда жазылды.');
      await expect.poll(() => side.doc.getText('notes').toString()).toContain('Meanwhile in the room.');
    }
    const agreed = online.doc.getText('notes').toString();
    expect(offline.doc.getText('notes').toString()).toBe(agreed);
    expect(await storedText(server, rt.roundtableId, rt.moderatorSecret)).toBe(agreed);
  });
});

/**
 * What the server has on disk: every editor is closed first (a reconnecting editor would hand the server
 * back anything it had lost), then the server restarts and a fresh reader loads the document.
 */
async function storedText(server: TestServer, roundtableId: string, key: string): Promise<string> {
  closeDocuments();
  await server.restart();
  const reader = openDocument(server.url, roundtableId, key);
  await reader.synced;
  return reader.doc.getText('notes').toString();
}

it('a server killed with SIGKILL in the middle of a burst of edits loses nothing another client had received', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-kill-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const first = await startProcess(port, dataDir);
  children.push(first);
  const rt = await createRoundtable(url);
  const writer = openDocument(url, rt.roundtableId, rt.moderatorSecret);
  const observer = openDocument(url, rt.roundtableId, rt.moderatorSecret);
  await Promise.all([writer.synced, observer.synced]);

  let line = 0;
  const typing = setInterval(() => {
    const text = writer.doc.getText('notes');
    text.insert(text.length, `Қадам ${line++}\n`);
  }, 2);
  await expect.poll(() => observer.doc.getText('notes').toString(), { timeout: 15_000 }).toContain('Қадам 40\n');
  const received = observer.doc.getText('notes').toString();
  first.kill('SIGKILL');
  clearInterval(typing);
  await new Promise((resolve) => first.once('exit', resolve));
  closeDocuments();

  children.push(await startProcess(port, dataDir));
  const fresh = openDocument(url, rt.roundtableId, rt.moderatorSecret);
  await fresh.synced;
  // Everything the observer saw was on disk before it was relayed; more may have been stored since.
  expect(fresh.doc.getText('notes').toString().startsWith(received)).toBe(true);
  expect(received.split('\n').length).toBeGreaterThan(40);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);
