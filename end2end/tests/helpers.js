// Shared steps for the specs.
const { expect } = require('@playwright/test');
const { execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const USERS = {
  admin: { email: 'admin@e2e.lv', password: 'admin-parole-1' },
  janis: { email: 'janis@e2e.lv', password: 'janis-parole-1' },
  ilze: { email: 'ilze@e2e.lv', password: 'ilze-parole-1' },
  head: { email: 'vaditajs@e2e.lv', password: 'head-parole-1' },
  logistics: { email: 'logistika@e2e.lv', password: 'logistika-parole-1' },
  accounting: { email: 'gramatvediba@e2e.lv', password: 'gramatvediba-parole-1' },
};

/** Signs in and opens the client list (a phone opens on Today); an
 * administrator, who holds no client data, lands on the users page. */
async function signIn(page, who) {
  const u = USERS[who];
  await page.goto('/');
  await submitSignIn(page, u.email, u.password);
  await expect(page.locator('nav.nav')).toBeVisible();
  if (who === 'admin') {
    await expect(page.locator('#user-list')).toBeVisible();
    return;
  }
  if (who === 'accounting') {
    await expect(page.locator('#import-source')).toBeVisible();
    return;
  }
  await expect(page.locator('#client-search, #quotas').first()).toBeVisible();
  if (!(await page.locator('#client-search').isVisible())) {
    await nav(page, '/clients');
  }
  await expect(page.locator('#client-search')).toBeVisible();
}

/** Signs out from the account page. */
async function signOut(page) {
  await nav(page, '/account');
  await page.locator('#sign-out').click();
}

/** Fills and submits the sign-in form with any credentials. */
async function submitSignIn(page, email, password) {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form.signin button[type=submit]').click();
}

/** Opens a page through the navigation, as a person would. */
async function nav(page, href) {
  await page.locator(`nav.nav a[href="${href}"]`).click();
}

/** On the open new-card form: the name and one contact person (`name`,
 * and any of `phone`, `email`, `birthday`), saved; gives the card's path. */
async function saveNewCard(page, name, person) {
  await page.locator('#name').fill(name);
  const contact = page.locator('.contact').first();
  await contact.locator('input[id$="-name"]').fill(person.name);
  if (person.phone) await contact.locator('input[id$="-phones-0"]').fill(person.phone);
  if (person.email) await contact.locator('input[id$="-emails-0"]').fill(person.email);
  if (person.birthday) await contact.locator('input[id$="-birthday"]').fill(person.birthday);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  return new URL(page.url()).pathname;
}

/** A new card with one contact person, made through the navigation as a
 * person would; gives the card's path. */
async function newCard(page, name, person) {
  await nav(page, '/clients/new');
  return saveNewCard(page, name, person);
}

/** A random registration number with a valid check digit. */
function regNo() {
  const weights = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1];
  for (;;) {
    const ten = `4${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    for (let d = 0; d <= 9; d++) {
      const n = `${ten}${d}`;
      const sum = [...n].reduce((s, c, i) => s + Number(c) * weights[i], 0);
      if (sum % 11 === 3) return n;
    }
  }
}

/** A short tag that keeps the phone and desktop runs' data apart. */
function runTag(testInfo) {
  const prefix = { phone: 'Tel', tablet: 'Pla' }[testInfo.project.name] || 'Dat';
  return `${prefix}${Date.now() % 1000000}`;
}

/** Stands in for the phone's dialer: a tel: link does not leave the page
 * (the app's own click handler still runs). Pass to `addInitScript`. */
function fakeDialer() {
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href^="tel:"]');
    if (a) e.preventDefault();
  }, true);
}

/** The dialer closes and the app is in front again. */
async function comeBack(page) {
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    window.dispatchEvent(new Event('focus'));
  });
}

/** Signs in and waits until the first download is stored, so counters read
 * afterwards include this user's earlier data. */
async function signInSynced(page, who) {
  const firstPull = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/pull', { timeout: 30_000 });
  await signIn(page, who);
  await firstPull;
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

// A calendar day (YYYY-MM-DD) `days` from now as the browser sees it: in
// Europe/Riga, as playwright.config.js sets. A UTC day is yesterday there
// between 22:00 and 24:00 UTC (and the month can differ too).
function localDay(days = 0) {
  // Today in Riga, then whole calendar days from it: subtracting days of
  // 24 h would land an hour off across a change of summer time (late in
  // the evening, 40 days before a day in winter was already the next day).
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Riga' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Nothing waits to be sent and no sync is running. */
async function waitSynced(page) {
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
}

/** Taps "sync now" and waits for that sync's download: the button is
 * disabled while a sync runs, so a tap lands after it and starts a fresh
 * one, and "nothing pending" alone would be true before it pulled. */
async function syncNow(page) {
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  const pulled = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/pull', { timeout: 30_000 });
  await page.locator('#sync-now').click();
  await pulled;
  await waitSynced(page);
}

/** Clicks `selector`, which saves a file, and gives the file's name and
 * text as the browser saved them. */
async function downloaded(page, selector) {
  const download = page.waitForEvent('download');
  await page.locator(selector).click();
  const file = await download;
  const text = fs.readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), text };
}

/** The messages the test SMTP server (started by scripts/e2e) has received
 * whose To contains `to`, decoded as a mail program does (`read.py` beside
 * the server's own mail tests); attachments are saved in `dir` when given. */
function mailTo(to, dir) {
  const inbox = process.env.KARTOTEKA_E2E_INBOX;
  const reader = path.join(__dirname, '..', '..', 'server', 'tests', 'integration', 'mail_sink', 'read.py');
  return fs.readdirSync(inbox)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => JSON.parse(execFileSync(process.env.KARTOTEKA_SMTP_PYTHON,
      [reader, path.join(inbox, f), ...(dir ? [dir] : [])]).toString()))
    .filter((m) => (m.headers.To || '').includes(to));
}

/** WCAG's contrast ratio of two CSS colours (rgb()/rgba() as computed). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A loopback port nobody listens on now, for a server a spec starts itself. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Waits until the server a spec started at `url` answers `/healthz`. */
async function healthy(url, child, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not answer /healthz`);
}

/** Stops a server process a spec started and waits for it to exit, so its
 * directory is not removed while the store is still closing (a store
 * writes its tables on close). SIGKILL if it takes over 10 s. */
async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The service worker controls the page, so a reload works offline. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Cuts the context's network once each of its pages runs under the
 * service worker. Until then the worker may still be storing the app; cut
 * off half-way it keeps no offline copy (and the app says so), so a screen
 * first opened offline would not load. On a loaded machine signing in and
 * syncing can be quicker than that. */
async function goOffline(context) {
  for (const page of context.pages()) await controlled(page);
  await context.setOffline(true);
}

/** A new card with a name and a city only, saved; its page is open. */
async function newCardIn(page, name, city) {
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#city').fill(city);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
}

/** Finds a card by `search` in the client list and opens the one named `name`. */
async function openCard(page, search, name) {
  await nav(page, '/clients');
  await page.locator('#client-search').fill(search);
  await page.locator('#client-list li', { hasText: name }).locator('a').click();
  await expect(page.locator('#client-name')).toHaveText(name);
}

/** A second browser context like the project's own (another device). */
function contextOptions(info) {
  const u = info.project.use;
  return {
    baseURL: u.baseURL, viewport: u.viewport, isMobile: u.isMobile, hasTouch: u.hasTouch,
    locale: 'lv-LV', timezoneId: 'Europe/Riga',
  };
}

/** Makes cards through the server as the signed-in user, one per contact
 * person given as `[card name, { name, phones, emails, birthday }]`. */
async function createClients(page, cards) {
  await page.evaluate(async (cards) => {
    for (const [name, person] of cards) {
      const input = {
        kind: 'company', name, reg_no: '', vat_no: '', segment: 'active',
        source: 'other', owner_id: null, address: '', city: '', website: '', price_type: '',
        payment_terms_days: '', credit_limit: '', tags: '', needs: '',
        contacts: [{ id: null, position: '', phones: [], emails: [], birthday: '', notes: '', ...person }],
      };
      const res = await fetch('/api/clients/create', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input }),
      });
      if (!res.ok) throw new Error(`clients/create ${res.status}: ${await res.text()}`);
    }
  }, cards);
}

module.exports = { contrast, createClients, controlled, goOffline, newCardIn, openCard, contextOptions, mailTo, stopServer, freePort, healthy, downloaded, syncNow, waitSynced, newCard, saveNewCard, localDay, regNo, USERS, signIn, signInSynced, signOut, submitSignIn, nav, runTag, fakeDialer, comeBack };
