// Proposals, e-mailed for real. Offline, a proposal with two lines is
// composed on a card and queued; back online the server sends it to the
// SMTP server the test script runs (the spec reads the message it got),
// the card says "sent" and Today's proposals counter moves.
const { test, expect } = require('./fixtures');
const { mailTo, newCard, signInSynced, nav, runTag, goOffline } = require('./helpers');

const INBOX = process.env.KARTOTEKA_E2E_INBOX;
const PYTHON = process.env.KARTOTEKA_SMTP_PYTHON;

test.skip(!INBOX || !PYTHON, 'needs the test SMTP server (run it through scripts/e2e)');

async function proposalsToday(page) {
  await nav(page, '/today');
  const q = page.locator('#quota-proposals');
  await expect(q).toBeVisible();
  return Number(await q.getAttribute('data-done'));
}

test('queued offline on a card, e-mailed when online: the card says sent and Today counts it', async ({ page, context }, info) => {
  const tag = runTag(info);
  const name = `Piedāvājums ${tag}`;
  const address = `rita.${tag.toLowerCase()}@klients.lv`;
  await signInSynced(page, 'ilze');
  const before = await proposalsToday(page);

  await newCard(page, name, { name: 'Rita Ozola', email: address });

  await goOffline(context);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await page.locator('#new-proposal').click();
  // The one contact person with an address is ticked.
  await expect(page.locator(`[data-contact] input[type=checkbox]`)).toBeChecked();
  await page.locator('#line-0-item').fill('Bērza finieris 18 mm');
  await page.locator('#line-0-quantity').fill('40');
  await page.locator('#line-0-price').fill('31,90');
  await page.locator('#line-0-discount').fill('7,5');
  await page.locator('#add-line').click();
  await page.locator('#line-1-item').fill('Piegāde');
  await page.locator('#line-1-quantity').fill('1');
  await page.locator('#line-1-price').fill('85');
  // 40 × 31.90 × 92.5 % = 1180.30, + 85.00, written the Latvian way.
  await expect(page.locator('#proposal-total')).toHaveText('1\u00a0265,30\u00a0€');
  await page.locator('#queue-proposal').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  const item = page.locator('#card-proposal-list li[data-proposal]');
  await expect(item).toHaveAttribute('data-status', 'queued');
  expect(mailTo(address)).toHaveLength(0);

  await context.setOffline(false);
  await expect(item).toHaveAttribute('data-status', 'sent', { timeout: 45_000 });
  const got = mailTo(address);
  expect(got).toHaveLength(1);
  expect(got[0].headers.Subject).toBe(`Piedāvājums: ${name}`);
  expect(got[0].headers['Reply-To']).toContain('ilze@e2e.lv');
  const text = got[0].parts.find((p) => p.type === 'text/plain').text;
  expect(text).toContain('Labdien, Rita Ozola!');
  expect(text).toContain('1\u00a0265,30\u00a0€');

  // A call about it is planned, and Today counts it.
  await expect(page.locator('#card-follow-up-list [data-action=call][data-done=false]')).toHaveCount(1);
  expect(await proposalsToday(page)).toBe(before + 1);
});

/** A head writes a template in all three languages, with a live preview. */
async function writeTemplate(browser, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInSynced(page, 'head');
  await nav(page, '/team');
  await page.locator('#manage-templates').click();
  await page.locator('#new-template').click();
  await page.locator('#template-name').fill(name);
  await page.locator('#template-lv-subject').fill('Pavasara piedāvājums — {client}');
  await page.locator('#template-lv-body').fill('Labdien, {kontakts}!\n\n{lines}\n\nKopā {total}.\n{manager}');
  await page.locator('#template-en-subject').fill('Spring offer — {client}');
  await page.locator('#template-en-body').fill('Dear {contact},\n{lines}\n{manager}');
  // Russian left out, and a field that does not exist: each said where.
  await page.locator('#save-template').click();
  await expect(page.locator('#template-ru-subject-err')).not.toBeEmpty();
  await expect(page.locator('#template-lv-body-err')).toContainText('{client}');
  await page.locator('#template-lv-body').fill('Labdien, {contact}!\n\n{lines}\n\nKopā {total}.\n{manager}');
  await page.locator('#template-ru-subject').fill('Весеннее предложение — {client}');
  await page.locator('#template-ru-body').fill('Здравствуйте, {contact}!\n{lines}\n{manager}');
  // The preview fills the fields on a sample proposal, in the language picked.
  await page.locator('#preview-language').selectOption('ru');
  await expect(page.locator('#preview-subject')).toHaveText('Весеннее предложение — ООО Образец');
  await expect(page.locator('#preview-body')).toContainText('Здравствуйте, Анна Озола!');
  await page.locator('#save-template').click();
  await expect(page.locator(`#templates [data-template] a`, { hasText: name })).toBeVisible();
  await context.close();
}

test('a proposal from a template, queued offline, arrives in its words with its PDF', async ({ page, context, browser }, info) => {
  const tag = runTag(info);
  const name = `Veidne ${tag}`;
  const template = `Pavasaris ${tag}`;
  const address = `inga.${tag.toLowerCase()}@klients.lv`;
  await writeTemplate(browser, template);

  await signInSynced(page, 'ilze');
  await newCard(page, name, { name: 'Inga Bērziņa', email: address });

  await goOffline(context);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await page.locator('#new-proposal').click();
  await page.locator('#proposal-template').selectOption({ label: template });
  // The preview waits for lines that can be written out.
  await expect(page.locator('#preview-subject')).toHaveCount(0);
  await page.locator('#line-0-item').fill('Bērza finieris 18 mm');
  await page.locator('#line-0-quantity').fill('10');
  await page.locator('#line-0-price').fill('31,90');
  await page.locator('#add-line').click();
  await page.locator('#line-1-item').fill('Piegāde');
  await page.locator('#line-1-quantity').fill('1');
  await page.locator('#line-1-price').fill('85');
  // What the client will read, before it is sent.
  await expect(page.locator('#preview-subject')).toHaveText(`Pavasara piedāvājums — ${name}`);
  await expect(page.locator('#preview-body')).toContainText('Labdien, Inga Bērziņa!');
  await expect(page.locator('#preview-body')).toContainText('2. Piegāde — 1 × 85,00\u00a0€ = 85,00\u00a0€');
  await expect(page.locator('#preview-body')).toContainText('Kopā 404,00\u00a0€.');
  await page.locator('#queue-proposal').click();
  const item = page.locator('#card-proposal-list li[data-proposal]');
  await expect(item).toHaveAttribute('data-status', 'queued');

  await context.setOffline(false);
  await expect(item).toHaveAttribute('data-status', 'sent', { timeout: 45_000 });
  const got = mailTo(address);
  expect(got).toHaveLength(1);
  expect(got[0].headers.Subject).toBe(`Pavasara piedāvājums — ${name}`);
  const text = got[0].parts.find((p) => p.type === 'text/plain').text;
  expect(text).toContain('Labdien, Inga Bērziņa!');
  expect(text).toContain('Kopā 404,00\u00a0€.');
  expect(got[0].parts.some((p) => p.type === 'application/pdf')).toBe(true);
});

test('a proposal with a bad line says which field, and keeps what was typed', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `Kļūda ${tag}`;
  await signInSynced(page, 'ilze');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await page.locator('#new-proposal').click();
  await page.locator('#line-0-item').fill('Skrūves');
  await page.locator('#line-0-quantity').fill('-3');
  await page.locator('#line-0-price').fill('2,50');
  await page.locator('#line-0-discount').fill('120');
  await page.locator('#save-draft').click();
  await expect(page.locator('#line-0-quantity').locator('xpath=ancestor::*[contains(@class,"field")][1]')).toHaveClass(/invalid/);
  await expect(page.locator('#line-0-discount').locator('xpath=ancestor::*[contains(@class,"field")][1]')).toHaveClass(/invalid/);
  await expect(page.locator('#line-0-item')).toHaveValue('Skrūves');
  await page.locator('#line-0-quantity').fill('3');
  await page.locator('#line-0-discount').fill('10');
  await page.locator('#save-draft').click();
  await expect(page.locator('#client-name')).toHaveText(name);
  await expect(page.locator('#card-proposal-list li[data-proposal]')).toHaveAttribute('data-status', 'draft');
});
