// Deputy cover: a head appoints Jānis to cover Ilze; Jānis sees her
// portfolio under a banner and logs a call offline; the range ends (the
// server's clock is moved past it); at the next sync the records leave
// Jānis's device, and Ilze's device shows the call as logged by a deputy.
const { test, expect } = require('./fixtures');
const { downloaded, syncNow, waitSynced, signIn, signInSynced, nav, runTag, goOffline } = require('./helpers');

const DAY = 24 * 3600;

async function openCovers(page) {
  await nav(page, '/account');
  await page.locator('#covers-link').click();
  await expect(page.locator('#cover-form')).toBeVisible();
}

test('a deputy covers a colleague, works offline, and loses access when the range ends', async ({ browser, baseURL, request }, info) => {
  const tag = runTag(info);
  const name = `Aizvietojamais ${tag}`;
  const ilze = await browser.newPage({ baseURL });
  await signIn(ilze, 'ilze');
  await nav(ilze, '/clients/new');
  await ilze.locator('#name').fill(name);
  await ilze.locator('#credit_limit').fill('2500');
  await ilze.locator('#save').click();
  await expect(ilze.locator('#client-name')).toHaveText(name);
  await waitSynced(ilze);

  // The head appoints Jānis (without a deputy the form names the field).
  const head = await browser.newPage({ baseURL });
  await signIn(head, 'head');
  await openCovers(head);
  await head.locator('#cover-owner').selectOption({ label: 'Ilze Kalniņa' });
  await head.locator('#cover-save').click();
  await expect(head.locator('#cover-deputy-err')).toHaveText('Obligāts lauks');
  await head.locator('#cover-deputy').selectOption({ label: 'Jānis Bērziņš' });
  await head.locator('#cover-note').fill('SIA Koks gaida piedāvājumu');
  await head.locator('#cover-save').click();
  await expect(head.locator('#cover-done')).toBeVisible();
  const running = head.locator('#cover-list .cover-row', { hasText: 'Jānis Bērziņš' }).filter({ hasText: 'Notiek' });
  await expect(running).toHaveCount(1);

  let moved = false;
  try {
    // Jānis signs in: the banner, and Ilze's card with its terms.
    const janisContext = await browser.newContext({ baseURL, ...info.project.use });
    const janis = await janisContext.newPage();
    await signInSynced(janis, 'janis');
    await expect(janis.locator('#cover-banner')).toContainText('Ilze Kalniņa');
    await janis.locator('#client-search').fill(name);
    await janis.locator('#client-list li', { hasText: name }).locator('a').click();
    await expect(janis.locator('#client-name')).toHaveText(name);
    await expect(janis.locator('#client-card')).toContainText(/2\s500,00/);

    // Offline, he logs a call on it.
    await goOffline(janisContext);
    await janis.locator('#call-outcome [data-outcome=connected]').click();
    await janis.locator('#save-call').click();
    await expect(janis.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
    await expect(janis.locator('#call-history .call-row.unsent')).toHaveCount(1);

    // The range ends while he is offline: the server's clock moves past it.
    const shifted = await request.post('/test/clock', { data: { seconds: 15 * DAY } });
    expect(shifted.ok()).toBeTruthy();
    moved = true;

    // Back online: the call goes up, then the covered records leave.
    await janisContext.setOffline(false);
    await syncNow(janis);
    await expect(janis.locator('#cover-banner')).toHaveCount(0);
    await nav(janis, '/clients');
    await janis.locator('#client-search').fill(name);
    await expect(janis.locator('.empty')).toBeVisible();
    await janisContext.close();

    // Ilze's device receives the call, marked as logged by a deputy.
    await syncNow(ilze);
    await nav(ilze, '/clients');
    await ilze.locator('#client-search').fill(name);
    await ilze.locator('#client-list li', { hasText: name }).locator('a').click();
    const call = ilze.locator('#call-history .call-row').first();
    await expect(call.locator('.call-on-behalf')).toHaveText('aizvietotājs');

    // The card's history shows who changed it; the head sees the cover ended.
    await ilze.locator('#show-history').click();
    await expect(ilze.locator('#card-changes .audit-entry').first()).toContainText('Ilze Kalniņa');
  } finally {
    if (moved) {
      await request.post('/test/clock', { data: { seconds: -15 * DAY } });
    }
    // The cover is over for good, so Jānis's later specs see only his own.
    await head.reload();
    await expect(head.locator('#cover-list .cover-row').first()).toBeVisible();
    for (let left = await head.locator('.cover-end').count(); left > 0; left -= 1) {
      await head.locator('.cover-end').first().click();
      await expect(head.locator('.cover-end')).toHaveCount(left - 1);
    }
    await head.close();
    await ilze.close();
  }
});

test('only those with the permission export the client list, as CSV and XLSX', async ({ page }) => {
  await signIn(page, 'janis');
  await expect(page.locator('#client-search')).toBeVisible();
  await expect(page.locator('#export-clients')).toHaveCount(0);
  await nav(page, '/account');
  await page.locator('#sign-out').click();

  await signIn(page, 'head');
  const { name, text } = await downloaded(page, '#export-clients');
  expect(name).toMatch(/^kartoteka-klienti-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.locator('#export-done')).toContainText('Eksportēt');
  expect(text.split('\r\n')[0]).toBe('\ufeffname;kind;segment;reg_no;city;phone;email;owner;updated_at');
  // Phone numbers as they are, without an apostrophe before them.
  expect(text).not.toContain(";'+");

  // The same list as a workbook: a real download, an XLSX (a ZIP) by name.
  const download = page.waitForEvent('download');
  await page.locator('#export-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kartoteka-klienti-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = require('fs').readFileSync(await file.path());
  expect(bytes.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
});
