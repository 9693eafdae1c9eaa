// The client card's life: create with a contact, find it without diacritics,
// edit, reload; bad input is explained and keeps the form.
const { test, expect } = require('./fixtures');
const { contextOptions, downloaded, signIn, nav, newCardIn, openCard, runTag, waitSynced } = require('./helpers');

test('create a card, find it by a diacritics-free search, edit it, reload', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `SIA Ūdeņu Bērziņš ${tag}`;
  await signIn(page, 'janis');

  await nav(page, '/clients/new');
  // The contact person's name and phone are on the first screen, right
  // after the client's own name.
  // Above the Save bar that sticks to the bottom of the screen.
  const first = page.locator('.contact').first();
  const bar = await page.locator('.sticky-actions').boundingBox();
  const contactName = await first.locator('input[id$="-name"]').boundingBox();
  expect(contactName.y + contactName.height).toBeLessThanOrEqual(Math.min(bar.y, page.viewportSize().height));
  // Its first number starts on that screen too (on a phone, behind the bar).
  const number = await first.locator('input[id$="-phones-0"]').boundingBox();
  expect(number.y).toBeLessThanOrEqual(page.viewportSize().height);
  await page.locator('#name').fill(name);
  await page.locator('#city').fill('Rīga');
  await page.locator('#payment_terms_days').fill('30');
  await page.locator('#credit_limit').fill('1 500,50');
  const contact = page.locator('.contact').first();
  await contact.locator('input[id$="-name"]').fill('Līga Ozoliņa');
  await contact.locator('input[id$="-phones-0"]').fill('29 123 456');
  await contact.locator('input[id$="-emails-0"]').fill('Liga@Udenu.lv');
  await page.locator('#save').click();

  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#credit-limit')).toHaveText(/^1\s500,50\s€$/);
  await expect(page.locator('a.tel')).toHaveText('+371 29 123 456');
  await expect(page.locator('a[href="mailto:liga@udenu.lv"]')).toBeVisible();
  // Saved to the phone's contacts, so the phone shows who is calling.
  const vcf = await downloaded(page, '#save-contacts');
  expect(vcf.name).toBe(`${name}.vcf`);
  expect(vcf.text).toContain('BEGIN:VCARD\r\nVERSION:3.0\r\n');
  expect(vcf.text).toContain('N:Ozoliņa;Līga;;;\r\nFN:Līga Ozoliņa\r\n');
  expect(vcf.text).toContain(`ORG:${name}\r\n`);
  expect(vcf.text).toContain('TEL;TYPE=VOICE:+37129123456\r\n');
  expect(vcf.text).toContain('EMAIL;TYPE=INTERNET:liga@udenu.lv\r\n');

  await nav(page, '/clients');
  await page.locator('#client-search').fill(`udenu berzins ${tag.toLowerCase()}`);
  const rows = page.locator('#client-list li');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(name);
  // The contact's phone finds it too, typed as people type it.
  await page.locator('#client-search').fill('+371 2912 3456');
  await expect(page.locator('#client-list li', { hasText: name })).toHaveCount(1);

  await page.locator('#client-list li', { hasText: name }).locator('a').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await page.locator('#edit').click();
  await expect(page.locator('#city')).toHaveValue('Rīga');
  await page.locator('#city').fill('Liepāja');
  await page.locator('#save').click();
  await expect(page.locator('#client-card')).toContainText('Liepāja');

  await page.reload();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#client-card')).toContainText('Liepāja');
});

test('an invalid phone number is explained and the rest of the form is kept', async ({ page }, info) => {
  const name = `Kļūdu Tests ${runTag(info)}`;
  await signIn(page, 'janis');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#city').fill('Cēsis');
  const contact = page.locator('.contact').first();
  await contact.locator('input[id$="-name"]').fill('Pēteris Kalniņš');
  const phone = contact.locator('input[id$="-phones-0"]');
  await phone.fill('12ab');
  await page.locator('#save').click();

  await expect(page.locator('#form-error')).toContainText('Izlabojiet');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(contact.locator('.field.invalid .error')).toHaveText('Nederīgs tālruņa numurs');
  await expect(page).toHaveURL(/\/clients\/new$/);
  await expect(page.locator('#name')).toHaveValue(name);
  await expect(page.locator('#city')).toHaveValue('Cēsis');
  await expect(contact.locator('input[id$="-name"]')).toHaveValue('Pēteris Kalniņš');

  // Fixing the number lets it save.
  await phone.fill('+371 26 000 001');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
});

test('a wrong registration number check digit is caught', async ({ page }, info) => {
  await signIn(page, 'janis');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(`Reģistrs ${runTag(info)}`);
  await page.locator('#reg_no').fill('40003032948');
  await page.locator('#save').click();
  await expect(page.locator('#reg_no-err')).toContainText('kontrolcipars');
  await expect(page.locator('#reg_no')).toHaveValue('40003032948');
});

/** Signed in as Jānis, a new card in `city`, then the list searched for
 * the run's `tag` alone: gives the card's one row. */
async function listedAlone(page, name, city, tag) {
  await signIn(page, 'janis');
  await newCardIn(page, name, city);
  await nav(page, '/clients');
  await page.locator('#client-search').fill(tag.toLowerCase());
  const row = page.locator('#client-list li', { hasText: tag });
  await expect(row).toHaveCount(1);
  return row;
}

test('a name with markup in it is shown as typed in the list, never run', async ({ page }, info) => {
  const tag = runTag(info);
  // The list draws its rows as markup: what people type must stay text.
  const name = `<img src=x onerror="window.__marked=1"> & "Koks" <b>${tag}</b>`;
  const row = await listedAlone(page, name, '<Cēsis>', tag);
  await expect(row.locator('.row-name')).toHaveText(name);
  await expect(row.locator('.row-sub')).toContainText('<Cēsis>');
  // No element came of it (the page's policy would stop an inline handler
  // anyway; the markup must not need it to).
  await expect(page.locator('#client-list img, #client-list b')).toHaveCount(0);
  expect(await page.evaluate(() => window.__marked)).toBeUndefined();
  // And it opens its card like any other row.
  await row.locator('a').click();
  await expect(page.locator('#client-name')).toHaveText(name);
});

test('a row focused from the keyboard keeps the focus when a sync redraws the list', async ({ page, browser }, info) => {
  const tag = runTag(info);
  const name = `Fokuss ${tag}`;
  const row = await listedAlone(page, name, 'Rīga', tag);
  await waitSynced(page);
  // The row's link has the keyboard's focus.
  await row.locator('a').focus();

  // Another device of the same person moves the card to another city.
  const other = await browser.newContext(contextOptions(info));
  const phone = await other.newPage();
  await signIn(phone, 'janis');
  await openCard(phone, tag.toLowerCase(), name);
  await phone.locator('#edit').click();
  await phone.locator('#city').fill('Valmiera');
  await phone.locator('#save').click();
  await expect(phone.locator('#client-card')).toContainText('Valmiera');
  await waitSynced(phone);
  await other.close();

  // A sync brings the change and redraws the rows (the network coming
  // back starts one without a tap); the focus stays on the row's link.
  const pulled = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/sync/pull');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await pulled;
  await expect(row).toContainText('Valmiera');
  await expect(row.locator('a')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#client-name')).toHaveText(name);
});
