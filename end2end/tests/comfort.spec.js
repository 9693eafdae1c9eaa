// Small comforts: the list's search and filters survive a visit to a card
// (Back brings them back, from the address), keys for a desktop (`/` to
// search, `n` for a new card), and an address that opens the maps app.
const { test, expect } = require('./fixtures');
const { signIn, nav, runTag } = require('./helpers');

async function newCard(page, name, address) {
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  if (address) await page.locator('#address').fill(address);
  await page.locator('#city').fill('Rīga');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
}

test('Back from a card brings the list back with its search and filters', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `Atpakaļ ${tag}`;
  await signIn(page, 'janis');
  await newCard(page, name);
  await nav(page, '/clients');
  await page.locator('#client-search').fill(`atpakal ${tag.toLowerCase()}`);
  await page.locator('#filter-segment').selectOption('prospect');
  await page.locator('#sort').selectOption('updated');
  await expect(page).toHaveURL(/\/clients\?q=atpakal%20.*&segment=prospect&sort=updated$/);
  await page.locator('#client-list li', { hasText: name }).locator('a').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await page.goBack();
  await expect(page.locator('#client-search')).toHaveValue(`atpakal ${tag.toLowerCase()}`);
  await expect(page.locator('#filter-segment')).toHaveValue('prospect');
  await expect(page.locator('#sort')).toHaveValue('updated');
  await expect(page.locator('#client-list li')).toHaveCount(1);
  // A reload keeps them too.
  await page.reload();
  await expect(page.locator('#client-search')).toHaveValue(`atpakal ${tag.toLowerCase()}`);
  await expect(page.locator('#client-list li', { hasText: name })).toHaveCount(1);
});

test('on a desktop, / searches and n starts a new card; typing is typing', async ({ page }, info) => {
  test.skip(info.project.name === 'phone', 'keys are for a keyboard');
  await signIn(page, 'janis');
  await nav(page, '/today');
  await page.keyboard.press('/');
  await expect(page).toHaveURL(/\/clients/);
  await expect(page.locator('#client-search')).toBeFocused();
  await page.keyboard.type('n');
  await expect(page.locator('#client-search')).toHaveValue('n');
  await expect(page).toHaveURL(/\/clients\?q=n$/);
  await page.locator('h1').click();
  await page.keyboard.press('n');
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(page.locator('#name')).toBeVisible();
  // With a modifier the key is the browser's, not the app's.
  await nav(page, '/today');
  await page.locator('h1').click();
  await page.keyboard.press('Control+n');
  await page.keyboard.press('Alt+/');
  await expect(page.locator('#quotas')).toBeVisible();
  await expect(page).toHaveURL(/\/today$/);
});

test('an address opens in the maps app', async ({ page }, info) => {
  await signIn(page, 'janis');
  await newCard(page, `Karte ${runTag(info)}`, 'Brīvības iela 1');
  const link = page.locator('#address-map');
  await expect(link).toHaveText('Brīvības iela 1');
  await expect(link).toHaveAttribute('href', 'https://www.google.com/maps/search/?api=1&query=Br%C4%ABv%C4%ABbas%20iela%201%2C%20R%C4%ABga');
  await expect(link).toHaveAttribute('target', '_blank');
});
