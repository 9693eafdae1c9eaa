// Accounts that recover: an admin issues a temporary password; the user
// signs in with it and must choose their own before anything else; then
// changes it again on the account page, where a wrong current password is
// named at its field.
const { test, expect } = require('./fixtures');
const { signIn, signOut, submitSignIn, nav, runTag } = require('./helpers');

test('a temporary password must be changed at sign-in, and a password changes on the account page', async ({ page }, info) => {
  const email = `parole.${runTag(info).toLowerCase()}@e2e.lv`;
  await signIn(page, 'admin');
  await nav(page, '/users');
  await page.locator('#new-user-email').fill(email);
  await page.locator('#new-user-name').fill('Aizmāršīgā Anna');
  await page.locator('#new-user-password').fill('sakotneja-parole-1');
  await page.locator('form.panel button[type=submit]').click();
  await expect(page.locator('#user-list')).toContainText(email);

  await page.locator('.user-row', { hasText: email }).locator('.reset-password').click();
  const shown = page.locator('#temporary-password code.temporary');
  await expect(shown).toHaveText(/^[A-Za-z2-9]{16}$/);
  const temporary = await shown.textContent();

  await signOut(page);
  await submitSignIn(page, email, temporary);
  await expect(page.locator('#must-change-password')).toBeVisible();
  await expect(page.locator('nav.nav')).toHaveCount(0);
  await page.locator('#password-current').fill(temporary);
  await page.locator('#password-new').fill('mana-jauna-parole');
  await page.locator('#password-repeat').fill('cita-parole-xyz');
  await page.locator('#password-save').click();
  await expect(page.locator('#password-repeat-err')).toHaveText('Paroles nesakrīt');
  await page.locator('#password-repeat').fill('mana-jauna-parole');
  await page.locator('#password-save').click();
  await expect(page.locator('nav.nav')).toBeVisible();
  await expect(page.locator('.topbar .who')).toHaveText('Aizmāršīgā Anna');

  // On the account page: a wrong current password is named at its field.
  await nav(page, '/account');
  await page.locator('#password-current').fill('nav-ta-parole');
  await page.locator('#password-new').fill('vel-jaunaka-parole');
  await page.locator('#password-repeat').fill('vel-jaunaka-parole');
  await page.locator('#password-save').click();
  await expect(page.locator('#password-current-err')).toHaveText('Tā nav pašreizējā parole');
  await page.locator('#password-current').fill('mana-jauna-parole');
  await page.locator('#password-save').click();
  await expect(page.locator('#password-changed')).toBeVisible();

  await signOut(page);
  await submitSignIn(page, email, 'vel-jaunaka-parole');
  await expect(page.locator('.topbar .who')).toHaveText('Aizmāršīgā Anna');
});
