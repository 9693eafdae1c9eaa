// Accessibility: axe-core checks every screen, as each role sees it, on each
// viewport (WCAG 2.1 A and AA rules). A serious or critical violation fails
// the test with the rule and the elements it found.
const fs = require('fs');
const { test, expect } = require('./fixtures');
const { saveNewCard, signIn, signOut, runTag } = require('./helpers');

// axe is injected as a script; the app's Content-Security-Policy would
// refuse that, rightly, so this spec alone lets the test inject it.
test.use({ bypassCSP: true });

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Opens an app path without reloading the app (as a link would). */
async function go(page, path) {
  await page.evaluate((p) => {
    history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page.locator('#main :is(h1, h2)').first()).toBeVisible();
  // Let the device's reads and any late panels arrive.
  await page.waitForTimeout(400);
}

async function axe(page, where) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
  }).then((r) => r.violations), RULES);
  const serious = found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe on ${where}`).toEqual([]);
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
