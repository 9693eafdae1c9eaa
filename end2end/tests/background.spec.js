// A step falling due while the app waits in a background tab: the system
// shows its notification (a real one, read back from the service worker's
// registration), and a tap on it opens the card.
//
// Playwright keeps every page it opens "visible" (it emulates focus on each),
// so this spec starts a Chromium of its own and connects to it without those
// defaults: there, a page behind another tab is hidden and its timers are
// throttled as a person's browser would throttle them. The other specs'
// viewports do not apply to such a browser, so the spec runs once, as the
// desktop project.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('@playwright/test');
const { test, expect } = require('./fixtures');
const { controlled, freePort, newCard, runTag, signInSynced } = require('./helpers');

/** Chromium started as the config starts it, headless, with a DevTools port;
 * gives the Playwright browser connected to it and a way to stop it. */
async function ownChromium() {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-bg-'));
  const config = require('../playwright.config.js');
  const proc = spawn(config.use.launchOptions.executablePath, [
    ...config.use.launchOptions.args,
    '--headless',
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`,
    '--window-size=1280,800',
    '--lang=lv-LV',
    'about:blank',
  ], { stdio: 'ignore', env: { ...process.env, TZ: config.use.timezoneId } });
  const endpoint = `http://127.0.0.1:${port}`;
  await expect.poll(async () => {
    try {
      return (await fetch(`${endpoint}/json/version`)).ok;
    } catch {
      return false;
    }
  }, { timeout: 20_000 }).toBe(true);
  // `noDefaults`: the browser's own context, with no emulation from Playwright.
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  // Never throws: a failure in the cleanup must not hide the test's own.
  const stop = async () => {
    await browser.close().catch(() => {});
    proc.kill();
    await exited;
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  return { browser, stop };
}

/** The notifications the service worker's registration shows now. */
function shown(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications())
      .map((n) => ({ title: n.title, tag: n.tag, url: n.data && n.data.url }));
  });
}

test('a step falling due in a background tab is shown by the system; a tap opens its card', async ({ watchConsole }, info) => {
  test.skip(info.project.name !== 'desktop', 'drives a browser of its own, without the viewports');
  // Up to a minute until the step is due, and up to the app's half-minute
  // look at the clock after that.
  test.setTimeout(180_000);
  const { browser, stop } = await ownChromium();
  try {
    const context = browser.contexts()[0];
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
    // the event is the test's. The page, still behind, opens the card.
    await expect.poll(() => context.serviceWorkers().length).toBeGreaterThan(0);
    await context.serviceWorkers()[0].evaluate(async (tag) => {
      const [n] = await self.registration.getNotifications({ tag });
      self.dispatchEvent(new NotificationEvent('notificationclick', { notification: n }));
    }, note.tag);
    await expect(page).toHaveURL(new RegExp(`/clients/${id}$`));
    await expect.poll(async () => (await shown(page)).map((n) => n.title)).not.toContain(title);
    await page.bringToFront();
    await expect(page.locator('#client-name')).toHaveText(name);
  } finally {
    await stop();
  }
});
