// A call started from the card: tapping the number opens the dialer; back in
// the app the form asks how it went, with the contact, time and duration
// filled in, so logging it takes three taps in all (number, outcome, save).
const { test, expect } = require('@playwright/test');
const { signIn, nav, runTag, fakeDialer, comeBack } = require('./helpers');

test('number, outcome, save: a call from the card is logged in three taps', async ({ page, context }, info) => {
  const tag = runTag(info);
  const name = `Zvana ${tag}`;
  await context.addInitScript(fakeDialer);
  await signIn(page, 'janis');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  const contact = page.locator('.contact').first();
  await contact.locator('input[id$="-name"]').fill('Andris Kalns');
  await contact.locator('input[id$="-phones-0"]').fill('29 777 001');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'false');

  let taps = 0;
  const tap = async (locator) => { taps += 1; await locator.click(); };

  await tap(page.locator('.contact-card a.tel'));
  // Focus events around the tap itself do not count as coming back.
  await comeBack(page);
  await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'false');
  // Talk for a while, then return to the app.
  await page.waitForTimeout(2500);
  await comeBack(page);
  const form = page.locator('#call-form');
  await expect(form).toHaveAttribute('data-asking', 'true');
  await expect(form.locator('h2')).toHaveText('Kā gāja zvans?');
  await expect(page.locator('#call-duration')).toHaveValue(/^0:0[2-9]$|^0:[1-5]\d$/);

  await tap(page.locator('#call-outcome [data-outcome=connected]'));
  await tap(page.locator('#save-call'));
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  expect(taps).toBe(3);

  await expect(form).toHaveAttribute('data-asking', 'false');
  const row = page.locator('#call-history .call-row').first();
  await expect(row).toHaveAttribute('data-outcome', 'connected');
  // The timer's duration was kept (at least two seconds).
  await expect(row).toContainText(/0:0[2-9]|0:[1-5]\d/);
  // Logged once: a reload does not ask again.
  await page.reload();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'false');
});
