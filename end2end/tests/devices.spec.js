// Signed-in devices: Ilze signs her phone out from her laptop. The phone,
// which had an unsent card from before, hands it in at its next contact,
// then wipes her data and says why. The server cannot tell that card from
// one a stolen phone backdates, so it is not applied: her head finds it
// under "Work to review".
const { test, expect } = require('./fixtures');
const { signIn, nav, runTag, goOffline } = require('./helpers');

test('a device signed out from another hands in its unsent work for review and wipes', async ({ browser, baseURL }, info) => {
  const name = `Pirms izrakstīšanas ${runTag(info)}`;
  const phoneContext = await browser.newContext({ baseURL, ...info.project.use });
  const phone = await phoneContext.newPage();
  await signIn(phone, 'ilze');
  await expect(phone.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });

  // Offline, the phone gets a card nobody else has yet.
  await goOffline(phoneContext);
  await nav(phone, '/clients/new');
  await phone.locator('#name').fill(name);
  await phone.locator('#save').click();
  await expect(phone.locator('#client-name')).toHaveText(name);
  await expect(phone.locator('#pending')).toHaveAttribute('data-pending', '1');

  // On the laptop, Ilze sees two devices and signs the other one out.
  const laptop = await browser.newPage({ baseURL });
  await signIn(laptop, 'ilze');
  await nav(laptop, '/account');
  const rows = laptop.locator('#my-devices .device-row');
  await expect(rows.first()).toBeVisible();
  const others = laptop.locator('#my-devices .device-row:not(.current)');
  const before = await others.count();
  expect(before).toBeGreaterThan(0);
  await expect(laptop.locator('#my-devices .device-row.current')).toContainText('šī ierīce');
  // The phone's session is the most recently seen of the others.
  await others.first().locator('.device-sign-out').click();
  await expect(others).toHaveCount(before - 1);

  // The phone comes back: it hands in the card, wipes, and says why.
  await phoneContext.setOffline(false);
  // Coming online starts a sync by itself; a tap makes sure of it.
  await phone.locator('#sync-now').click({ timeout: 2_000 }).catch(() => {});
  await expect(phone.locator('#signed-out-note')).toBeVisible({ timeout: 30_000 });
  await expect(phone.locator('form.signin')).toBeVisible();
  const left = await phone.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(left.filter((n) => n && n.includes('kartoteka'))).toEqual([]);
  await phoneContext.close();

  await laptop.locator('#sync-now').click();
  await expect(laptop.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  await nav(laptop, '/clients');
  await laptop.locator('#client-search').fill(name);
  await expect(laptop.locator('.empty')).toBeVisible();
  await laptop.close();

  // Her head has it to review, with its values (her own new card).
  const head = await browser.newPage({ baseURL });
  await signIn(head, 'head');
  await nav(head, '/team');
  const item = head.locator('#review .review-item', { hasText: name });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.locator('.review-done').click();
  await expect(item).toHaveCount(0);
  await head.close();
});
