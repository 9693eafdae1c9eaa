// The screens a phone seldom opens come in modules of their own, fetched
// when first opened (app/src/ui/split_pages.rs). A module that cannot be
// fetched leaves a note in the page, the rest of the app goes on working,
// and the next visit to the screen tries again.
const { test, expect } = require('./fixtures');
const { signIn, nav, contextOptions } = require('./helpers');

test('a screen whose module cannot be fetched says so, and opens once it can be', async ({ browser }, info) => {
  // No service worker: every module comes from the network, as on a device
  // whose worker could not install.
  const context = await browser.newContext({ ...contextOptions(info), serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await signIn(page, 'ilze');
    const first = (await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop())));
    expect(first.filter((n) => /^(split|chunk)_.*\.wasm$/.test(n))).toEqual([]);

    await page.route(/\/pkg\/.*\/(split|chunk)_[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
    await nav(page, '/today');
    await page.locator('#to-analysis').click();
    await expect(page.locator('#screen-not-loaded')).toHaveText(/Šo ekrānu neizdevās ielādēt/);
    await expect(page.locator('#screen-not-loaded')).toHaveAttribute('role', 'alert');

    // The app is still alive: the client list, in the main module, opens.
    await nav(page, '/clients');
    await expect(page.locator('#client-search')).toBeVisible();

    // With the network back, the same screen loads.
    await page.unroute(/\/pkg\/.*\/(split|chunk)_[^/]*\.wasm$/);
    await nav(page, '/today');
    await page.locator('#to-analysis').click();
    await expect(page.locator('#an-calls dd')).toBeVisible();
    await expect(page.locator('#screen-not-loaded')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
