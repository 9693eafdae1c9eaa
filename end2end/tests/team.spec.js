// The head's team page: a manager's targets are set there (a typo is named
// on its field and nothing is saved), the manager's Today then counts
// against them, and the team's calls show per person and in total, with a
// CSV download. Managers have no team page.
const { test, expect } = require('./fixtures');
const { downloaded, signInSynced, signOut, nav, runTag, localDay } = require('./helpers');

test('a head sets a manager\'s targets; the manager\'s Today follows; the team report lists the calls', async ({ page }, info) => {
  const tag = runTag(info);
  // Different targets on each viewport's run, so the check cannot pass by luck.
  const calls = { phone: '27', tablet: '29' }[info.project.name] || '28';
  await signInSynced(page, 'head');
  await nav(page, '/team');
  const row = page.locator('form.targets-row', { hasText: 'Jānis Bērziņš' });
  await expect(row).toBeVisible();
  await expect(page.locator('form.targets-row', { hasText: 'Vadītājs' })).toHaveCount(0);

  await row.locator('input[id$="-calls"]').fill('3OO');
  await row.locator('input[id$="-contracts"]').fill('6');
  await row.locator('.save-targets').click();
  await expect(row.locator('.field.invalid input[id$="-calls"]')).toBeVisible();
  await expect(row.locator('.saved')).toHaveText('');
  await row.locator('input[id$="-calls"]').fill(calls);
  // Cold thresholds: zero is refused (blank means never).
  await row.locator('input[id$="-cold-active"]').fill('0');
  await row.locator('.save-targets').click();
  await expect(row.locator('.field.invalid input[id$="-cold-active"]')).toBeVisible();
  await row.locator('input[id$="-cold-active"]').fill('21');
  await row.locator('input[id$="-cold-lost"]').fill('');
  await row.locator('.save-targets').click();
  await expect(row.locator('.saved')).toHaveText('Mērķi saglabāti');
  // Kept on the server: the page opened again shows them.
  await page.reload();
  const again = page.locator('form.targets-row', { hasText: 'Jānis Bērziņš' });
  await expect(again.locator('input[id$="-calls"]')).toHaveValue(calls);
  await expect(again.locator('input[id$="-cold-active"]')).toHaveValue('21');
  await expect(again.locator('input[id$="-cold-lost"]')).toHaveValue('');

  // The report: a row per person and the total, and the same as CSV.
  const table = page.locator('#team-table');
  await expect(table.locator('tr[data-user=total]')).toBeVisible();
  await expect(table.locator('tbody tr', { hasText: 'Jānis Bērziņš' })).toHaveCount(1);
  // Where the table is wider than the screen, the keyboard scrolls it too.
  const scroller = page.locator('.table-scroll');
  await scroller.focus();
  await expect(scroller).toBeFocused();
  const wide = await scroller.evaluate((el) => el.scrollWidth > el.clientWidth);
  if (wide) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  }
  await page.locator('#analysis-period [data-period=month]').click();
  await expect(page.locator('#team-span')).toContainText('01.');
  const { name, text: csv } = await downloaded(page, '#team-csv');
  expect(name).toMatch(/^kartoteka-komanda-.*\.csv$/);
  expect(csv.split('\r\n')[0]).toBe('\ufeffDarbinieks;Zvani;Piedāvājumi e-pastā;Sazvanīti;Vidējais sarunas ilgums;Dienas ar izpildītu zvanu mērķi;Klienti bez zvana periodā');
  expect(csv).toContain('Jānis Bērziņš;');
  expect(csv).toContain('Kopā;');

  await signOut(page);
  await signInSynced(page, 'janis');
  await nav(page, '/today');
  await expect(page.locator('#quota-calls .quota-count')).toHaveText(new RegExp(` / ${calls}$`));
  await expect(page.locator('#quota-contracts .quota-count')).toHaveText(/ \/ 6$/);
  await expect(page.locator('nav.nav a[href="/team"]')).toHaveCount(0);
  // A new client's first signed contract counts once on the month's
  // counter; a second one with the same client is repeat business.
  const before = Number(await page.locator('#quota-contracts').getAttribute('data-done'));
  await nav(page, '/clients/new');
  await page.locator('#name').fill(`Līgums ${tag}`);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(`Līgums ${tag}`);
  const today = localDay();
  for (const number of [`L-${tag}-1`, `L-${tag}-2`]) {
    await page.locator('#new-contract').click();
    await page.locator('#contract-number').fill(number);
    await page.locator('#contract-status').selectOption('signed');
    await page.locator('#signed-on').fill(today);
    await page.locator('#save-contract').click();
    await expect(page.locator('#card-contract-list li', { hasText: number })).toHaveAttribute('data-status', 'signed');
  }
  await nav(page, '/today');
  await expect(page.locator('#quota-contracts')).toHaveAttribute('data-done', String(before + 1));
});
