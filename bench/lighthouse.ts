/**
 * 4. Lighthouse: the phone pages as a first visit on a mid-range phone over slow 4G (Lighthouse's
 * mobile defaults, throttling simulated from the observed load), each audited several times in a
 * fresh Chromium against our server serving a fresh production build of the client.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Launcher, launch } from 'chrome-launcher';
import lighthouse, { generateReport, type Flags, type Result } from 'lighthouse';
import puppeteer, { type Page } from 'puppeteer-core';
import { command, createRoundtable, joinMany } from './lib/api.js';
import { benchFile } from './lib/rpc.js';
import { startOurs } from './lib/servers.js';
import type { JoinPreview } from '@roundtable/shared';

export interface LighthouseOptions {
  runs: number;
  /** Lighthouse's CPU slowdown; its default, 4, assumes a machine with a benchmark index of about 1,000 or more. */
  cpuSlowdown: number;
  serverCpus: string | undefined;
  /** Where the median run's report of each page goes (HTML and JSON), or undefined for none. */
  reportDir: string | undefined;
}

export type PhonePage = 'join' | 'participant';

export interface AuditFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Lighthouse's measure of this machine's speed at the time; its 4× slowdown assumes 1,000 or more. */
  benchmarkIndex: number;
  /** The machine's 1-minute load average when the audit ended (2 cores: above 2, others are waiting). */
  load: number;
}

export interface PageAudit {
  page: PhonePage;
  path: string;
  runs: AuditFigures[];
  median: AuditFigures;
  min: AuditFigures;
  max: AuditFigures;
  /** Of the median run: the LCP element, and each performance audit that did not pass. */
  lcpElement: string | undefined;
  failing: { id: string; score: number | null; display: string | undefined }[];
}

export interface LighthouseResult {
  lighthouse: string;
  chromium: string;
  settings: string;
  pages: PageAudit[];
}

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/**
 * Chromium 156's new headless mode is the whole browser: each window also loads the omnibox popup
 * WebUI (chrome://omnibox-popup.top-chrome), 2–3 s of CPU in renderers of its own, right while the
 * page loads. On two cores that time is taken from the page and Lighthouse counts it as the page's
 * (its simulation scales the observed tasks), so it is switched off, with chrome-launcher's own list
 * (a later --disable-features replaces an earlier one).
 */
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];
const launcherDisabled =
  Launcher.defaultFlags().find((f) => f.startsWith('--disable-features=')) ?? '--disable-features=';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  `${launcherDisabled},${DISABLED_FEATURES.join(',')}`,
];
const clientRoot = benchFile('../client');
/** Lighthouse's mobile default; the rest of its throttling (slow 4G) is kept as it is. */
const DEFAULT_SLOWDOWN = 4;
/** What the app keeps in localStorage once a device has joined (client/src/lib/identity.ts). */
const IDENTITY_KEY = 'roundtable.identity.v1';

/** A production build of the client into a directory of its own, so a build elsewhere cannot change it mid-run. */
function buildClient(): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-lighthouse-'));
  execFileSync(path.join(clientRoot, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: clientRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  return outDir;
}

/**
 * One audit in a fresh Chromium (a new profile: nothing cached, no service worker). For the
 * participant page the device has joined first: the join goes through the API, and the identity the
 * app would have written is put into localStorage from a same-origin page that loads none of the app
 * (/healthz); Lighthouse then keeps that storage (`disableStorageReset`), which is harmless in a profile
 * that has cached nothing else.
 */
async function audit(
  url: string,
  identity: object | undefined,
  cpuSlowdown: number,
): Promise<{ lhr: Result; lcpElement?: string }> {
  const chrome = await launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
  try {
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const page: Page = await browser.newPage();
    if (identity) {
      await page.goto(new URL('/healthz', url).href);
      await page.evaluate(
        `localStorage.setItem(${JSON.stringify(IDENTITY_KEY)}, ${JSON.stringify(JSON.stringify(identity))})`,
      );
    }
    const flags: Flags = {
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      throttlingMethod: 'simulate',
      ...(cpuSlowdown === DEFAULT_SLOWDOWN ? {} : { throttling: { cpuSlowdownMultiplier: cpuSlowdown } }),
      disableStorageReset: identity !== undefined,
    };
    const run = await lighthouse(url, flags, undefined, page);
    if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (run.lhr.runtimeError) throw new Error(`Lighthouse: ${run.lhr.runtimeError.message}`);
    const lcp = await page.evaluate(LCP_ELEMENT).catch(() => undefined);
    await browser.disconnect();
    return { lhr: run.lhr, lcpElement: typeof lcp === 'string' ? lcp : undefined };
  } finally {
    chrome.kill();
  }
}

/**
 * On a busy machine Lighthouse now and then loses the trace of a load (NO_NAVSTART, NO_FCP) and asks to
 * be run again: such a run is repeated once, in a new Chromium, rather than ending the benchmark.
 */
async function auditAgainOnce<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    console.log(`  (again: ${error instanceof Error ? error.message : String(error)})`);
    return run();
  }
}

function figures(lhr: Result): AuditFigures {
  const score = (id: string) => lhr.categories[id]?.score ?? NaN;
  const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcpMs: Math.round(value('first-contentful-paint')),
    lcpMs: Math.round(value('largest-contentful-paint')),
    tbtMs: Math.round(value('total-blocking-time')),
    cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000,
    speedIndexMs: Math.round(value('speed-index')),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    load: Math.round((os.loadavg()[0] ?? NaN) * 10) / 10,
  };
}

/**
 * The page's own last LCP candidate, read once Lighthouse is done with the page: Lighthouse 12.2's
 * "largest-contentful-paint-element" audit fails on Chromium 156's traces (its RootCauses gatherer).
 */
const LCP_ELEMENT = `new Promise((resolve) => new PerformanceObserver((list) => {
  const e = list.getEntries().at(-1)?.element;
  resolve(e ? e.outerHTML.replace(/>[^]*$/, '>').slice(0, 120) + ' ' + (e.textContent ?? '').trim().slice(0, 40) : '');
}).observe({ type: 'largest-contentful-paint', buffered: true }))`;

function failing(lhr: Result): PageAudit['failing'] {
  const refs = lhr.categories.performance?.auditRefs ?? [];
  return refs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .map((a) => ({ id: a?.id ?? '', score: a?.score ?? null, display: a?.displayValue }));
}

const order = <K extends keyof AuditFigures>(runs: AuditFigures[], key: K) =>
  runs.map((r) => r[key]).sort((a, b) => a - b);

function summary(runs: AuditFigures[], pick: (sorted: number[]) => number): AuditFigures {
  const keys = Object.keys(runs[0] ?? {}) as (keyof AuditFigures)[];
  return Object.fromEntries(keys.map((k) => [k, pick(order(runs, k))])) as unknown as AuditFigures;
}

async function auditPage(
  page: PhonePage,
  base: string,
  pagePath: string,
  identity: () => Promise<object | undefined>,
  opts: LighthouseOptions,
): Promise<PageAudit & { environment: Pick<LighthouseResult, 'lighthouse' | 'chromium'> }> {
  const reports: Result[] = [];
  const runs: AuditFigures[] = [];
  const elements: (string | undefined)[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const { lhr, lcpElement } = await auditAgainOnce(async () =>
      audit(base + pagePath, await identity(), opts.cpuSlowdown),
    );
    elements.push(lcpElement);
    const f = figures(lhr);
    runs.push(f);
    console.log(
      `  ${page} run ${i + 1}/${opts.runs}: performance ${f.performance} · LCP ${f.lcpMs} ms · TBT ${f.tbtMs} ms · ` +
        `a11y ${f.accessibility} · best practices ${f.bestPractices} · benchmark index ${f.benchmarkIndex} · load ${f.load}`,
    );
    reports.push(lhr);
  }
  // The median run by performance score, then LCP: the report worth reading.
  const ranked = reports
    .map((lhr, i) => ({ lhr, f: runs[i] as AuditFigures, element: elements[i] }))
    .sort((a, b) => a.f.performance - b.f.performance || b.f.lcpMs - a.f.lcpMs);
  const middle = ranked[Math.floor((ranked.length - 1) / 2)];
  if (!middle) throw new Error('no audit');
  const median = middle.lhr;
  if (opts.reportDir) {
    fs.mkdirSync(opts.reportDir, { recursive: true });
    fs.writeFileSync(path.join(opts.reportDir, `lighthouse-${page}.html`), generateReport(median, 'html'));
    fs.writeFileSync(path.join(opts.reportDir, `lighthouse-${page}.json`), JSON.stringify(median));
  }
  return {
    page,
    path: pagePath.replace(/\/j\/\w+/, '/j/CODE').replace(/\/r\/[\w-]+/, '/r/ID'),
    runs,
    median: summary(runs, (s) => s[Math.floor((s.length - 1) / 2)] ?? NaN),
    min: summary(runs, (s) => s[0] ?? NaN),
    max: summary(runs, (s) => s[s.length - 1] ?? NaN),
    lcpElement: middle.element,
    failing: failing(median),
    environment: { lighthouse: median.lighthouseVersion, chromium: median.environment.hostUserAgent },
  };
}

/** A roundtable under way: the item started, someone speaking, two waiting, so the participant page shows it all. */
async function setUp(base: string) {
  const rt = await createRoundtable(base);
  const people = await joinMany(base, rt.joinCode, 3, 1);
  const res = await fetch(`${base}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  });
  const state = (await res.json()) as { version: number; agenda: { id: string }[] };
  const itemId = state.agenda[0]?.id;
  if (!itemId) throw new Error('no agenda item');
  let version = state.version;
  const send = async (cmd: Parameters<typeof command>[3]) => {
    version = (await command(base, rt.roundtableId, rt.moderatorSecret, cmd, version)).version;
  };
  await send({ type: 'agenda.start', itemId });
  for (const [i, p] of people.entries())
    await send({ type: 'queue.add', participantId: p.participantId, kind: 'speech', topic: `Point ${i + 1}` });
  await send({ type: 'floor.next', expectedSpeechId: null });
  return rt;
}

/**
 * Chromium gets every core while it audits, as a phone's browser has several: pinned to the one core
 * of the benchmark's clients, its browser, renderer and network processes queue behind one another
 * and Lighthouse counts the wait as the page's work. Children inherit this process's affinity.
 */
function allCores(): () => void {
  if (os.platform() !== 'linux') return () => undefined;
  const affinity = (cpus: string) =>
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
  try {
    const before = /:\s*(\S+)\s*$/.exec(
      execFileSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' }),
    )?.[1];
    affinity(`0-${os.cpus().length - 1}`);
    return () => before && affinity(before);
  } catch {
    return () => undefined;
  }
}

export async function lighthouseAudit(opts: LighthouseOptions): Promise<LighthouseResult> {
  const clientDist = buildClient();
  const server = await startOurs({ cpus: opts.serverCpus, clientDist });
  const restore = allCores();
  try {
    const rt = await setUp(server.url);
    const join = await auditPage('join', server.url, `/j/${rt.joinCode}`, () => Promise.resolve(undefined), opts);
    // A new person per run, as a phone that has just joined: the app keeps the title it joined under too.
    const preview = (await (await fetch(`${server.url}/api/join/${rt.joinCode}`)).json()) as JoinPreview;
    const seen = { title: preview.title, languages: preview.languages };
    const joined = async () => {
      const [p] = await joinMany(server.url, rt.joinCode, 1, 1);
      if (!p) throw new Error('join failed');
      return { devices: { [rt.roundtableId]: { ...p, seen } }, links: {} };
    };
    const participant = await auditPage('participant', server.url, `/r/${rt.roundtableId}`, joined, opts);
    return {
      ...join.environment,
      settings: `mobile (Moto G Power), simulated slow 4G (150 ms RTT, 1.6 Mbps) and ${opts.cpuSlowdown}× CPU slowdown`,
      pages: [join, participant].map(({ environment: _, ...audit }) => audit),
    };
  } finally {
    restore();
    await server.stop();
    fs.rmSync(clientDist, { recursive: true, force: true });
  }
}
