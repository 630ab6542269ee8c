import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { healthRoutes, type HealthChecks } from '../src/http/health.js';

const TIMEOUT_MS = 300;
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** The routes alone in an app on a free port, as the server mounts them; returns its base URL. */
async function serve(checks: HealthChecks): Promise<string> {
  const app = express();
  app.use(healthRoutes(checks, { timeoutMs: TIMEOUT_MS }));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

const ok = () => Promise.resolve();
const hang = () => new Promise<void>(() => {});
const refuse = () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432 for user "roundtable"'));

describe('/healthz', () => {
  it('answers while the process runs, whatever the engines do', async () => {
    const url = await serve({ store: refuse, redis: hang });
    expect(await get(`${url}/healthz`)).toEqual({ status: 200, body: { ok: true } });
  });
});

describe('/readyz', () => {
  it('is ready when the store answers, Redis off when there is none', async () => {
    const url = await serve({ store: ok });
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: { ok: true, store: 'ok', redis: 'off' } });
  });

  it('is ready when the store and Redis answer', async () => {
    const url = await serve({ store: ok, redis: ok });
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: { ok: true, store: 'ok', redis: 'ok' } });
  });

  it('is not ready when the store fails, and says which without the error', async () => {
    const url = await serve({ store: refuse, redis: ok });
    const res = await fetch(`${url}/readyz`);
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toEqual({ ok: false, store: 'failed', redis: 'ok' });
    expect(text).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|roundtable/);
  });

  it('is not ready when a check throws before it returns a promise', async () => {
    const url = await serve({
      store: () => {
        throw new Error('pool is closed');
      },
    });
    expect(await get(`${url}/readyz`)).toMatchObject({ status: 503, body: { store: 'failed' } });
  });

  it('is not ready when Redis fails though the store answers', async () => {
    const url = await serve({ store: ok, redis: refuse });
    expect(await get(`${url}/readyz`)).toEqual({ status: 503, body: { ok: false, store: 'ok', redis: 'failed' } });
  });

  it('answers 503 once the timeout passes when the store hangs; probes at once share one check', async () => {
    let started = 0;
    const url = await serve({
      store: () => {
        started++;
        return hang();
      },
    });
    const before = performance.now();
    const probes = await Promise.all([get(`${url}/readyz`), get(`${url}/readyz`)]);
    expect(probes).toEqual([
      { status: 503, body: { ok: false, store: 'timeout', redis: 'off' } },
      { status: 503, body: { ok: false, store: 'timeout', redis: 'off' } },
    ]);
    expect(performance.now() - before).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(started).toBe(1);
  });

  it('is ready again once the store answers, though the check that hung never settles', async () => {
    let hanging = true;
    const url = await serve({ store: () => (hanging ? hang() : ok()) });
    expect(await get(`${url}/readyz`)).toMatchObject({ status: 503, body: { store: 'timeout' } });
    hanging = false;
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: { ok: true, store: 'ok', redis: 'off' } });
  });
});
