// Accessibility: axe-core checks every screen, as each role sees it, on each
// viewport (WCAG 2.1 A and AA rules; see axe.js). The first administrator's
// set-up screens are checked in setup.spec.js, on a server of their own.
const { test, expect } = require('./fixtures');
const { axe } = require('./axe');
const { contrast, saveNewCard, signIn, signOut, runTag } = require('./helpers');

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

test('a manager\'s screens have no serious accessibility problems', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.locator('form.signin')).toBeVisible();
  await axe(page, 'sign-in');
  await signIn(page, 'janis');
  const name = `Pieejams ${runTag(info)}`;
  await go(page, '/clients/new');
  await axe(page, '/clients/new');
  const card = await saveNewCard(page, name, { name: 'Olga Liepa', phone: '29 777 555' });
  await axe(page, 'a card');
  for (const path of ['/today', '/clients', `${card}/edit`, `${card}/proposals/new`,
    `${card}/contracts/new`, '/analysis', '/account', '/sync', '/covers', '/key-clients']) {
    await go(page, path);
    await axe(page, path);
  }
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
