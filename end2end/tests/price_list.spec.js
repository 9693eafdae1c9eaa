// The price list: a head imports the firm's export (a bad line is named and
// nothing is saved; the corrected file goes in), a manager's proposal line
// picked from the list takes the item's price for the client's price type
// and its group, and logistics finds the items without any price, on
// screen or on the wire.
const { test, expect } = require('./fixtures');
const { signInSynced, nav, runTag } = require('./helpers');

test('an imported price list prices a proposal line by the client\'s price type', async ({ page, browser }, info) => {
  const tag = runTag(info);
  const code = `K-${tag}`;
  const name = `Ozola dēlis ${tag}`;
  const client = `Cenas ${tag}`;
  const header = 'Kods;Nosaukums;Grupa;Mērvienība;Mazumtirdzniecība;Vairumtirdzniecība\n';
  const good = `${header}${code};${name};Kokmateriāli;gab.;42,50;37,80\n`;
  const bad = `${header}${code};${name};Kokmateriāli;gab.;42,50;-1\n;Bez koda;;;1;\n`;
  const file = (text) => ({ name: 'cenas.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${text}`) });

  const headCtx = await browser.newContext();
  const head = await headCtx.newPage();
  await signInSynced(head, 'head');
  await nav(head, '/team');
  await head.locator('#manage-prices').click();
  await head.locator('#price-file').setInputFiles(file(bad));
  await head.locator('#price-run').click();
  await expect(head.locator('#price-report')).toHaveAttribute('data-bad', 'true');
  await expect(head.locator('#price-report')).toHaveAttribute('data-written', 'false');
  await expect(head.locator('#price-problems li[data-line="2"]')).toContainText('Vairumtirdzniecība');
  await expect(head.locator('#price-problems li[data-line="3"]')).toContainText('Kods');

  await head.locator('#price-file').setInputFiles(file(good));
  await head.locator('#price-preview').click();
  await expect(head.locator('#price-report')).toHaveAttribute('data-written', 'false');
  await expect(head.locator('#price-report')).toHaveAttribute('data-added', '1');
  await head.locator('#price-run').click();
  await expect(head.locator('#price-report')).toHaveAttribute('data-written', 'true');
  await head.locator('#price-search').fill(tag);
  await expect(head.locator(`#price-items li[data-code="${code}"] .prices [data-type="Vairumtirdzniecība"] dd`)).toHaveText('37,80\u00a0€');
  await headCtx.close();

  // The manager's client buys at wholesale prices.
  await signInSynced(page, 'ilze');
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await nav(page, '/clients/new');
  await page.locator('#name').fill(client);
  await page.locator('#price_type').fill('Vairumtirdzniecība');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(client);

  await page.locator('#new-proposal').click();
  await page.locator('#line-0-item').fill(code);
  await page.locator('#line-0-item').press('Tab');
  await expect(page.locator('#line-0-item')).toHaveValue(`${code} ${name}`);
  await expect(page.locator('#line-0-price')).toHaveValue('37.8');
  await expect(page.locator('#line-0-quantity')).toHaveValue('1');
  await expect(page.locator('#line-0-list-price')).toContainText('Vairumtirdzniecība');
  await page.locator('#line-0-quantity').fill('10');
  await expect(page.locator('#proposal-total')).toHaveText('378,00\u00a0€');
  // The suggestions offer the item while its name is typed.
  await page.locator('#add-line').click();
  await page.locator('#line-1-item').fill(`Ozola dēlis ${tag}`);
  await expect(page.locator(`#line-1-items option[value="${code} ${name}"]`)).toHaveCount(1);
  await page.locator('#line-1-remove').click();
  await page.locator('#save-draft').click();
  await expect(page.locator('#card-proposal-list li[data-proposal]')).toHaveAttribute('data-status', 'draft');

  // Logistics finds the item, with no price on screen or on the wire.
  const ctx = await browser.newContext();
  const logistics = await ctx.newPage();
  const pulled = [];
  logistics.on('response', async (r) => {
    if (new URL(r.url()).pathname === '/api/sync/pull') pulled.push(await r.text());
  });
  await signInSynced(logistics, 'logistics');
  await logistics.locator('#prices-link').click();
  await logistics.locator('#price-search').fill(tag);
  await expect(logistics.locator(`#price-items li[data-code="${code}"]`)).toContainText(name);
  await expect(logistics.locator(`#price-items li[data-code="${code}"] .prices`)).toHaveCount(0);
  await expect(logistics.locator('#price-import')).toHaveCount(0);
  // The item came without its prices; neither price is anywhere in what
  // arrived (as a value: a time such as 22:29:37.81 is not a price).
  const rows = pulled.flatMap((text) => JSON.parse(text).page?.rows ?? []);
  const item = rows.find((r) => r.table === 'price_item' && r.item.code === code);
  expect(item.item.prices).toEqual([]);
  expect(pulled.join('\n')).not.toMatch(/"(42[.,]50?|37[.,]80?)"|:(42\.50?|37\.80?)[,}]/);
  await ctx.close();
});
