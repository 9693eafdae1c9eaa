// Accessibility: axe-core checks every screen, as each role sees it, on each
// viewport (WCAG 2.1 A and AA rules; see axe.js). The first administrator's
// set-up screens are checked in setup.spec.js, on a server of their own.
const { test, expect } = require('./fixtures');
const { axe } = require('./axe');
const { contextOptions, contrast, saveNewCard, signIn, signInSynced, signOut, runTag, waitSynced } = require('./helpers');

// axe is injected as a script; the app's Content-Security-Policy would
// refuse that, rightly, so the specs that run it let the test inject it.
test.use({ bypassCSP: true });

/** Opens an app path without reloading the app (as a link would). */
async function go(page, path) {
  await page.evaluate((p) => {
    history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page.locator('#main :is(h1, h2)').first()).toBeVisible();
  // Let the device's reads and any late panels arrive.
  await page.waitForTimeout(400);
  // Each page names itself in the tab's title, for a screen reader and
  // for telling tabs apart.
  await expect(page).toHaveTitle(/^.+ · Kartotēka$/);
}

/** Opens the first link `list` holds (a record from its list) and waits for the page. */
async function openFirst(page, list) {
  await page.locator(list).first().click();
  await expect(page.locator('#main :is(h1, h2)').first()).toBeVisible();
  await page.waitForTimeout(400);
}

test('a manager\'s screens have no serious accessibility problems', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.locator('form.signin')).toBeVisible();
  await axe(page, 'sign-in');
  await signIn(page, 'janis');
  const name = `Pieejams ${runTag(info)}`;
  await go(page, '/clients/new');
  await axe(page, '/clients/new');
  // An active client: its segment's badge is checked on the card and in the list.
  await page.locator('#segment').selectOption('active');
  const card = await saveNewCard(page, name, { name: 'Olga Liepa', phone: '29 777 555' });
  await axe(page, 'a card');
  for (const path of ['/today', '/clients', `${card}/edit`, `${card}/proposals/new`,
    `${card}/contracts/new`, '/analysis', '/account', '/sync', '/covers', '/key-clients']) {
    await go(page, path);
    await axe(page, path);
  }
  // An archived card, as the list shows it among the others.
  await go(page, card);
  await page.locator('#archive').click();
  await expect(page.locator('#client-card .badge.archived')).toBeVisible();
  await go(page, '/clients');
  await page.locator('#include-archived').check();
  await page.locator('#client-search').fill(name);
  await expect(page.locator('#client-list li.archived', { hasText: name })).toBeVisible();
  await axe(page, '/clients with an archived card');
});

test('a head\'s and an administrator\'s screens have no serious accessibility problems', async ({ page }) => {
  await signIn(page, 'head');
  for (const path of ['/team', '/schemes', '/schemes/new', '/templates', '/templates/new', '/audit', '/proposals/bulk', '/prices']) {
    await go(page, path);
    await axe(page, path);
  }
  await signOut(page);
  await signIn(page, 'admin');
  for (const path of ['/users', '/mail-settings', '/import']) {
    await go(page, path);
    await axe(page, path);
  }
});

test('a record\'s own screens, and accounting\'s and logistics\' screens, have no serious accessibility problems', async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const tag = runTag(info);
  const name = `Ieraksti ${tag}`;
  await signIn(page, 'ilze');
  await go(page, '/clients/new');
  const card = await saveNewCard(page, name, { name: 'Anna Kalna', email: `anna.${tag.toLowerCase()}@klients.lv` });

  // A contract and a proposal, each opened again from the card.
  await go(page, `${card}/contracts/new`);
  await page.locator('#contract-number').fill(`A-${tag}`);
  await page.locator('#save-contract').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await openFirst(page, '#card-contract-list li a');
  await axe(page, 'a contract');
  await go(page, `${card}/proposals/new`);
  await page.locator('#line-0-item').fill('Bērza finieris 18 mm');
  await page.locator('#line-0-quantity').fill('4');
  await page.locator('#line-0-price').fill('31,90');
  await page.locator('#save-draft').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await openFirst(page, '#card-proposal-list li[data-proposal] a');
  await axe(page, 'a proposal');
  await go(page, card);
  await waitSynced(page);

  // A head's scheme and template, each opened again from its list.
  const headCtx = await browser.newContext({ ...contextOptions(info), bypassCSP: true });
  const head = await headCtx.newPage();
  await signIn(head, 'head');
  await go(head, '/schemes/new');
  await head.locator('#scheme-name').fill(`Shēma ${tag}`);
  await head.locator('#scheme-discount').fill('5');
  await head.locator('#save-scheme').click();
  await openFirst(head, `#schemes [data-scheme] a:has-text("Shēma ${tag}")`);
  await axe(head, 'a scheme');
  await go(head, '/templates/new');
  await head.locator('#template-name').fill(`Veidne ${tag}`);
  for (const lang of ['lv', 'en', 'ru']) {
    await head.locator(`#template-${lang}-subject`).fill('Piedāvājums — {client}');
    await head.locator(`#template-${lang}-body`).fill('{lines}');
  }
  await head.locator('#save-template').click();
  await openFirst(head, `#templates [data-template] a:has-text("Veidne ${tag}")`);
  await axe(head, 'a template');
  await headCtx.close();

  // Accounting's accounts; logistics' list and a card as logistics sees it.
  const accCtx = await browser.newContext({ ...contextOptions(info), bypassCSP: true });
  const acc = await accCtx.newPage();
  await signIn(acc, 'accounting');
  await go(acc, '/accounts');
  await axe(acc, '/accounts');
  await accCtx.close();
  const logCtx = await browser.newContext({ ...contextOptions(info), bypassCSP: true });
  const logistics = await logCtx.newPage();
  await signInSynced(logistics, 'logistics');
  await go(logistics, '/clients');
  await axe(logistics, 'logistics: /clients');
  await logistics.locator('#client-search').fill(name);
  await openFirst(logistics, `#client-list li a:has-text("${name}")`);
  await expect(logistics.locator('#client-name')).toHaveText(name);
  await axe(logistics, 'logistics: a card');
  await logCtx.close();
});

test('the keyboard skips to the content, the focus ring and field borders stand out, charts speak their values, motion can be turned off', async ({ page }) => {
  await signIn(page, 'janis');
  await go(page, '/analysis');

  // The first Tab from the top of the page, as after a page load, reaches
  // "skip to content", shown then; Enter moves focus past the header and
  // navigation.
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox()).y).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // The chart tells a screen reader each bar's figure, not only "a chart".
  for (const id of ['#outcome-chart', '#kind-chart']) {
    const chart = page.locator(id);
    await expect(chart).toHaveAttribute('role', 'img');
    const label = await chart.getAttribute('aria-label');
    const figures = await chart.locator('g.bar').count();
    expect(figures).toBeGreaterThan(0);
    expect((label.match(/\d/g) || []).length, label).toBeGreaterThanOrEqual(figures);
  }

  // A focused field's ring and a field's border: 3:1 or more against the page (WCAG 1.4.11).
  await go(page, '/clients/new');
  const field = page.locator('#name');
  await field.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const look = await field.evaluate((el) => {
    const cs = getComputedStyle(el);
    let bg = 'rgba(0, 0, 0, 0)';
    for (let n = el.parentElement; n && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); n = n.parentElement) {
      bg = getComputedStyle(n).backgroundColor;
    }
    return { ring: cs.outlineColor, ringStyle: cs.outlineStyle, border: cs.borderTopColor, bg };
  });
  expect(look.ringStyle).toBe('solid');
  expect(contrast(look.ring, look.bg), JSON.stringify(look)).toBeGreaterThanOrEqual(3);
  expect(contrast(look.border, look.bg), JSON.stringify(look)).toBeGreaterThanOrEqual(3);

  // The app's one animation, the sync's spinner, stops when the system
  // asks for less motion; and nothing else on the page moves then.
  const spinning = () => page.evaluate(() => {
    const el = document.createElement('span');
    el.className = 'spin';
    document.body.append(el);
    const name = getComputedStyle(el).animationName;
    el.remove();
    return name;
  });
  expect(await spinning()).toBe('spin');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await spinning()).toBe('none');
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')]
    .map((el) => getComputedStyle(el))
    .filter((cs) => cs.animationName !== 'none' || parseFloat(cs.transitionDuration) > 0).length);
  expect(moving).toBe(0);
});
