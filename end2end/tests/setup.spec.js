// The first administrator, set up in the browser as a newcomer would: a
// server on an empty store writes a one-time link to its log; the sign-in
// page says so (and gives the command that does it from a shell instead);
// the link opens a form that says what is wrong with what was typed, keeps
// it, and then signs the new administrator in. The link then no longer
// opens the form. axe checks both screens. The spec runs its own server: the
// shared one already has users.
const { test, expect } = require('./fixtures');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { axe } = require('./axe');
const { freePort, healthy, stopServer, submitSignIn } = require('./helpers');

const BIN = process.env.KARTOTEKA_BIN;
const SITE_DIR = process.env.KARTOTEKA_SITE_DIR;

test.skip(!BIN || !SITE_DIR, 'needs KARTOTEKA_BIN and KARTOTEKA_SITE_DIR (run it through scripts/e2e)');

/** The set-up link's path, once the server has written it to its log. */
async function setupLink(logPath) {
  for (let i = 0; i < 100; i++) {
    const found = fs.readFileSync(logPath, 'utf8').match(/\/setup#[0-9a-f]{64}\b/);
    if (found) return found[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no set-up link in the log:\n${fs.readFileSync(logPath, 'utf8')}`);
}

test('the first administrator is set up in the browser from the link the server logs', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-setup-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logPath = path.join(dir, 'server.log');
  const log = fs.openSync(logPath, 'w');
  const server = spawn(BIN, ['--db', `surrealkv://${path.join(dir, 'db')}`, '--log', 'warn', 'serve',
    '--listen', `127.0.0.1:${port}`, '--site-dir', SITE_DIR], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const u = info.project.use;
  const options = {
    baseURL: url, viewport: u.viewport, isMobile: u.isMobile, hasTouch: u.hasTouch,
    locale: 'lv-LV', timezoneId: 'Europe/Riga', bypassCSP: true,
  };
  const contexts = [];
  try {
    await healthy(url, server);
    const link = await setupLink(logPath);

    // Opened without the link: the page says where the link is, and the
    // command for a shell names the data directory `./scripts/serve` uses.
    const first = await browser.newContext(options);
    contexts.push(first);
    const page = await first.newPage();
    await page.goto('/');
    const hint = page.locator('#first-admin');
    await expect(hint).toContainText('Vēl nav neviena lietotāja');
    await expect(hint).toContainText('iestatīšanas saiti');
    await expect(hint.locator('code')).toContainText('--data-dir data user add');
    await axe(page, 'sign-in with no users yet');

    // The link: a form. A short password is named at its field, and what
    // was typed stays.
    await page.goto(link);
    const form = page.locator('#first-admin-form');
    await expect(form).toBeVisible();
    await axe(page, 'the first administrator\'s form');
    await page.locator('#first-admin-email').fill('it@firma.lv');
    await page.locator('#first-admin-name').fill('Ivars Tīklu');
    await page.locator('#first-admin-password').fill('īsa');
    await form.locator('button[type=submit]').click();
    await expect(page.locator('#first-admin-password-err')).toContainText('vismaz 10');
    await expect(page.locator('#first-admin-email')).toHaveValue('it@firma.lv');
    await expect(page.locator('#first-admin-name')).toHaveValue('Ivars Tīklu');

    // Then signed in, on the users page an administrator starts on.
    await page.locator('#first-admin-password').fill('ļoti-droša-parole-1');
    await form.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.locator('#main')).toContainText('it@firma.lv');

    // The link has done its work: opened again elsewhere, it shows the
    // ordinary sign-in, where the new administrator's password works.
    const again = await browser.newContext(options);
    contexts.push(again);
    const other = await again.newPage();
    await other.goto(link);
    await expect(other.locator('#email')).toBeVisible();
    await expect(other.locator('#first-admin-form')).toHaveCount(0);
    await expect(other.locator('#first-admin')).toHaveCount(0);
    await submitSignIn(other, 'it@firma.lv', 'ļoti-droša-parole-1');
    await expect(other).toHaveURL(/\/users$/);
  } catch (e) {
    await info.attach('server.log', { path: logPath, contentType: 'text/plain' });
    throw e;
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
