// Today: the counters move when a call is logged (online and offline), and a
// contact person's birthday today is listed with a tap-to-call link; a week
// of many birthdays lists the soonest thirty and the rest on request.
const { test, expect } = require('./fixtures');
const { createClients, newCard, signIn, signInSynced, syncNow, nav, runTag, goOffline } = require('./helpers');

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
  await goOffline(context);
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

test('a week of many birthdays: the soonest thirty at first, the rest one tap away and kept open', async ({ page }, info) => {
  test.setTimeout(120_000);
  const tag = runTag(info);
  // The head's own cards hold no other birthdays: no other spec gives them any.
  await signInSynced(page, 'head');
  const born = await page.evaluate(() => {
    const d = new Date(Date.now() + 3 * 86_400_000);
    return `1975-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const cards = [];
  for (let i = 1; i <= 33; i++) {
    const n = String(i).padStart(2, '0');
    cards.push([`Jubilejas ${tag} ${n}`, { name: `Jubilārs ${tag} ${n}`, phones: [`29 600 ${100 + i}`], birthday: born }]);
  }
  await createClients(page, cards);
  await syncNow(page);
  await nav(page, '/today');

  const items = page.locator('#birthdays .today-item');
  const mine = page.locator('#birthdays .today-item', { hasText: tag });
  // Other runs' cards may be due too: thirty are listed, never more, and the
  // button counts the rest in Latvian's own plural.
  await expect(items).toHaveCount(30);
  const more = page.locator('#birthdays-more');
  await expect(more).toHaveText(/^Rādīt vēl \d+ dzimšanas dien(u|as)$/);
  expect((await more.boundingBox()).height).toBeGreaterThanOrEqual(44);
  const rest = Number((await more.textContent()).match(/\d+/)[0]);
  expect(rest).toBeGreaterThanOrEqual(3);

  await more.click();
  await expect(more).toHaveCount(0);
  await expect(mine).toHaveCount(33);
  await expect(mine.first().locator('.birthday-when')).toHaveText('pēc 3 dienām');
  expect(await items.count()).toBeGreaterThanOrEqual(30 + rest);

  // A sync landing draws Today again: the opened list stays open.
  await syncNow(page);
  await expect(more).toHaveCount(0);
  await expect(mine).toHaveCount(33);
});
