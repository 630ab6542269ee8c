import type { Response } from '@playwright/test';
import { createRoundtable, expect, test } from './fixtures.js';

/** The phone's JavaScript budget as sent (DESIGN.md, "phone page on the wire"). */
const PHONE_WIRE_BUDGET = 40 * 1024;

test('a phone gets the join page and its scripts as brotli, within the 40 KiB budget as sent', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server);
  const { page } = await phone();
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  });
  const shell = await page.goto(`/j/${rt.joinCode}`);
  await expect(page.getByLabel('Your name')).toBeVisible();

  expect(shell?.headers()['content-encoding']).toBe('br');
  expect(scripts.length).toBeGreaterThan(0);
  let sent = 0;
  for (const script of scripts) {
    const { responseBodySize } = await script.request().sizes();
    sent += responseBodySize;
    // A few tiny modules are not worth a compressed copy; everything else comes compressed.
    const encoding = script.headers()['content-encoding'];
    if (encoding === undefined) expect(responseBodySize, script.url()).toBeLessThan(256);
    else expect(encoding, script.url()).toBe('br');
  }
  const figure = `${(sent / 1024).toFixed(1)} KiB of JavaScript as sent, in ${scripts.length} files`;
  test.info().annotations.push({ type: 'wire', description: figure });
  expect(sent, figure).toBeLessThanOrEqual(PHONE_WIRE_BUDGET);
});
