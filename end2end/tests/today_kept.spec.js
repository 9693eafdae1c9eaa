// A warm start shows Today as the device last worked it out while its
// records are read into memory, then the live one; once a record changed
// since, the kept one is never shown.
const { test, expect } = require('./fixtures');
const { newCard, signInSynced, nav, runTag } = require('./helpers');

/** Records every (kept, calls done) pair Today's quotas show, in order,
 * from the first paint on. */
async function watchQuotas(page) {
  await page.addInitScript(() => {
    window.quotasSeen = [];
    new MutationObserver(() => {
      const q = document.querySelector('#quotas');
      const calls = document.querySelector('#quota-calls');
      if (!q || !calls) return;
      const seen = `${q.dataset.kept}:${calls.dataset.done}`;
      if (window.quotasSeen.at(-1) !== seen) window.quotasSeen.push(seen);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

async function liveCalls(page) {
  await expect(page.locator('#quotas')).toHaveAttribute('data-kept', 'false', { timeout: 30_000 });
  return Number(await page.locator('#quota-calls').getAttribute('data-done'));
}

test('a warm start shows the kept Today first, and never one a change has outdated', async ({ page }, info) => {
  await watchQuotas(page);
  await signInSynced(page, 'ilze');
  await nav(page, '/today');
  const before = await liveCalls(page);

  // Nothing changed: the kept screen first, then the live one, alike.
  await page.reload();
  expect(await liveCalls(page)).toBe(before);
  expect(await page.evaluate(() => window.quotasSeen)).toEqual([`true:${before}`, `false:${before}`]);

  // A call logged on a card, away from Today: the kept screen is outdated.
  await newCard(page, `Saglabātā diena ${runTag(info)}`, { name: 'Juris Kalns', phone: '29 555 321' });
  await page.locator('#call-outcome [data-outcome=connected]').click();
  await page.locator('#save-call').click();
  await expect(page.locator('#call-form .saved')).toHaveText('Zvans saglabāts');
  await page.goto('/today');
  expect(await liveCalls(page)).toBe(before + 1);
  expect(await page.evaluate(() => window.quotasSeen)).toEqual([`false:${before + 1}`]);
});
