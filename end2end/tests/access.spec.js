// A manager sees only their own cards; a head sees everyone's; an admin
// manages users. Touch targets are large enough on every page.
const { test, expect } = require('./fixtures');
const { signIn, signOut, submitSignIn, nav, runTag } = require('./helpers');

test("a manager cannot open a colleague's card; a head can", async ({ browser, baseURL }, info) => {
  const name = `Ilzes Klients ${runTag(info)}`;
  const ilze = await browser.newPage({ baseURL });
  await signIn(ilze, 'ilze');
  await nav(ilze, '/clients/new');
  await ilze.locator('#name').fill(name);
  await ilze.locator('#save').click();
  await expect(ilze.locator('#client-name')).toHaveText(name);
  const url = ilze.url();

  const janis = await browser.newPage({ baseURL });
  await signIn(janis, 'janis');
  await janis.locator('#client-search').fill(name);
  await expect(janis.locator('.empty')).toBeVisible();
  await janis.goto(url);
  await expect(janis.locator('.form-error').first()).toContainText('Nav atrasts');

  const head = await browser.newPage({ baseURL });
  await signIn(head, 'head');
  await head.goto(url);
  await expect(head.locator('#client-name')).toHaveText(name);
  for (const p of [ilze, janis, head]) await p.close();
});

test('an admin creates a user who can then sign in, and deactivates them', async ({ page }, info) => {
  const email = `jauns.${runTag(info).toLowerCase()}@e2e.lv`;
  await signIn(page, 'admin');
  // An administrator holds no client data: no client pages, no Today.
  await expect(page).toHaveURL(/\/users$/);
  for (const href of ['/today', '/clients', '/clients/new']) {
    await expect(page.locator(`nav.nav a[href="${href}"]`)).toHaveCount(0);
  }
  await nav(page, '/users');
  await page.locator('#new-user-email').fill(email);
  await page.locator('#new-user-name').fill('Jauns Menedžeris');
  await page.locator('#new-user-password').fill('short');
  await page.locator('form.panel button[type=submit]').click();
  await expect(page.locator('#new-user-password-err')).toContainText('10');
  await page.locator('#new-user-password').fill('jauna-parole-1');
  await page.locator('form.panel button[type=submit]').click();
  await expect(page.locator('#user-list')).toContainText(email);
  // Put in a department (their head will see their cards); it stays after a reload.
  const row = page.locator('.user-row', { hasText: email });
  await row.locator('.user-department').fill('Pārdošana');
  await row.locator('.inline-department button').click();
  await page.reload();
  await expect(page.locator('.user-row', { hasText: email }).locator('.user-department')).toHaveValue('Pārdošana');

  // The new manager signs in and sees an empty card index of their own.
  await signOut(page);
  await submitSignIn(page, email, 'jauna-parole-1');
  await expect(page.locator('.topbar .who')).toHaveText('Jauns Menedžeris');
  await nav(page, '/clients');
  await expect(page.locator('.empty')).toBeVisible();

  // Deactivated, they can no longer sign in.
  await signOut(page);
  await signIn(page, 'admin');
  await nav(page, '/users');
  await page.locator('.user-row', { hasText: email }).locator('.toggle-active').click();
  await expect(page.locator('.user-row.inactive', { hasText: email })).toBeVisible();
  await signOut(page);
  await submitSignIn(page, email, 'jauna-parole-1');
  await expect(page.locator('#signin-error')).toHaveText('Nepareizs e-pasts vai parole');
});

test('every button and link is at least 44 px tall', async ({ page }) => {
  const check = async (where) => {
    await page.waitForLoadState('networkidle');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, a, input, select, summary')]
        .filter((el) => el.offsetParent !== null && el.type !== 'checkbox' && el.type !== 'radio')
        .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
        .filter((x) => x.h < 44),
    );
    expect(small, `small targets on ${where}`).toEqual([]);
  };
  await signIn(page, 'janis');
  for (const href of ['/clients', '/clients/new', '/account']) {
    await nav(page, href);
    await check(href);
  }
  await page.locator('#covers-link').click();
  await check('/covers');
  await page.locator('#cover-chosen').click();
  await check('/covers, chosen clients');

  // A head's pages: the team (with devices and work to review) and the audit.
  await nav(page, '/account');
  await page.locator('#sign-out').click();
  await signIn(page, 'head');
  await nav(page, '/team');
  await page.locator('.person-devices summary').first().click();
  await check('/team');
  await nav(page, '/account');
  await page.locator('#audit-link').click();
  await page.locator('#audit-search').click();
  await expect(page.locator('#audit-results li').first()).toBeVisible();
  await check('/audit');
});
