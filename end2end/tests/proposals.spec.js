// Proposals, e-mailed for real. Offline, a proposal with two lines is
// composed on a card and queued; back online the server sends it to the
// SMTP server the test script runs (the spec reads the message it got),
// the card says "sent" and Today's proposals counter moves.
const { test, expect } = require('@playwright/test');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { signInSynced, nav, runTag } = require('./helpers');

const INBOX = process.env.KARTOTEKA_E2E_INBOX;
const PYTHON = process.env.KARTOTEKA_SMTP_PYTHON;
const READ = path.join(__dirname, '..', '..', 'server', 'tests', 'mail_sink', 'read.py');

test.skip(!INBOX || !PYTHON, 'needs the test SMTP server (run it through scripts/e2e)');

/** The messages the SMTP server received for `address`, decoded. */
function receivedBy(address) {
  return fs.readdirSync(INBOX)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => JSON.parse(execFileSync(PYTHON, [READ, path.join(INBOX, f)]).toString()))
    .filter((m) => (m.headers.To || '').includes(address));
}

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

  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  const contact = page.locator('.contact').first();
  await contact.locator('input[id$="-name"]').fill('Rita Ozola');
  await contact.locator('input[id$="-emails-0"]').fill(address);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);

  await context.setOffline(true);
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
  expect(receivedBy(address)).toHaveLength(0);

  await context.setOffline(false);
  await expect(item).toHaveAttribute('data-status', 'sent', { timeout: 45_000 });
  const got = receivedBy(address);
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
