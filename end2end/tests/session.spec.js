// Signing in and out, wrong passwords, the session ending mid-work, and the
// language switch.
const { test, expect } = require('./fixtures');
const { signIn, signInSynced, nav, runTag, USERS, goOffline } = require('./helpers');

test('the app opens on Today on a phone and on the client list on a tablet or a desktop', async ({ page }, info) => {
  await page.goto('/');
  await page.locator('#email').fill(USERS.ilze.email);
  await page.locator('#password').fill(USERS.ilze.password);
  await page.locator('form.signin button[type=submit]').click();
  if (info.project.name === 'phone') {
    await expect(page.locator('#quotas')).toBeVisible();
    await expect(page).toHaveURL(/\/today$/);
  } else {
    await expect(page.locator('#client-search')).toBeVisible();
    await expect(page).toHaveURL(/\/clients$/);
  }
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await page.locator('#email').fill(USERS.ilze.email);
  await page.locator('#password').fill('not-her-password');
  await page.locator('form.signin button[type=submit]').click();
  await expect(page.locator('#signin-error')).toHaveText('Nepareizs e-pasts vai parole');
  await expect(page.locator('#email')).toHaveValue(USERS.ilze.email);
});

/** Holds the app's wasm back until the returned function is called, as a
 * slow mobile connection does. */
async function holdTheApp(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/pkg\/.*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('the sign-in form is there before the app arrives; a press waits for the app, which then signs in', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('/');
  await expect(page.locator('#boot-sign-in')).toBeVisible();
  await expect(page.locator('label[for=email]')).toHaveText('E-pasts *');
  await page.locator('#email').fill(USERS.ilze.email);
  await page.locator('#password').fill(USERS.ilze.password);
  await page.locator('form.signin button[type=submit]').click();
  await expect(page.locator('form.signin button[type=submit]')).toBeDisabled();
  await expect(page.locator('form.signin button[type=submit]')).toHaveText('Piesakās…');
  release();
  await expect(page.locator('nav.nav')).toBeVisible();
  await expect(page.locator('#boot-sign-in')).toHaveCount(0);
  // Remembered on this device now: the page's form stays hidden, even
  // while the app is held back again.
  await page.unrouteAll();
  const again = await holdTheApp(page);
  await page.reload();
  await expect(page.locator('#boot-sign-in')).toBeHidden();
  again();
  await expect(page.locator('nav.nav')).toBeVisible();
});

test('what was typed in the page\'s form before the app arrived, and its language, carry over', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('/');
  await page.locator('#boot-sign-in .chip[data-lang=en]').click();
  await expect(page.locator('label[for=email]')).toHaveText('E-mail *');
  await expect(page.locator('#boot-sign-in .chip[data-lang=en]')).toHaveAttribute('aria-pressed', 'true');
  const [user, domain] = USERS.janis.email.split('@');
  await page.locator('#email').fill(`${user}@`);
  const before = await page.locator('form.signin button[type=submit]').boundingBox();
  // Keys pressed while the app takes over land in the app's field, after
  // what is there.
  release();
  await page.keyboard.type(domain, { delay: 120 });
  await expect(page.locator('#boot-sign-in')).toHaveCount(0);
  await expect(page.locator('#email')).toHaveValue(USERS.janis.email);
  // Laid out alike: nothing moved under the finger.
  const after = await page.locator('form.signin button[type=submit]').boundingBox();
  expect(Math.abs(after.y - before.y)).toBeLessThan(2);
  await expect(page.locator('#email')).toBeFocused();
  await expect(page.locator('label[for=email]')).toHaveText('E-mail *');
  await expect(page.locator('.langs .chip[aria-pressed=true]')).toHaveText('EN');
  await page.locator('#password').fill(USERS.janis.password);
  await page.locator('#password').press('Enter');
  await expect(page.locator('nav.nav')).toBeVisible();
});

test('when the session ends mid-edit, the work is kept and syncs after signing in again', async ({ page, context }, info) => {
  const name = `Sesijas Tests ${runTag(info)}`;
  await signIn(page, 'janis');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#city').fill('Valmiera');
  await context.clearCookies();
  await page.locator('#save').click();

  // Saved on the device at once; the sync finds the session gone and asks
  // to sign in over the page, without losing anything.
  await expect(page.locator('#client-name')).toHaveText(name);
  const dialog = page.locator('[role=dialog]');
  await expect(dialog).toBeVisible();
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '1');
  await expect(dialog.locator('#email')).toHaveValue(USERS.janis.email);
  await dialog.locator('#password').fill(USERS.janis.password);
  await dialog.locator('button[type=submit]').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0');
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#client-card')).toContainText('Valmiera');
});

test('the interface switches language and remembers it', async ({ page }) => {
  await signIn(page, 'ilze');
  await nav(page, '/account');
  await page.locator('button[lang=en]').click();
  await expect(page.locator('nav.nav')).toContainText('Clients');
  await page.reload();
  await expect(page.locator('nav.nav')).toContainText('Clients');
  await page.locator('button[lang=ru]').click();
  await expect(page.locator('nav.nav')).toContainText('Клиенты');
  await page.locator('button[lang=lv]').click();
  await expect(page.locator('nav.nav')).toContainText('Klienti');
  await page.locator('#sign-out').click();
  await expect(page.locator('form.signin')).toBeVisible();
});

test('the online indicator follows the browser; the sync button stays under the finger', async ({ page, context }) => {
  await signInSynced(page, 'ilze');
  const net = page.locator('.net');
  const button = page.locator('#sync-now');
  await expect(net).toHaveAttribute('data-online', 'true');
  const at = async () => {
    const b = await button.boundingBox();
    return [Math.round(b.x), Math.round(b.y)];
  };
  const home = await at();
  await goOffline(context);
  await expect(net).toHaveAttribute('data-online', 'false');
  await expect(net).toContainText('Bezsaistē');
  expect(await at()).toEqual(home);
  // A change waiting to be sent lengthens the counter beside the button.
  await nav(page, '/clients/new');
  await page.locator('#name').fill(`Gaida ${runTag(test.info())}`);
  await page.locator('#save').click();
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '1');
  expect(await at()).toEqual(home);
  await context.setOffline(false);
  await expect(net).toHaveAttribute('data-online', 'true');
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  expect(await at()).toEqual(home);
});

test('reopened after the session ended, the device\'s data shows at once and sign-in is asked over it; another user gets only their own', async ({ page, context }, info) => {
  const name = `Atvērta bez sesijas ${runTag(info)}`;
  await signInSynced(page, 'ilze');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });

  await context.clearCookies();
  await page.reload();
  // Her card, from the device, under the question.
  await expect(page.locator('#client-name')).toHaveText(name);
  const dialog = page.locator('[role=dialog]');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('#email')).toHaveValue(USERS.ilze.email);

  // Jānis signs in instead: Ilze's data leaves the screen and memory.
  await dialog.locator('#email').fill(USERS.janis.email);
  await dialog.locator('#password').fill(USERS.janis.password);
  await dialog.locator('button[type=submit]').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.topbar .who')).toHaveText('Jānis Bērziņš');
  // He opens on his own home, not on the card Ilze left open.
  await expect(page).toHaveURL(info.project.name === 'phone' ? /\/today$/ : /\/clients$/);
  await nav(page, '/clients');
  await page.locator('#client-search').fill(name);
  await expect(page.locator('#client-list')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('#client-list')).not.toContainText(name);
});

test('signed out, the device does not open as that user again, even reloaded at once', async ({ page }) => {
  await signIn(page, 'janis');
  await nav(page, '/account');
  const out = page.waitForResponse((r) => r.url().includes('/api/sign-out'));
  await page.locator('#sign-out').click();
  await out;
  // Reloaded before the device has finished wiping: still signed out.
  await page.reload();
  await expect(page.locator('#email')).toBeVisible();
  await expect(page.locator('[role=dialog]')).toHaveCount(0);
  await expect(page.locator('nav.nav')).toHaveCount(0);
});
