// An admin's mail settings page: it shows the server's start-up settings,
// says what is wrong per field and saves nothing then, and once saved the
// settings are the page's (the mail worker uses them from its next round;
// the proposals specs after this one still send through them).
const { test, expect } = require('./fixtures');
const { signIn, nav } = require('./helpers');

test('an admin sets the mail server on a page', async ({ page }) => {
  await signIn(page, 'admin');
  await nav(page, '/users');
  await page.locator('#mail-settings').click();
  await expect(page.locator('#smtp_host')).toHaveValue('127.0.0.1');
  await expect(page.locator('#mail_from')).toHaveValue('kartoteka@e2e.lv');
  // The password is never shown; none is stored by the start-up flags.
  await expect(page.locator('#smtp_password')).toHaveValue('');
  await page.locator('#daily_cap').fill('daudz');
  await page.locator('#mail_from').fill('nav adrese');
  await page.locator('#save-mail').click();
  await expect(page.locator('#daily_cap-err')).not.toBeEmpty();
  await expect(page.locator('#mail_from-err')).not.toBeEmpty();
  await expect(page.locator('#mail-saved')).toHaveCount(0);
  await page.locator('#daily_cap').fill('1000');
  await page.locator('#mail_from').fill('kartoteka@e2e.lv');
  await page.locator('#save-mail').click();
  await expect(page.locator('#mail-saved')).toBeVisible();
  await expect(page.locator('#mail-source')).toHaveAttribute('data-from-page', 'true');
  await page.reload();
  await expect(page.locator('#daily_cap')).toHaveValue('1000');
  await expect(page.locator('#mail-source')).toHaveAttribute('data-from-page', 'true');
});
