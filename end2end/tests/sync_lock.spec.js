// One sync at a time per user across the tabs of a browser (a Web Lock):
// while one tab's sync is held open, the other tab's syncs (its button, and
// the one 400 ms after an edit) are skipped without a request; once the lock
// is free the other tab syncs and its edit reaches the server.
const { test, expect } = require('./fixtures');
const { signIn, nav, runTag } = require('./helpers');

const SYNC = /^\/api\/sync\/(push|pull)$/;
const isSync = (url) => SYNC.test(new URL(url).pathname);
const isPull = (url) => new URL(url).pathname === '/api/sync/pull';

/** Logs every sync-lock request the page's app makes and whether it was
 * granted (the app asks with ifAvailable, so "not granted" = skipped). */
function watchLocks() {
  const locks = navigator.locks;
  window.__syncLocks = [];
  if (!locks) return;
  const request = locks.request.bind(locks);
  locks.request = (name, ...rest) => {
    const work = rest.pop();
    const options = rest[0] || {};
    if (!String(name).startsWith('kartoteka-sync-')) return request(name, options, work);
    return request(name, options, (lock) => {
      window.__syncLocks.push({ name, granted: lock !== null });
      return work(lock);
    });
  };
}

const skipped = (page) => page.evaluate(() => window.__syncLocks.filter((l) => !l.granted).length);
const heldLocks = (page) => page.evaluate(async () =>
  (await navigator.locks.query()).held.map((l) => l.name).filter((n) => n.startsWith('kartoteka-sync-')));

/** Waits until the page's current sync is over. */
async function idle(page) {
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

test('while one tab syncs, the other skips its syncs; afterwards it syncs and its edit arrives', async ({ page: a, context, browser }, info) => {
  await context.addInitScript(watchLocks);

  // Tab A signs in and finishes its first sync; tab B shares the session.
  const aFirst = a.waitForResponse((r) => isPull(r.url()), { timeout: 30_000 });
  await signIn(a, 'ilze');
  await aFirst;
  await idle(a);
  const b = await context.newPage();
  const bFirst = b.waitForResponse((r) => isPull(r.url()), { timeout: 30_000 });
  await b.goto('/clients');
  await expect(b.locator('#client-search')).toBeVisible();
  await bFirst;
  await idle(b);
  await expect(b.locator('#pending')).toHaveAttribute('data-pending', '0');

  const bRequests = [];
  b.on('request', (r) => { if (isSync(r.url())) bRequests.push(new URL(r.url()).pathname); });

  // A's next pull is held until the test lets it go.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let held = 0;
  await a.route((url) => url.pathname === '/api/sync/pull', async (route) => {
    held += 1;
    await gate;
    await route.continue();
  });
  // (Retried only if a periodic sync in B happened to hold the lock.)
  await expect(async () => {
    await a.locator('#sync-now').click();
    await expect.poll(() => held, { timeout: 3_000 }).toBe(1);
  }).toPass({ timeout: 30_000 });
  await expect(a.locator('#sync-now')).toHaveAttribute('aria-busy', 'true');
  expect(await heldLocks(b)).toEqual([expect.stringMatching(/^kartoteka-sync-./)]);

  // B edits (a sync follows in 400 ms) and taps "sync now": both find the
  // lock taken and skip, sending nothing.
  bRequests.length = 0;
  const skippedBefore = await skipped(b);
  const name = `Slēdzene ${runTag(info)}`;
  await nav(b, '/clients/new');
  await b.locator('#name').fill(name);
  await b.locator('#city').fill('Ogre');
  await b.locator('#save').click();
  await expect(b.locator('#client-name')).toHaveText(name);
  await expect(b.locator('#pending')).toHaveAttribute('data-pending', '1');
  await b.locator('#sync-now').click();
  await expect.poll(() => skipped(b)).toBeGreaterThanOrEqual(skippedBefore + 2);
  await idle(b);
  expect(bRequests).toEqual([]);
  await expect(b.locator('#pending')).toHaveAttribute('data-pending', '1');
  // Still held: A's one pull is all that is out, B sent nothing.
  expect(held).toBe(1);
  expect(await heldLocks(b)).toHaveLength(1);
  expect(bRequests).toEqual([]);

  // Let A's pull go: A's sync ends and frees the lock.
  const aPulled = a.waitForResponse((r) => isPull(r.url()));
  release();
  expect((await aPulled).ok()).toBe(true);
  await idle(a);
  await a.unroute((url) => url.pathname === '/api/sync/pull');
  await expect.poll(() => heldLocks(b)).toEqual([]);

  // Now B's tap syncs: its edit is pushed and both tabs show nothing pending.
  const bPushed = b.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/push');
  await b.locator('#sync-now').click();
  expect((await bPushed).ok()).toBe(true);
  await expect(b.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await expect(a.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  expect(bRequests).toEqual(expect.arrayContaining(['/api/sync/push', '/api/sync/pull']));

  // The server has it: the head of sales, on another device, finds the card.
  const u = info.project.use;
  const other = await browser.newContext({
    baseURL: u.baseURL, viewport: u.viewport, isMobile: u.isMobile, hasTouch: u.hasTouch,
    locale: 'lv-LV', timezoneId: 'Europe/Riga',
  });
  const head = await other.newPage();
  await signIn(head, 'head');
  await head.locator('#client-search').fill(name.toLowerCase());
  await expect(head.locator('#client-list li', { hasText: name })).toHaveCount(1, { timeout: 20_000 });
  await other.close();
});
