// The screens the app does not open on come in modules of their own, fetched
// when first opened (app/src/ui/split_pages.rs). A module that cannot be
// fetched leaves a note in the page, the rest of the app goes on working,
// and the next visit to the screen tries again.
const { test, expect } = require('./fixtures');
const { signIn, nav, contextOptions, runTag, saveNewCard, syncNow } = require('./helpers');

/** The split-off modules the page has asked for so far (a fetch that
 * failed counts as asked). */
async function loadedModules(page) {
  const names = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.split('/').pop()));
  return [...new Set(names.filter((n) => /^split_.*\.wasm$/.test(n)))].sort();
}

/** `body` on a page of its own with no service worker: every module comes
 * from the network, as on a device whose worker could not install. */
async function withoutWorker(browser, info, body) {
  const context = await browser.newContext({ ...contextOptions(info), serviceWorkers: 'block' });
  try {
    await body(await context.newPage());
  } finally {
    await context.close();
  }
}

test('a screen whose module cannot be fetched says so, and opens once it can be', async ({ browser }, info) => {
  await withoutWorker(browser, info, async (page) => {
    await signIn(page, 'ilze');
    // Signing in loads no screen's module; the phone rules and the sync's
    // code follow the first screen.
    await expect.poll(() => loadedModules(page)).toEqual(['split_numbering.wasm', 'split_sync.wasm']);

    await page.route(/\/pkg\/.*\/(split|chunk)_[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
    await nav(page, '/today');
    await page.locator('#to-analysis').click();
    await expect(page.locator('#screen-not-loaded')).toHaveText(/Šo ekrānu neizdevās ielādēt/);
    await expect(page.locator('#screen-not-loaded')).toHaveAttribute('role', 'alert');

    // The card's forms are split off too, and say so the same way.
    await nav(page, '/clients/new');
    await expect(page.locator('#screen-not-loaded')).toBeVisible();
    await expect(page.locator('#name')).toHaveCount(0);

    // The app is still alive: the client list, in the main module, opens.
    await nav(page, '/clients');
    await expect(page.locator('#client-search')).toBeVisible();

    // With the network back, the same screen loads.
    await page.unroute(/\/pkg\/.*\/(split|chunk)_[^/]*\.wasm$/);
    await nav(page, '/today');
    await page.locator('#to-analysis').click();
    await expect(page.locator('#an-calls dd')).toBeVisible();
    await expect(page.locator('#screen-not-loaded')).toHaveCount(0);
    await nav(page, '/clients/new');
    await expect(page.locator('#name')).toBeVisible();
  });
});

test('the phone rules follow the first screen; until they come, numbers show as stored and wait to be checked', async ({ browser }, info) => {
  const rules = /\/pkg\/.*\/split_numbering\.wasm$/;
  await withoutWorker(browser, info, async (page) => {
    await page.route(rules, (route) => route.abort('internetdisconnected'));
    await signIn(page, 'ilze');
    // The card form works, but cannot check a number without its rules:
    // it says so at the number, and nothing typed is lost.
    await nav(page, '/clients/new');
    const name = `${runTag(info)} Numuru noteikumi`;
    await page.locator('#name').fill(name);
    const contact = page.locator('.contact').first();
    await contact.locator('input[id$="-name"]').fill('Anna Kalniņa');
    await contact.locator('input[id$="-phones-0"]').fill('29 555 014');
    await page.locator('#save').click();
    await expect(contact.locator('.field.invalid .error')).toHaveText(/Tālruņa numuru vēl nevar pārbaudīt/);
    await expect(contact.locator('input[id$="-phones-0"]')).toHaveValue('29 555 014');

    // With the network back, the same save checks the number and goes through.
    await page.unroute(rules);
    await page.locator('#save').click();
    await expect(page.locator('#client-name')).toHaveText(name);
    await expect(page.locator('a.tel')).toHaveText('+371 29 555 014');
  });
});

test('numbers show as stored until the rules come, then grouped', async ({ browser }, info) => {
  await withoutWorker(browser, info, async (page) => {
    await signIn(page, 'ilze');
    await nav(page, '/clients/new');
    const path = await saveNewCard(page, `${runTag(info)} Grupēts numurs`, { name: 'Pēteris Liepa', phone: '29 555 015' });
    // A new page load whose rules cannot be fetched: the card still opens.
    await page.route(/\/pkg\/.*\/split_numbering\.wasm$/, (route) => route.abort('internetdisconnected'));
    await page.goto(path);
    await expect(page.locator('a.tel')).toHaveText('+37129555015');
    await expect(page.locator('a.tel')).toHaveAttribute('href', 'tel:+37129555015');
    // The next sync asks for them again; the card then groups the number.
    await page.unroute(/\/pkg\/.*\/split_numbering\.wasm$/);
    await syncNow(page);
    await expect(page.locator('a.tel')).toHaveText('+371 29 555 015');
    expect(await loadedModules(page)).toEqual(['split_card.wasm', 'split_numbering.wasm', 'split_sync.wasm']);
  });
});

test("the sync's code follows the first screen; edits made before it can be fetched wait and go once it is", async ({ browser }, info) => {
  const code = /\/pkg\/.*\/split_sync\.wasm$/;
  await withoutWorker(browser, info, async (page) => {
    await page.route(code, (route) => route.abort('internetdisconnected'));
    await signIn(page, 'ilze');
    await nav(page, '/clients/new');
    await saveNewCard(page, `${runTag(info)} Sinhronizācijas kods`, { name: 'Anna Ozola' });
    // The sync after the edit could not start: the header says so, and the
    // card waits on the device.
    await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
    await expect(page.locator('#pending')).toHaveAttribute('data-pending', '1');
    expect(await loadedModules(page)).toContain('split_sync.wasm');

    await page.unroute(code);
    await syncNow(page);
    await expect(page.locator('.net')).toHaveAttribute('data-online', 'true');
    await expect(page.locator('#pending')).toHaveAttribute('data-refused', '0');
  });
});
