// Key-client schemes: a head writes one (bad input said per field), a
// manager puts a client on it and a new proposal's lines take its
// discounts — overall, and a product group's own; the key-clients view lists
// the client. A logistics user then opens the same card: no terms, no
// scheme, no proposals, on screen or in what the server sent the device.
const { test, expect } = require('./fixtures');
const { signInSynced, nav, runTag } = require('./helpers');

test('a scheme on a card gives a proposal its discounts; logistics sees none of it', async ({ page, browser }, info) => {
  const tag = runTag(info);
  const scheme = `Zelts ${tag}`;
  const client = `Shēma ${tag}`;

  const headCtx = await browser.newContext();
  const head = await headCtx.newPage();
  await signInSynced(head, 'head');
  await nav(head, '/team');
  await head.locator('#manage-schemes').click();
  await head.locator('#new-scheme').click();
  await head.locator('#scheme-name').fill(scheme);
  await head.locator('#scheme-discount').fill('150');
  await head.locator('#add-group').click();
  await head.locator('#group-0-name').fill('Finieris');
  await head.locator('#group-0-discount').fill('12,5');
  await head.locator('#scheme-lead').fill('2');
  await head.locator('#save-scheme').click();
  await expect(head.locator('#scheme-discount-err')).not.toBeEmpty();
  await head.locator('#scheme-discount').fill('5');
  await head.locator('#save-scheme').click();
  await expect(head.locator('#schemes [data-scheme] a', { hasText: scheme })).toBeVisible();
  await headCtx.close();

  await signInSynced(page, 'ilze');
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await nav(page, '/clients/new');
  await page.locator('#name').fill(client);
  await page.locator('#scheme_id').selectOption({ label: scheme });
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(client);
  await expect(page.locator('#client-scheme')).toContainText(scheme);
  await expect(page.locator('#client-scheme')).toContainText('5 %');

  await page.locator('#new-proposal').click();
  await expect(page.locator('#scheme-applies')).toContainText(scheme);
  await expect(page.locator('#line-0-discount')).toHaveValue('5');
  await page.locator('#line-0-item').fill('Bērza finieris 18 mm');
  await page.locator('#line-0-group').selectOption('Finieris');
  await expect(page.locator('#line-0-discount')).toHaveValue('12.5');
  await page.locator('#line-0-quantity').fill('10');
  await page.locator('#line-0-price').fill('100');
  await page.locator('#add-line').click();
  await expect(page.locator('#line-1-discount')).toHaveValue('5');
  await page.locator('#line-1-item').fill('Skrūves');
  await page.locator('#line-1-quantity').fill('1');
  await page.locator('#line-1-price').fill('20');
  // 10 × 100 − 12.5 % = 875.00; 20 − 5 % = 19.00.
  await expect(page.locator('#proposal-total')).toHaveText('894,00\u00a0€');
  await page.locator('#save-draft').click();
  await expect(page.locator('#card-proposal-list li[data-proposal]')).toHaveAttribute('data-status', 'draft');

  await nav(page, '/clients');
  await page.locator('#key-clients-link').click();
  await expect(page.locator('#key-clients .key-client', { hasText: client })).toContainText(scheme);

  // Logistics: the card, but nothing commercial, on screen or on the wire.
  const ctx = await browser.newContext();
  const logistics = await ctx.newPage();
  const pulled = [];
  logistics.on('response', async (r) => {
    if (new URL(r.url()).pathname === '/api/sync/pull') pulled.push(await r.text());
  });
  await signInSynced(logistics, 'logistics');
  await logistics.locator('#client-search').fill(client);
  await logistics.locator('#client-list li a', { hasText: client }).click();
  await expect(logistics.locator('#client-name')).toHaveText(client);
  await expect(logistics.locator('#client-scheme')).toHaveCount(0);
  await expect(logistics.locator('#card-proposals')).toHaveCount(0);
  await expect(logistics.locator('nav.nav a[href="/team"]')).toHaveCount(0);
  // Only what logistics may do: no editing, archiving or call logging, no
  // sales pages, and no empty heading where the commercial terms would be.
  for (const gone of ['#edit', '#archive', '#call-form', '#card-follow-ups', '#client-terms']) {
    await expect(logistics.locator(gone)).toHaveCount(0);
  }
  for (const href of ['/today', '/clients/new']) {
    await expect(logistics.locator(`nav.nav a[href="${href}"]`)).toHaveCount(0);
  }
  const wire = pulled.join('\n');
  expect(wire).toContain(client);
  expect(wire).toContain(scheme); // the scheme's name and service are not secret
  expect(wire).not.toContain('Bērza finieris');
  expect(wire).not.toContain('Finieris'); // the scheme's group discounts
  expect(wire).not.toContain('"table":"proposal"');
  await ctx.close();
});
