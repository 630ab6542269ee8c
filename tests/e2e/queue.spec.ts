import type { Page } from '@playwright/test';
import { createRoundtable, expect, openConsole, test } from './fixtures.js';

async function joinAs(page: Page, code: string, name: string) {
  await page.goto(`/j/${code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();
}

test('three phones ask for the floor; the point of order goes first and its phone is told', async ({
  page,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 20 }],
  });
  await openConsole(page, rt);
  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();

  const phones = [(await phone()).page, (await phone()).page, (await phone()).page];
  const names = ['Speaker Speech', 'Speaker Question', 'Speaker Order'];
  for (const [i, p] of phones.entries()) await joinAs(p, rt.joinCode, names[i] ?? '');
  const [speech, question, order] = phones as [Page, Page, Page];
  await speech.getByRole('button', { name: 'Ask for the floor' }).click();
  await question.getByLabel('Question').check();
  await question.getByRole('button', { name: 'Ask for the floor' }).click();
  await order.getByLabel('Point of order').check();
  await order.getByRole('button', { name: 'Ask for the floor' }).click();

  await expect(order.getByText('You are number 1 in the queue')).toBeVisible();
  await expect(speech.getByText('You are number 2 in the queue')).toBeVisible();
  await expect(question.getByText('You are number 3 in the queue')).toBeVisible();
  await expect(page.getByTestId('queue-row')).toHaveCount(3);
  await expect(page.getByTestId('queue-row').first()).toContainText('Speaker Order');

  await page.getByRole('button', { name: 'Next speaker' }).click();
  await expect(order.getByRole('alertdialog')).toContainText('You have the floor');
  await expect(speech.getByText('You are number 1 in the queue')).toBeVisible();
  await expect(question.getByText('You are number 2 in the queue')).toBeVisible();
  for (const p of [speech, question]) {
    await expect(p.getByRole('region', { name: 'Speaking now' })).toContainText('Speaker Order');
    await expect(p.getByTestId('countdown')).toContainText(/^\s*[01]:\d\d/);
  }

  // The keyboard shortcut gives the floor to the next; the previous speaker's cue is gone.
  await page.keyboard.press('n');
  await expect(speech.getByRole('alertdialog')).toContainText('You have the floor');
  await expect(order.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
});

test('a phone lets the next speaker go first, and a direct reply says where it stands', async ({
  page,
  phone,
  server,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 35 }],
  });
  await openConsole(page, rt);
  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();
  const phones = [(await phone()).page, (await phone()).page, (await phone()).page, (await phone()).page];
  const names = ['Speaker On Floor', 'Speaker Polite', 'Speaker Next', 'Speaker Reply'];
  for (const [i, p] of phones.entries()) await joinAs(p, rt.joinCode, names[i] ?? '');
  const [holder, polite, next, replier] = phones as [Page, Page, Page, Page];
  await holder.getByRole('button', { name: 'Ask for the floor' }).click();
  await page.getByRole('button', { name: 'Next speaker' }).click();
  await expect(holder.getByRole('alertdialog')).toContainText('You have the floor');

  await polite.getByRole('button', { name: 'Ask for the floor' }).click();
  await expect(polite.getByText('You are number 1 in the queue')).toBeVisible();
  // Nobody behind: nobody to let go first.
  const letGo = polite.getByRole('button', { name: 'Let the next speaker go first' });
  await expect(letGo).toHaveCount(0);
  await next.getByRole('button', { name: 'Ask for the floor' }).click();
  await expect(letGo).toBeVisible();
  await polite.screenshot({ path: '/tmp/shots/issue14-yield-before-360.png' });
  await letGo.click();
  await expect(polite.getByText('You are number 2 in the queue')).toBeVisible();
  await expect(polite.getByTestId('my-request')).toContainText('let others go first');
  await expect(next.getByText('You are number 1 in the queue')).toBeVisible();
  await expect(letGo).toHaveCount(0);
  await expect(page.getByTestId('queue-row').first()).toContainText('Speaker Next');
  await polite.screenshot({ path: '/tmp/shots/issue14-yield-360.png' });
  await polite.setViewportSize({ width: 390, height: 844 });
  await polite.screenshot({ path: '/tmp/shots/issue14-yield-390.png' });

  await replier.getByLabel('Direct reply').check();
  await replier.getByRole('button', { name: 'Ask for the floor' }).click();
  await expect(replier.getByText('You are number 1 in the queue')).toBeVisible();
  await expect(replier.getByTestId('my-request')).toContainText(
    'heard right after points of order, until a new speech starts',
  );
  await expect(polite.getByText('You are number 3 in the queue')).toBeVisible();
  await replier.screenshot({ path: '/tmp/shots/issue14-reply-360.png' });
  await page.screenshot({ path: '/tmp/shots/issue14-console-1280.png' });
});
