import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createApp, openSqliteStore, testConfig, type App, type Config } from '@roundtable/server';
import type { CreateRoundtableResponse } from '@roundtable/shared';

export interface RunningServer {
  url: string;
  app: App;
  dataDir: string;
}

/** The real server on port 0, serving the built client, with a fresh data directory per test file. */
export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-e2e-'));
  // One server serves every test of the run: its address makes more roundtables a minute than a person would.
  const config = testConfig({ dataDir, joinRateLimit: 1000, createRateLimit: 1000, ...overrides });
  const app = createApp({ config, store: openSqliteStore(dataDir) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, dataDir };
}

export const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } as const;

/** Console errors and uncaught exceptions of every page a test opens: any one fails the test. */
class PageErrors {
  readonly seen: string[] = [];
  readonly #allowed: RegExp[] = [];
  /** What a test provokes on purpose (the browser's own complaints while a test has it offline). */
  allow(pattern: RegExp): void {
    this.#allowed.push(pattern);
  }
  get unexpected(): string[] {
    return this.seen.filter((line) => !this.#allowed.some((pattern) => pattern.test(line)));
  }
  watch = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() === 'error') this.seen.push(`${page.url()} console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.seen.push(`${page.url()} uncaught: ${error.message}`));
  };
  watchContext = (context: BrowserContext): BrowserContext => {
    context.pages().forEach(this.watch);
    context.on('page', this.watch);
    return context;
  };
}

export const test = base.extend<
  {
    phone: (options?: { locale?: string }) => Promise<{ context: BrowserContext; page: Page }>;
    pageErrors: PageErrors;
  },
  { server: RunningServer }
>({
  // Every context a test makes, through a fixture or the browser directly, is watched.
  pageErrors: [
    async ({ browser }, use) => {
      const errors = new PageErrors();
      const { newContext, newPage } = browser;
      browser.newContext = async (options) => errors.watchContext(await newContext.call(browser, options));
      browser.newPage = async (options) => {
        const page = await newPage.call(browser, options);
        errors.watch(page);
        return page;
      };
      await use(errors);
      browser.newContext = newContext;
      browser.newPage = newPage;
      expect(errors.unexpected, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, pageErrors }, use) => use(pageErrors.watchContext(context)),
  server: [
    // Playwright reads the fixture's dependencies from this (empty) destructuring.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.app.close();
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // A phone-sized browser context of its own: its own storage, so its own participant identity.
  phone: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ locale = 'en-GB' } = {}) => {
      const context = await newContext(browser, server, { ...PHONE, locale });
      contexts.push(context);
      return { context, page: await context.newPage() };
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  baseURL: async ({ server }, use) => use(server.url),
});

function newContext(browser: Browser, server: RunningServer, options: Parameters<Browser['newContext']>[0]) {
  return browser.newContext({ ...options, baseURL: server.url });
}

/** Creates a roundtable over HTTP, as a script would; the UI tests create theirs through the page. */
export async function createViaApi(server: RunningServer, body: object): Promise<CreateRoundtableResponse> {
  const res = await fetch(`${server.url}/api/roundtables`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateRoundtableResponse;
}

/** A small roundtable in Astana, created over HTTP; `extra` adds or overrides fields (an agenda, languages…). */
export function createRoundtable(server: RunningServer, extra: object = {}): Promise<CreateRoundtableResponse> {
  return createViaApi(server, {
    title: { en: 'Roundtable on transnational threats' },
    description: '',
    startsAt: null,
    venue: 'Astana',
    organisers: [],
    languages: ['en', 'ru', 'kk'],
    ...extra,
  });
}

/** Opens the moderator console of a roundtable with its moderator link. */
export async function openConsole(page: Page, rt: CreateRoundtableResponse): Promise<void> {
  const url = new URL(rt.moderatorUrl);
  await page.goto(url.pathname + url.hash);
}

/** Mints a link in the console's "Joining and links" tab, as a moderator does; returns its URL (shown once). */
export async function mintLink(page: Page, role: 'moderator' | 'rapporteur' | 'projector'): Promise<string> {
  await page.getByRole('button', { name: 'Joining and links', exact: true }).click();
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Create link' }).click();
  return page.locator('.minted input').inputValue();
}

export async function loadDemo(server: RunningServer): Promise<CreateRoundtableResponse> {
  const res = await fetch(`${server.url}/api/demo`, { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateRoundtableResponse;
}

export { expect };
