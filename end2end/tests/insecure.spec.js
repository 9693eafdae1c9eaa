// Opened by a name that is not this machine and without HTTPS (as a phone
// at the fair would open http://192.168.x.x), the app says what that costs;
// opened securely it says nothing. The same for a browser that has no room
// to keep the app for offline start. The name resolves to 127.0.0.1 inside
// this browser only, so the traffic never leaves the machine. And one whose
// network dropped while the app was being kept tries again once it is back.
const { test, expect, chromium } = require('./fixtures');

// Opens the app and waits for its notice that nothing was kept for offline
// start, for `reason`, saying `words`; no worker controls the page.
async function openNotKept(page, reason, words) {
  await page.goto('/');
  await expect(page.locator('form.signin')).toBeVisible();
  const notice = page.locator('#offline-unavailable');
  await expect(notice).toHaveAttribute('data-reason', reason, { timeout: 30_000 });
  await expect(notice).toContainText(words);
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  return notice;
}

test('without HTTPS the app warns that it cannot work offline here', async ({ baseURL }, info) => {
  const port = new URL(baseURL).port;
  const launch = info.project.use.launchOptions;
  const browser = await chromium.launch({
    ...launch,
    args: [...launch.args, '--host-resolver-rules=MAP kartoteka.test 127.0.0.1'],
  });
  try {
    const context = await browser.newContext({
      viewport: info.project.use.viewport,
      locale: 'lv-LV',
    });
    const page = await context.newPage();
    await page.goto(`http://kartoteka.test:${port}/`);
    await expect(page.locator('form.signin')).toBeVisible();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(page.locator('#insecure-warning')).toContainText('nevar strādāt bezsaistē');
    await context.close();
  } finally {
    await browser.close();
  }
});

test('opened securely, there is no such warning', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('form.signin')).toBeVisible();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await expect(page.locator('#insecure-warning')).toHaveCount(0);
  // The app is kept for offline start, and nothing says otherwise.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await expect(page.locator('#offline-unavailable')).toHaveCount(0);
});

// A phone with its storage nearly full: the browser refuses the room the
// app's files need, so it would not open at the fair without a network. It
// says so now, while there is one, and still works online.
test('a device without room to keep the app is told it will not open offline', async ({ page, context, baseURL }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL).origin, quotaSize: 256 * 1024 });
  await openNotKept(page, 'quota', 'nepietiek vietas');
  await page.locator('#email').fill('janis@e2e.lv');
  await page.locator('#password').fill('janis-parole-1');
  await page.locator('form.signin button[type=submit]').click();
  await expect(page.locator('nav.nav')).toBeVisible();
  await expect(page.locator('#offline-unavailable')).toContainText('nepietiek vietas');
});

// The network drops while the worker stores the app (here: its downloads of
// the split-off modules fail). It keeps nothing and the page says so; once
// the network is back the app tries again by itself and the notice goes.
test('cut off while the app was being kept, it tries again when the network returns', async ({ page, context }) => {
  const modules = /\/pkg\/.*\/(split|chunk)_[^/]*\.wasm$/;
  await context.route(modules, (route) => route.abort('internetdisconnected'));
  const notice = await openNotKept(page, 'other', 'mēģinās vēlreiz');

  await context.unroute(modules);
  await context.setOffline(true);
  await context.setOffline(false);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await expect(notice).toHaveCount(0);
});
