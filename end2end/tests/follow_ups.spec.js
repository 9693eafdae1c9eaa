// Follow-ups. After "no answer" one tap saves the call and plans to call
// again tomorrow: three taps from the card's number (the spec counts them);
// the calls counter moves and the follow-up is on the next working day's
// plan on Today. The same offline, then synced to the server. A step planned
// on the card is due on Today and marked done there (the proposals counter
// counts e-mailed proposals: see proposals.spec.js). The analysis lists a client reached
// without a next step under "negotiate next", also over a custom range.
const { test, expect } = require('./fixtures');
const { newCard, downloaded, signInSynced, nav, runTag, fakeDialer, comeBack, goOffline } = require('./helpers');

async function quota(page, id) {
  await nav(page, '/today');
  const q = page.locator(`#${id}`);
  await expect(q).toBeVisible();
  return Number(await q.getAttribute('data-done'));
}

/** Creates a card with one contact and phone; returns its id. */
async function cardWithPhone(page, name, phone) {
  const path = await newCard(page, name, { name: 'Rita Ozola', phone });
  return path.split('/').pop();
}

for (const offline of [false, true]) {
  test(`no answer, again tomorrow: three taps from the number${offline ? ', offline, then synced' : ''}`, async ({ page, context, browser }, info) => {
    const tag = `${runTag(info)}${offline ? 'o' : ''}`;
    const name = `Atzvanīt ${tag}`;
    await context.addInitScript(fakeDialer);
    await signInSynced(page, 'janis');
    const before = await quota(page, 'quota-calls');
    if (offline) {
      await goOffline(context);
      await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
    }
    const id = await cardWithPhone(page, name, offline ? '29 777 102' : '29 777 101');

    let taps = 0;
    const tap = async (locator) => { taps += 1; await locator.click(); };
    await tap(page.locator('.contact-card a.tel'));
    await page.waitForTimeout(2000);
    await comeBack(page);
    await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'true');
    await tap(page.locator('#call-outcome [data-outcome=no_answer]'));
    await tap(page.locator('#retry-tomorrow'));
    await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
    expect(taps).toBe(3);
    await expect(page.locator('#call-history .call-row').first()).toHaveAttribute('data-outcome', 'no_answer');
    await expect(page.locator('#card-follow-up-list [data-action=call][data-done=false]')).toHaveCount(1);

    expect(await quota(page, 'quota-calls')).toBe(before + 1);
    const planned = page.locator(`#follow-ups-planned .today-item[data-client="${id}"]`);
    await expect(planned).toHaveAttribute('data-action', 'call');
    await expect(planned.locator('a.call-button')).toHaveAttribute('href', /^tel:\+37129777/);

    if (offline) {
      // The card, the call and the follow-up wait on the device...
      await expect(page.locator('#pending')).toHaveAttribute('data-pending', '3');
      await context.setOffline(false);
      await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
    } else {
      await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
    }
    // ...and are on the server: another device receives the plan.
    const other = await browser.newContext({ viewport: info.project.use.viewport });
    const second = await other.newPage();
    await signInSynced(second, 'janis');
    await nav(second, '/today');
    await expect(second.locator(`#follow-ups-planned .today-item[data-client="${id}"]`)).toHaveAttribute('data-action', 'call');
    await other.close();
  });
}

test('a step planned on the card is due on Today and done there', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `Solis ${tag}`;
  await signInSynced(page, 'ilze');
  const id = await cardWithPhone(page, name, '29 777 103');

  await page.locator('#plan-step-action [data-action=meeting]').click();
  // Prefilled with the next working day; this step is for now.
  await expect(page.locator('#plan-step-action-when')).not.toHaveValue('');
  const now = await page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  });
  await page.locator('#plan-step-action-when').fill(now);
  await page.locator('#plan-step-note').fill('Atvest paraugus');
  await page.locator('#plan-step-save').click();
  await expect(page.locator('#card-follow-up-list [data-action=meeting][data-done=false]')).toContainText('Atvest paraugus');

  await expect(page.locator('#card-follow-ups .saved')).toHaveText('Solis saplānots');
  await nav(page, '/today');
  const due = page.locator(`#follow-ups-today .today-item[data-client="${id}"]`);
  await expect(due).toHaveAttribute('data-action', 'meeting');
  // Every open follow-up goes to the phone's calendar as a file.
  const ics = await downloaded(page, '#follow-ups-calendar');
  expect(ics.name).toMatch(/^kartoteka-\d{4}-\d{2}-\d{2}\.ics$/);
  const calendar = ics.text.replace(/\r\n /g, '');
  expect(calendar.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(calendar).toContain(`SUMMARY:Tikties: ${name}\r\n`);
  expect(calendar).toContain('DESCRIPTION:Atvest paraugus\\n+371 29 777 103\r\n');
  await due.locator('.mark-done').click();
  await expect(due).toHaveCount(0);
  await page.goto(`/clients/${id}`);
  await expect(page.locator('#card-follow-up-list [data-action=meeting][data-done=true]')).toHaveCount(1);
});

test('a client reached without a next step is listed to negotiate next, also over a custom range', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `Sarunas ${tag}`;
  await signInSynced(page, 'head');
  const id = await cardWithPhone(page, name, '29 777 104');
  await page.locator('#call-kind [data-kind=negotiation]').click();
  await page.locator('#call-outcome [data-outcome=connected]').click();
  await page.locator('#save-call').click();
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');

  await nav(page, '/today');
  await page.locator('#to-analysis').click();
  const listed = page.locator(`#negotiate-next .today-item[data-client="${id}"]`);
  await expect(listed).toContainText(name);

  // A custom range: today only lists it; a range that ends yesterday does not.
  await page.locator('#analysis-period [data-period=custom]').click();
  const day = await page.evaluate(() => {
    const p = (n) => String(n).padStart(2, '0');
    const f = (d) => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    const d = new Date();
    const y = new Date(d.getTime() - 86_400_000);
    return { today: f(d), yesterday: f(y) };
  });
  await page.locator('#range-from').fill(day.today);
  await page.locator('#range-to').fill(day.today);
  await expect(page.locator('#analysis-span')).toContainText(day.today.split('-').reverse().join('.'));
  await expect(listed).toBeVisible();
  await page.locator('#range-to').fill(day.yesterday);
  await expect(page.locator('#analysis-error')).toHaveText('Sākuma datums ir pēc beigu datuma.');
  await page.locator('#range-from').fill(day.yesterday);
  await expect(page.locator('#analysis-error')).toHaveText('');
  await expect(listed).toHaveCount(0);

  // Planning a next step takes it off the list.
  await page.goto(`/clients/${id}`);
  await page.locator('#call-tomorrow').click();
  await expect(page.locator('#card-follow-ups .saved')).toHaveText('Solis saplānots');
  await nav(page, '/today');
  await page.locator('#to-analysis').click();
  await expect(page.locator('#negotiate-next')).toBeVisible();
  await expect(page.locator(`#negotiate-next .today-item[data-client="${id}"]`)).toHaveCount(0);
});

test('a step falling due counts on the app badge and is announced once, with permission', async ({ page, context }, info) => {
  // Stand-ins for the installed app's badge, which a test browser does not
  // have, and for the notifications, so every one the app asks for is
  // counted here (background.spec.js reads real ones back from the system).
  await context.addInitScript(() => {
    window.__badges = [];
    navigator.setAppBadge = (n) => { window.__badges.push(n); return Promise.resolve(); };
    navigator.clearAppBadge = () => { window.__badges.push(0); return Promise.resolve(); };
    window.__notes = [];
    const shown = (title, options) => window.__notes.push({ title, url: options.data && options.data.url });
    // Through the service worker (as on a phone), or by the page.
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      shown(title, options);
      return Promise.resolve();
    };
    class Shown {
      constructor(title, options) { shown(title, options); }
    }
    Shown.permission = 'granted';
    Shown.requestPermission = () => Promise.resolve('granted');
    window.Notification = Shown;
  });
  // The page's clock, so minutes can pass at once.
  await page.clock.install();
  const name = `Atgādne ${runTag(info)}`;
  await signInSynced(page, 'ilze');
  await nav(page, '/account');
  await expect(page.locator('#notify-state')).toHaveAttribute('data-permission', 'granted');
  const id = await cardWithPhone(page, name, '29 777 104');
  await expect.poll(() => page.evaluate(() => window.__badges.length)).toBeGreaterThan(0);
  const badge = () => page.evaluate(() => window.__badges[window.__badges.length - 1]);
  const before = await badge();

  // A meeting three minutes from now.
  const soon = await page.evaluate(() => {
    const d = new Date(Date.now() + 3 * 60_000);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  });
  await page.locator('#plan-step-action [data-action=meeting]').click();
  await page.locator('#plan-step-action-when').fill(soon);
  await page.locator('#plan-step-save').click();
  await expect(page.locator('#card-follow-ups .saved')).toHaveText('Solis saplānots');
  expect(await badge()).toBe(before);
  const titles = () => page.evaluate(() => window.__notes.map((n) => n.title));
  expect(await titles()).not.toContain(`Tikties · ${name}`);
  const announced = (await titles()).length;

  await page.clock.fastForward('05:00');
  await expect.poll(titles).toContain(`Tikties · ${name}`);
  // A tap on it opens the card.
  const note = await page.evaluate((t) => window.__notes.find((n) => n.title === t), `Tikties · ${name}`);
  expect(note.url).toBe(`/clients/${id}`);
  // Each step that fell due in these minutes is on the badge, and announced:
  // this one, and the same person's from the other viewports' runs, whose
  // meetings were set minutes earlier and fall due in this page's future.
  const fell = (await titles()).length - announced;
  await expect.poll(badge).toBe(before + fell);
  // Announced once: more time passing does not repeat it.
  await page.clock.fastForward('01:00');
  await page.waitForTimeout(300);
  expect((await titles()).filter((t) => t === `Tikties · ${name}`)).toHaveLength(1);
});
