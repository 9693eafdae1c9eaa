// Today: the counters move when a call is logged (online and offline), and a
// contact person's birthday today is listed with a tap-to-call link.
const { test, expect } = require('./fixtures');
const { newCard, signIn, nav, runTag } = require('./helpers');

async function counts(page) {
  await nav(page, '/today');
  const calls = page.locator('#quota-calls');
  await expect(calls).toBeVisible();
  return {
    calls: Number(await calls.getAttribute('data-done')),
    offers: Number(await page.locator('#quota-offers').getAttribute('data-done')),
  };
}

test('logging calls moves today\'s counters, offline too; a birthday today is one tap from calling', async ({ page, context }, info) => {
  const tag = runTag(info);
  const name = `Šodienas ${tag}`;
  // The counters must include this user's calls from earlier runs and other
  // specs: read them once the first download after signing in is stored.
  const firstPull = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/pull', { timeout: 30_000 });
  await signIn(page, 'ilze');
  await firstPull;
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const before = await counts(page);
  await expect(page.locator('#quota-calls .quota-count')).toHaveText(`${before.calls} / 30`);
  await expect(page.locator('#quota-offers .quota-count')).toHaveText(`${before.offers} / 20`);

  // A card whose contact person was born on this day (in Riga).
  const today = await page.evaluate(() => {
    const d = new Date();
    return `1980-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await newCard(page, name, { name: 'Dace Liepiņa', phone: '29 555 123', birthday: today });

  // A phone offer that got through.
  await page.locator('#call-kind [data-kind=phone_offer]').click();
  await page.locator('#call-outcome [data-outcome=connected]').click();
  await page.locator('#save-call').click();
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  await expect(page.locator('#call-history .call-kind[data-kind=phone_offer]')).toHaveCount(1);

  const after = await counts(page);
  expect(after).toEqual({ calls: before.calls + 1, offers: before.offers + 1 });
  const born = page.locator('#birthdays .today-item', { hasText: name });
  await expect(born).toContainText('Dace Liepiņa');
  await expect(born.locator('.birthday-when')).toHaveText('šodien');
  await expect(born.locator('a.call-button')).toHaveAttribute('href', 'tel:+37129555123');

  // Offline: the counter still follows, from the device's own data.
  await context.setOffline(true);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await born.locator('a', { hasText: name }).click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await page.locator('#call-outcome [data-outcome=no_answer]').click();
  await page.locator('#save-call').click();
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  const offline = await counts(page);
  expect(offline).toEqual({ calls: before.calls + 2, offers: before.offers + 1 });

  await context.setOffline(false);
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
});
