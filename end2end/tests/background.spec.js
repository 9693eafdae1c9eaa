// A step falling due while the app waits in a background tab: the system
// shows its notification (a real one, read back from the service worker's
// registration), and a tap on it opens the card.
//
// Playwright keeps every page it opens "visible" (it emulates focus on each)
// and starts Chromium with background throttling switched off, so this spec
// starts a Chromium of its own, with the config's flags only, and connects
// to it without Playwright's defaults: there, a page behind another tab is
// hidden and its timers are throttled as a person's browser would throttle
// them. The other specs' viewports do not apply to such a browser, so the
// spec runs once, as the desktop project.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('@playwright/test');
const base = require('./fixtures');
const { expect } = base;
const { controlled, newCard, runTag, signInSynced } = require('./helpers');

/** Chromium started as the config starts it, but headless by hand, with a
 * DevTools port it picks itself; gives the Playwright browser connected to
 * it and a way to stop it that never throws. */
async function ownChromium() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-bg-'));
  const config = require('../playwright.config.js');
  const proc = spawn(config.use.launchOptions.executablePath, [
    ...config.use.launchOptions.args,
    '--headless',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    '--window-size=1280,800',
    '--lang=lv-LV',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: config.use.timezoneId } });
  let said = '';
  proc.stderr.on('data', (d) => { said = (said + d).slice(-2000); });
  let gone = null;
  const exited = new Promise((resolve) => {
    proc.once('exit', (code, signal) => { gone = `exited (${code ?? signal})`; resolve(); });
    proc.once('error', (e) => { gone = `did not start: ${e.message}`; resolve(); });
  });
  const stop = async (browser) => {
    if (browser) await browser.close().catch(() => {});
    if (!gone) {
      proc.kill('SIGTERM');
      const killed = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killed);
    }
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // A leftover folder in the temporary directory hides no failure.
    }
  };
  try {
    // Chromium writes the port it took (and the browser's path) here.
    const portFile = path.join(profile, 'DevToolsActivePort');
    await expect.poll(() => {
      if (gone) throw new Error(`Chromium ${gone}: ${said}`);
      return fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').includes('\n');
    }, { timeout: 20_000, message: 'Chromium opens its DevTools port' }).toBe(true);
    const port = fs.readFileSync(portFile, 'utf8').split('\n')[0].trim();
    // `noDefaults`: the browser's own context, with no emulation from Playwright.
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true });
    return { browser, stop: () => stop(browser) };
  } catch (e) {
    await stop(null);
    throw e;
  }
}

// The browser as a fixture: its teardown runs even when the test times out.
const test = base.test.extend({
  ownBrowser: async ({}, use, testInfo) => {
    testInfo.skip(testInfo.project.name !== 'desktop', 'drives a browser of its own, without the viewports');
    const { browser, stop } = await ownChromium();
    try {
      await use(browser);
    } finally {
      await stop();
    }
  },
});

/** The notifications the service worker's registration shows now. */
function shown(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications())
      .map((n) => ({ title: n.title, tag: n.tag, url: n.data && n.data.url }));
  });
}

test('a step falling due in a background tab is shown by the system; a tap opens its card', async ({ ownBrowser, watchConsole }, info) => {
  // 20 s until the step is due, then up to the app's half-minute look at
  // the clock, in a tab whose timers are throttled.
  test.setTimeout(180_000);
  const context = ownBrowser.contexts()[0];
  const base = info.project.use.baseURL;
  await context.grantPermissions(['notifications'], { origin: base });
  const page = context.pages()[0];
  watchConsole(page);
  // This context has no base address: the helpers' '/' is resolved here.
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(new URL(url, base).href, options);
  // The page's clock runs on in real time; it is only moved forward once,
  // so the step falls due 20 s after it is planned.
  await page.clock.install();

  const name = `Fonā ${runTag(info)}`;
  await signInSynced(page, 'janis');
  await controlled(page);
  const id = (await newCard(page, name, { name: 'Rita Ozola', phone: '29 777 105' })).split('/').pop();
  const now = await page.evaluate(() => Date.now());
  const due = (Math.floor((now + 20_000) / 60_000) + 1) * 60_000;
  await page.clock.setSystemTime(due - 20_000);
  const when = await page.evaluate((at) => {
    const d = new Date(at);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, due);
  await page.locator('#plan-step-action [data-action=meeting]').click();
  await page.locator('#plan-step-action-when').fill(when);
  await page.locator('#plan-step-save').click();
  await expect(page.locator('#card-follow-ups .saved')).toHaveText('Solis saplānots');
  const title = `Tikties · ${name}`;
  expect((await shown(page)).map((n) => n.title)).not.toContain(title);

  // Another tab in front: the app is hidden.
  const other = await context.newPage();
  await other.goto('about:blank');
  await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('hidden');

  await expect.poll(async () => (await shown(page)).map((n) => n.title), { timeout: 90_000 }).toContain(title);
  expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
  const note = (await shown(page)).find((n) => n.title === title);
  expect(note.url).toBe(`/clients/${id}`);
  expect(note.tag).not.toBe('');

  // The tap: the worker's own handler runs on the real notification; only
  // the event is the test's. (A script-made event gets no `waitUntil`: the
  // handler's work still runs, and the page, still behind, opens the card.)
  await expect.poll(() => context.serviceWorkers().length).toBeGreaterThan(0);
  await context.serviceWorkers()[0].evaluate(async (tag) => {
    const [n] = await self.registration.getNotifications({ tag });
    self.dispatchEvent(new NotificationEvent('notificationclick', { notification: n }));
  }, note.tag);
  await expect(page).toHaveURL(new RegExp(`/clients/${id}$`));
  await expect.poll(async () => (await shown(page)).map((n) => n.title)).not.toContain(title);
  await page.bringToFront();
  await expect(page.locator('#client-name')).toHaveText(name);
});
