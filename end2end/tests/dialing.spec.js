// A call started from the card: tapping the number opens the dialer; back in
// the app the form asks how it went, with the contact, time and duration
// filled in, so logging it takes three taps in all (number, outcome, save).
const { test, expect } = require('./fixtures');
const { newCard, signIn, nav, runTag, fakeDialer, comeBack } = require('./helpers');

test('number, outcome, save: a call from the card is logged in three taps', async ({ page, context }, info) => {
  const tag = runTag(info);
  const name = `Zvana ${tag}`;
  await context.addInitScript(fakeDialer);
  await signIn(page, 'janis');
  await newCard(page, name, { name: 'Andris Kalns', phone: '29 777 001' });
  await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'false');

  let taps = 0;
  const tap = async (locator) => { taps += 1; await locator.click(); };

  await tap(page.locator('.contact-card a.tel'));
  // Focus events around the tap itself do not count as coming back.
  await comeBack(page);
  await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'false');
  // Talk for a while, then return to the app.
  await page.waitForTimeout(2500);
  await comeBack(page);
  const form = page.locator('#call-form');
  await expect(form).toHaveAttribute('data-asking', 'true');
  await expect(form.locator('h2')).toHaveText('Kā gāja zvans?');
  await expect(page.locator('#call-duration')).toHaveValue(/^0:0[2-9]$|^0:[1-5]\d$/);
  // The question clear of the top bar, Save on the same screen.
  await expect.poll(() => inFreeArea(page, form.locator('h2'))).toBe(true);
  expect(await inFreeArea(page, page.locator('#save-call'))).toBe(true);

  await tap(page.locator('#call-outcome [data-outcome=connected]'));
  await tap(page.locator('#save-call'));
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  expect(taps).toBe(3);

  await expect(form).toHaveAttribute('data-asking', 'false');
  const row = page.locator('#call-history .call-row').first();
  await expect(row).toHaveAttribute('data-outcome', 'connected');
  // The timer's duration was kept (at least two seconds).
  await expect(row).toContainText(/0:0[2-9]|0:[1-5]\d/);
  // Logged once: a reload does not ask again.
  await page.reload();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#call-form')).toHaveAttribute('data-asking', 'false');
});

// Whether `locator` lies wholly in the part of the screen the sticky top bar
// and (on a phone) the bottom navigation leave free.
async function inFreeArea(page, locator) {
  const box = await locator.boundingBox();
  const free = await page.evaluate(() => {
    const bar = document.querySelector('.topbar').getBoundingClientRect();
    const nav = document.querySelector('nav.nav').getBoundingClientRect();
    const bottom = nav.top > window.innerHeight / 2 ? nav.top : window.innerHeight;
    return { top: bar.bottom, bottom };
  });
  return box.y >= free.top - 0.5 && box.y + box.height <= free.bottom + 0.5;
}

test('a call from Today: back from the dialer its card asks, with the question and Save on screen', async ({ page, context }, info) => {
  const tag = runTag(info);
  const name = `Šodien zvana ${tag}`;
  await context.addInitScript(fakeDialer);
  await signIn(page, 'janis');
  // A contact born on this day puts the card on Today with a call button.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `1981-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await newCard(page, name, { name: 'Rūta Ozola', phone: '29 777 003', birthday: today });
  const cardUrl = page.url();

  await nav(page, '/today');
  const item = page.locator('#birthdays .today-item', { hasText: name });
  await expect(item).toBeVisible();
  // Every name on Today is a full-size touch target.
  for (const link of await page.locator('.today-item a').all()) {
    expect((await link.boundingBox()).height).toBeGreaterThanOrEqual(44);
  }

  let taps = 0;
  const tap = async (locator) => { taps += 1; await locator.click(); };
  await tap(item.locator('a.call-button'));
  await comeBack(page);
  await expect(page).toHaveURL(/\/today$/);
  await page.waitForTimeout(2500);
  await comeBack(page);
  await expect(page).toHaveURL(cardUrl);
  const form = page.locator('#call-form');
  await expect(form).toHaveAttribute('data-asking', 'true');
  await expect(form.locator('h2')).toHaveText('Kā gāja zvans?');
  await expect(page.locator('#call-duration')).toHaveValue(/^0:0[2-9]$|^0:[1-5]\d$/);
  // The question and Save are both on screen: no scrolling between taps.
  await expect.poll(() => inFreeArea(page, form.locator('h2'))).toBe(true);
  expect(await inFreeArea(page, page.locator('#save-call'))).toBe(true);

  await tap(page.locator('#call-outcome [data-outcome=connected]'));
  await tap(page.locator('#save-call'));
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  expect(taps).toBe(3);
  await expect(page.locator('#call-history .call-row').first()).toHaveAttribute('data-outcome', 'connected');
  // Handed over once: Today does not send the person back again.
  await nav(page, '/today');
  await comeBack(page);
  await expect(page).toHaveURL(/\/today$/);
});
