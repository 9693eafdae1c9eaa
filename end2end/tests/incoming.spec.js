// Incoming: a known number (typed any way) opens the client's card with an
// incoming call ready to log; an unknown one becomes a prospect card in one
// step, with the reason the person got in touch.
const { test, expect } = require('./fixtures');
const { newCard, signInSynced, syncNow, nav, runTag, goOffline } = require('./helpers');

/** A Latvian mobile number no other run uses. */
function freshMobile(offset) {
  return `2${String(Date.now() + offset).slice(-7)}`;
}

test('a known caller opens their card as an incoming call; an unknown one becomes a prospect', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `Ienākošā ${tag}`;
  const known = freshMobile(0);
  const unknown = freshMobile(1);
  // After the first download: the caller search reads the device's index.
  await signInSynced(page, 'ilze');
  await newCard(page, name, { name: 'Inese Zariņa', phone: known });

  // Typed as a caller id shows it: with the country code and spaces.
  await nav(page, '/today');
  await page.locator('#incoming-who').fill(`+371 ${known.slice(0, 2)} ${known.slice(2, 5)} ${known.slice(5)}`);
  await page.locator('#incoming-find').click();
  const hit = page.locator('#incoming-matches li', { hasText: name });
  await expect(hit).toContainText('Inese Zariņa');
  await hit.locator('a').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#call-direction [data-direction=incoming]')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('#call-outcome [data-outcome=connected]').click();
  await page.locator('#save-call').click();
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  await expect(page.locator('#call-history .call-row').first()).toContainText('Ienākošais');

  // Not a number at all: said so.
  await nav(page, '/today');
  await page.locator('#incoming-who').fill('nezināms');
  await page.locator('#incoming-find').click();
  await expect(page.locator('#incoming .error')).toHaveText('Tas nav tālruņa numurs vai e-pasta adrese.');

  // Unknown: one step to a prospect card carrying the reason.
  await page.locator('#incoming-who').fill(unknown);
  await page.locator('#incoming-reason').fill(`Interesējas par vairumtirdzniecību ${tag}`);
  await page.locator('#incoming-find').click();
  await page.locator('#incoming-new').click();
  await expect(page.locator('#name')).toHaveValue(unknown);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(unknown);
  await expect(page.locator('article')).toContainText(`Interesējas par vairumtirdzniecību ${tag}`);
});

test('a caller looked up stays on Today while a sync lands', async ({ page, context }, info) => {
  const name = `Ienākošā sinhr. ${runTag(info)}`;
  const known = freshMobile(2);
  await signInSynced(page, 'ilze');
  // Made offline, so its upload lands after the caller is on screen and
  // Today is read again around the open lookup.
  await goOffline(context);
  await newCard(page, name, { name: 'Rita Ozola', phone: known });
  await nav(page, '/today');
  await page.locator('#incoming-who').fill(known);
  await page.locator('#incoming-reason').fill('Jautā par rēķinu');
  await page.locator('#incoming-find').click();
  const hit = page.locator('#incoming-matches li', { hasText: name });
  await expect(hit).toContainText('Rita Ozola');
  const match = await hit.elementHandle();
  await context.setOffline(false);
  await syncNow(page);
  // The same element: the panel was not drawn again, nothing typed is lost.
  expect(await match.evaluate((el) => el.isConnected)).toBe(true);
  await expect(page.locator('#incoming-reason')).toHaveValue('Jautā par rēķinu');
  await hit.locator('a').click();
  await expect(page.locator('#client-name')).toHaveText(name);
});
