import type { Browser, Page } from '@playwright/test';
import { en } from '../../client/src/lib/i18n/en.js';
import { kk } from '../../client/src/lib/i18n/kk.js';
import { ru } from '../../client/src/lib/i18n/ru.js';
import { createRoundtable, expect, mintLink, openConsole, test } from './fixtures.js';

/**
 * Issue 19 as a room lives it, every part through its own page: the chair starts a poll in the console,
 * three phones answer it (in Kazakh, Russian and English), the projector's chart counts them; a phone
 * writes to the rapporteurs, the contribution comes into the rapporteur's inbox and goes into the document.
 */
const PHONES = [
  { name: 'Айгүл Сейтқали', locale: 'kk-KZ', labels: kk, answer: kk['poll.option.agree'] },
  { name: 'Ольга Смирнова', locale: 'ru-RU', labels: ru, answer: ru['poll.option.agree'] },
  { name: 'Anna Novak', locale: 'en-GB', labels: en, answer: en['poll.option.disagree'] },
] as const;

async function screen(browser: Browser, url: string, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, locale: 'en-GB' });
  const page = await context.newPage();
  const link = new URL(url);
  await page.goto(link.href);
  return page;
}

test('a poll from the console answered on three phones shows on the projector; a phone’s contribution goes into the document', async ({
  page,
  phone,
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [
      {
        title: { en: 'Lessons learned', ru: 'Извлечённые уроки', kk: 'Алынған сабақтар' },
        kind: 'closing',
        plannedMinutes: 30,
      },
    ],
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openConsole(page, rt);
  const projectorUrl = await mintLink(page, 'projector');
  // The console shows the link it minted last once: a fresh page for the second.
  await page.reload();
  const rapporteurUrl = await mintLink(page, 'rapporteur');
  expect(rapporteurUrl).not.toBe(projectorUrl);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).first().click();

  const phones: Page[] = [];
  for (const p of PHONES) {
    const { page: device } = await phone({ locale: p.locale });
    await device.goto(`/j/${rt.joinCode}`);
    await device.getByLabel(p.labels['join.name']).fill(p.name);
    await device.getByRole('button', { name: p.labels['join.submit'] }).click();
    await expect(device.getByRole('heading', { name: p.labels['queue.yourRequests'] })).toBeVisible();
    phones.push(device);
  }

  // Two taps: the preset, then Start.
  const polls = page.getByRole('region', { name: 'Polls' });
  await polls.getByRole('button', { name: 'Agree / Disagree / Abstain' }).click();
  await polls.getByRole('button', { name: 'Start the poll' }).click();
  for (const [i, p] of PHONES.entries()) {
    const card = phones[i]!.getByTestId('phone-poll');
    await expect(card).toBeVisible();
    await card.getByRole('button', { name: p.answer }).click();
    await expect(card.getByRole('button', { name: p.answer })).toHaveAttribute('aria-pressed', 'true');
  }
  await phones[0]!.screenshot({ path: '/tmp/shots/voice-phone-poll-kk.png' });

  const projector = await screen(browser, projectorUrl, { width: 1920, height: 1080 });
  const running = polls.getByTestId('poll-result');
  await expect(running.getByTestId('poll-answered')).toHaveText('3 of 3 answered');
  await running.getByRole('button', { name: 'Show on the projector' }).click();
  const chart = projector.getByTestId('projector-poll');
  const counts = chart.getByTestId('poll-count');
  await expect(counts).toHaveText(['2', '1', '0']);
  await expect(chart.getByTestId('poll-answered')).toHaveText('3 answered');
  await projector.screenshot({ path: '/tmp/shots/voice-projector-1920x1080.png' });
  await projector.setViewportSize({ width: 1280, height: 720 });
  await projector.screenshot({ path: '/tmp/shots/voice-projector-1280x720.png' });

  // The Kazakh phone writes to the rapporteurs.
  const writer = phones[0]!;
  const text = 'Шекара қызметтері деректерді 24 сағат ішінде бөлісуі керек.';
  const form = writer.getByTestId('phone-contribution');
  await form.getByRole('button', { name: kk['contribution.write'] }).click();
  await form.getByRole('textbox').fill(text);
  await form.getByRole('button', { name: kk['contribution.send'] }).click();
  await expect(form).toContainText(kk['contribution.received']);

  const rapporteur = await screen(browser, rapporteurUrl, { width: 1280, height: 800 });
  await expect(rapporteur.getByTestId('save-status')).toHaveText('Saved');
  const inbox = rapporteur.getByRole('region', { name: 'Written contributions' });
  const row = inbox.getByTestId('contribution').filter({ hasText: text });
  await expect(row).toContainText('Айгүл Сейтқали');
  const editor = rapporteur.getByRole('textbox', { name: 'Outcome document, editable' });
  await editor.getByText('Lessons learned', { exact: true }).click();
  await rapporteur.keyboard.press('End');
  await row.getByRole('button', { name: 'Insert at cursor' }).click();
  await expect(editor.locator('strong', { hasText: 'Айгүл Сейтқали' })).toBeVisible();
  await expect(editor).toContainText(`Айгүл Сейтқали: ${text}`);
  await expect(rapporteur.getByTestId('save-status')).toHaveText('Saved');
  await rapporteur.screenshot({ path: '/tmp/shots/voice-inbox-1280.png' });
  // The chair sees it in the console too, and puts it on the projector.
  const consoleInbox = page.getByTestId('inbox');
  await consoleInbox.getByRole('button', { name: /^Used/ }).click();
  const consoleRow = consoleInbox.getByTestId('contribution').filter({ hasText: text });
  // The console has no editor: it offers no insert.
  await expect(consoleRow.getByRole('button', { name: 'Insert at cursor' })).toHaveCount(0);
  await expect(consoleRow).toHaveAttribute('data-status', 'used');
  await consoleRow.getByRole('button', { name: 'Show on projector' }).click();
  await expect(projector.getByText(text)).toBeVisible();
  await expect(projector.getByText('Айгүл Сейтқали')).toBeVisible();
  await consoleInbox.screenshot({ path: '/tmp/shots/voice-console-inbox.png' });
  await projector.screenshot({ path: '/tmp/shots/voice-projector-contribution-1280x720.png' });
});
