// A change the server refuses: the header says so instead of "all sent" until
// the sync page has shown it, and the sync page names the card even after
// the card has left the device.
const { test, expect } = require('./fixtures');
const { signInSynced, nav, runTag, goOffline } = require('./helpers');

test('a refused change is announced in the header and names its card', async ({ page, context, browser }, info) => {
  const name = `Atdotā ${runTag(info)}`;
  await signInSynced(page, 'janis');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  const url = page.url();
  const pending = page.locator('#pending');
  await expect(pending).toHaveAttribute('data-pending', '0', { timeout: 20_000 });

  // Offline, Jānis edits the card...
  await goOffline(context);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await page.locator('#edit').click();
  await page.locator('#city').fill('Cēsis');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(pending).toHaveAttribute('data-pending', '1');

  // ...while the head gives it to Ilze, so Jānis may no longer change it.
  const ctx = await browser.newContext();
  const head = await ctx.newPage();
  await signInSynced(head, 'head');
  await head.goto(url);
  await expect(head.locator('#client-name')).toHaveText(name);
  await head.locator('#edit').click();
  await head.locator('#owner').selectOption({ label: 'Ilze Kalniņa' });
  await head.locator('#save').click();
  await expect(head.locator('#client-name')).toHaveText(name);
  await expect(head.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await ctx.close();

  await context.setOffline(false);
  await expect(pending).toHaveAttribute('data-refused', '1', { timeout: 20_000 });
  await expect(pending).toHaveAttribute('data-pending', '0');
  await expect(pending).toHaveText('Noraidīta 1 izmaiņa');
  await pending.click();
  const row = page.locator('#rejected .rejected').first();
  await expect(row.locator('.rejected-card')).toContainText(name);
  // Seen on the sync page, the refusal is no longer news in the header.
  await expect(pending).toHaveAttribute('data-refused', '0');
  await expect(pending).toHaveText('Viss nosūtīts');
});
