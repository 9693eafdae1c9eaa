// Call analysis: today's figures and the outcome chart follow logged calls,
// and the same table downloads as CSV.
const { test, expect } = require('./fixtures');
const { downloaded, signIn, nav, runTag } = require('./helpers');

async function openDay(page) {
  await nav(page, '/today');
  await page.locator('#to-analysis').click();
  await page.locator('#analysis-period [data-period=day]').click();
  await expect(page.locator('#analysis-period [data-period=day]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#an-calls dd')).toBeVisible();
  return {
    calls: Number(await page.locator('#an-calls dd').textContent()),
    connected: Number(await page.locator('#outcome-chart [data-code=connected]').getAttribute('data-value')),
    ordinary: Number(await page.locator('#kind-chart [data-code=ordinary]').getAttribute('data-value')),
  };
}

test('today\'s call analysis follows logged calls and downloads as CSV', async ({ page }, info) => {
  const tag = runTag(info);
  const firstPull = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/pull', { timeout: 30_000 });
  await signIn(page, 'head');
  await firstPull;
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const before = await openDay(page);

  await nav(page, '/clients/new');
  await page.locator('#name').fill(`Analīzes ${tag}`);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(`Analīzes ${tag}`);
  for (const outcome of ['connected', 'no_answer']) {
    await page.locator(`#call-outcome [data-outcome=${outcome}]`).click();
    await page.locator('#save-call').click();
    await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  }

  const after = await openDay(page);
  expect(after).toEqual({ calls: before.calls + 2, connected: before.connected + 1, ordinary: before.ordinary + 2 });
  await expect(page.locator('#outcome-chart .bar')).toHaveCount(6);
  await expect(page.locator('#kind-chart .bar')).toHaveCount(6);

  // A real file with its name, for a spreadsheet set to Latvian: the
  // byte-order mark and semicolons.
  const { name, text: csv } = await downloaded(page, '#analysis-csv');
  expect(name).toMatch(/^kartoteka-zvani-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.startsWith('\ufeff')).toBe(true);
  expect(csv).toContain(`Zvani;${after.calls}\r\n`);
  expect(csv).toContain(`Sazvanīts;${after.connected}\r\n`);
  expect(csv).toContain(`Parasts;${after.ordinary}\r\n`);
});
