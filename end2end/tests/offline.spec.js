// Offline-first: with the network cut, the app still loads, cards and call
// logs are created and edited, survive a reload, and sync when the network
// returns; a colleague then sees them. Signing out with unsent work warns.
const { test, expect } = require('./fixtures');
const { signIn, signInSynced, nav, runTag, syncNow, waitSynced, controlled, newCardIn, openCard, contextOptions, goOffline, saveNewCard } = require('./helpers');

test('making the app work offline does not download it a second time', async ({ page, context }) => {
  const worker = context.waitForEvent('serviceworker');
  await page.goto('/');
  await controlled(page);
  const sw = context.serviceWorkers()[0] || (await worker);
  // The first screen needs none of the screens split off the app, only
  // their loader, which the glue imports.
  const pageFiles = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/pkg/')));
  expect(pageFiles.filter((p) => /\/(split|chunk)_[^/]*\.wasm$/.test(p))).toEqual([]);
  // What the worker fetched while installing: the hashed build the page had
  // just loaded (wasm, glue, loader, styles) came from the HTTP cache, no
  // bytes moved; the split-off screens once each, for offline.
  const fetched = await sw.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/pkg/'))
    .map((e) => ({ path: new URL(e.name).pathname, transferred: e.transferSize })));
  const main = fetched.filter((f) => pageFiles.includes(f.path));
  expect(main.map((f) => f.path.split('/').pop().replace(/^style-.*\./, 'style.')).sort())
    .toEqual(['__wasm_split.js', 'kartoteka.js', 'kartoteka_bg.wasm', 'style.css']);
  for (const f of main) expect(f.transferred, f.path).toBe(0);
  const split = fetched.filter((f) => !pageFiles.includes(f.path)).map((f) => f.path.split('/').pop());
  expect(split.filter((n) => n.startsWith('split_')).sort())
    .toEqual(['split_card.wasm', 'split_commercial.wasm', 'split_numbering.wasm', 'split_office.wasm', 'split_own.wasm', 'split_sync.wasm']);
  expect(split.every((n) => /^(split|chunk)_[^/]*\.wasm$/.test(n))).toBe(true);
  expect(new Set(split).size).toBe(split.length);
});

test('a screen split off the app, never opened online, opens offline', async ({ page, context }) => {
  await signIn(page, 'ilze');
  await waitSynced(page);
  await goOffline(context);
  await page.reload();
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await nav(page, '/today');
  await page.locator('#to-analysis').click();
  await expect(page.locator('#an-calls dd')).toBeVisible();
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.split('/').pop()));
  expect(loaded).toContain('split_own.wasm');
});

test('work offline, reload offline, reconnect: everything syncs and a colleague sees it', async ({ page, context, browser }, info) => {
  const tag = runTag(info);
  const existing = `Esošais ${tag}`;
  const offline = `Bezsaistes ${tag}`;
  await signIn(page, 'ilze');
  await newCardIn(page, existing, 'Rīga');
  await waitSynced(page);

  await goOffline(context);
  await page.reload();
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  // The page reloaded on the card, read from the device.
  await expect(page.locator('#client-name')).toHaveText(existing);

  await newCardIn(page, offline, 'Cēsis');
  for (const outcome of ['no_answer', 'busy', 'connected']) {
    await page.locator(`#call-outcome [data-outcome=${outcome}]`).click();
    await page.locator('#save-call').click();
    await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  }
  await expect(page.locator('#call-history .call-row')).toHaveCount(3);
  await expect(page.locator('#call-history .call-row.unsent')).toHaveCount(3);

  await openCard(page, `esosais ${tag.toLowerCase()}`, existing);
  await page.locator('#edit').click();
  await page.locator('#city').fill('Talsi');
  await page.locator('#save').click();
  await expect(page.locator('#client-card')).toContainText('Talsi');
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '5');

  // Still offline: a reload finds everything on the device.
  await page.reload();
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '5');
  await openCard(page, `bezsaistes ${tag.toLowerCase()}`, offline);
  await expect(page.locator('#call-history .call-row')).toHaveCount(3);

  await context.setOffline(false);
  await waitSynced(page);
  await expect(page.locator('#call-history .call-row.unsent')).toHaveCount(0);

  const colleague = await browser.newContext(contextOptions(info));
  const head = await colleague.newPage();
  await signIn(head, 'head');
  await openCard(head, `bezsaistes ${tag.toLowerCase()}`, offline);
  await expect(head.locator('#client-card')).toContainText('Cēsis');
  await expect(head.locator('#call-history .call-row')).toHaveCount(3);
  await openCard(head, `esosais ${tag.toLowerCase()}`, existing);
  await expect(head.locator('#client-card')).toContainText('Talsi');
  await colleague.close();
});

test('signing out with unsent changes warns, syncs first, then removes the local data', async ({ page, context }, info) => {
  const tag = runTag(info);
  await signIn(page, 'janis');
  await waitSynced(page);
  await goOffline(context);
  await newCardIn(page, `Nenosūtīts ${tag}`, 'Bauska');
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '1');

  await nav(page, '/account');
  await page.locator('#sign-out').click();
  const dialog = page.locator('#sign-out-pending');
  await expect(dialog).toContainText('1');
  await context.setOffline(false);
  await dialog.locator('#sync-first').click();
  await expect(dialog).toBeHidden();
  await waitSynced(page);
  // The sync's pull may still hold the local database, whose removal then
  // waits for it: sign out once the sync is over, and allow a loaded
  // machine its time.
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

  await page.locator('#sign-out').click();
  await expect(page.locator('#email')).toBeVisible({ timeout: 20_000 });
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names.filter((n) => n && n.startsWith('kartoteka-'))).toEqual([]);
});

test('two devices change the same field offline: both end equal and the lost value can be restored', async ({ browser }, info) => {
  const tag = runTag(info);
  const name = `Konflikts ${tag}`;
  const search = `konflikts ${tag.toLowerCase()}`;
  const ctxA = await browser.newContext(contextOptions(info));
  const ctxB = await browser.newContext(contextOptions(info));
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await signIn(a, 'janis');
  await newCardIn(a, name, 'Rīga');
  await waitSynced(a);
  await signIn(b, 'janis');
  await waitSynced(b);
  await openCard(b, search, name);

  await goOffline(ctxA);
  await goOffline(ctxB);
  await a.locator('#edit').click();
  await a.locator('#city').fill('Cēsis');
  await a.locator('#save').click();
  await expect(a.locator('#client-card')).toContainText('Cēsis');
  await b.locator('#edit').click();
  await b.locator('#city').fill('Talsi');
  await b.locator('#save').click();
  await expect(b.locator('#client-card')).toContainText('Talsi');

  // Both come back; the later edit wins everywhere, the other is kept.
  await ctxA.setOffline(false);
  await waitSynced(a);
  await ctxB.setOffline(false);
  await waitSynced(b);
  await syncNow(a);
  await expect(a.locator('#client-card')).toContainText('Talsi');
  await expect(b.locator('#client-card')).toContainText('Talsi');
  await expect(a.locator('#conflicts')).toContainText('Cēsis');
  await syncNow(b);
  await expect(b.locator('#conflicts')).toContainText('Cēsis');

  // One tap on A restores its value; B sees it and the conflict is closed.
  await a.locator('#conflicts .restore').click();
  await expect(a.locator('#client-card')).toContainText('Cēsis');
  await expect(a.locator('#conflicts')).toHaveCount(0);
  await waitSynced(a);
  await syncNow(b);
  await expect(b.locator('#client-card')).toContainText('Cēsis');
  await expect(b.locator('#conflicts')).toHaveCount(0);
  await ctxA.close();
  await ctxB.close();
});

test('a change in one tab shows in the other tab of the same browser', async ({ page, context }, info) => {
  const tag = runTag(info);
  const name = `Cilnes ${tag}`;
  await signIn(page, 'ilze');
  await newCardIn(page, name, 'Rīga');
  await waitSynced(page);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.locator('#client-name')).toHaveText(name);

  // Offline, so only the tabs' own channel can carry the change.
  await goOffline(context);
  await page.locator('#edit').click();
  await page.locator('#city').fill('Sigulda');
  await page.locator('#save').click();
  await expect(page.locator('#client-card')).toContainText('Sigulda');
  await expect(other.locator('#client-card')).toContainText('Sigulda');
  await expect(other.locator('#pending')).toHaveAttribute('data-pending', '1');
  await context.setOffline(false);
  await waitSynced(page);
  await waitSynced(other);
});

test('two devices change a contract\'s term offline: the lost value is shown on the card and restored into the contract', async ({ browser }, info) => {
  const tag = runTag(info);
  const name = `Līguma konflikts ${tag}`;
  const search = `liguma konflikts ${tag.toLowerCase()}`;
  const number = `K-${tag}`;
  const ctxA = await browser.newContext(contextOptions(info));
  const ctxB = await browser.newContext(contextOptions(info));
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await signIn(a, 'janis');
  await newCardIn(a, name, 'Rīga');
  await a.locator('#new-contract').click();
  await a.locator('#contract-number').fill(number);
  await a.locator('#contract-payment-days').fill('30');
  await a.locator('#save-contract').click();
  await expect(a.locator('#card-contract-list li', { hasText: number })).toBeVisible();
  await waitSynced(a);
  await signIn(b, 'janis');
  await waitSynced(b);
  await openCard(b, search, name);

  // Both change the payment days offline; B's later change wins.
  await goOffline(ctxA);
  await goOffline(ctxB);
  for (const [page, days] of [[a, '45'], [b, '60']]) {
    await page.locator('#card-contract-list li', { hasText: number }).locator('a').click();
    await page.locator('#contract-payment-days').fill(days);
    await page.locator('#save-contract').click();
    await expect(page.locator('#card-contract-list li', { hasText: number })).toBeVisible();
  }
  await ctxA.setOffline(false);
  await waitSynced(a);
  await ctxB.setOffline(false);
  await waitSynced(b);
  await syncNow(a);
  const lost = a.locator('#conflicts li.conflict[data-record="contract"][data-field="payment_days"]');
  await expect(lost).toContainText(number);
  await expect(lost).toContainText('45');

  // One tap on A: the contract's payment days are 45 again, on B too.
  await lost.locator('.restore').click();
  await expect(a.locator('#conflicts')).toHaveCount(0);
  await waitSynced(a);
  await syncNow(b);
  await b.locator('#card-contract-list li', { hasText: number }).locator('a').click();
  await expect(b.locator('#contract-payment-days')).toHaveValue('45');
  await ctxA.close();
  await ctxB.close();
});

test('a sync that could not reach the server is tried again on the half-minute tick, with no tap', async ({ page }, info) => {
  // The page's clock, so the half minute can pass at once.
  await page.clock.install();
  await signInSynced(page, 'ilze');
  // The server cannot be reached while the browser still says it is online,
  // as a phone's does on a weak connection: no `online` event will come.
  const sync = /\/api\/sync\//;
  await page.route(sync, (route) => route.abort('connectionrefused'));
  await nav(page, '/clients/new');
  await saveNewCard(page, `${runTag(info)} Atgriežas tīkls`, { name: 'Juris Ozols' });
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '1');

  await page.unroute(sync);
  const pushed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/push');
  await page.clock.fastForward('00:31');
  await pushed;
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0');
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'true');
});
