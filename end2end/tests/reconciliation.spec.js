// A reconciliation statement, for real: an administrator sets the
// company's details; accounting imports last month's documents; the
// manager reminds the client of the overdue invoice from Today in one tap,
// then sends the statement from the card; the test's SMTP server
// receives it with its PDF (read back with pdftotext); the client's link
// confirms it once (a second use is refused); the card says confirmed and
// Today's progress for the month moves.
const { test, expect } = require('./fixtures');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { localDay, mailTo, nav, regNo, runTag, saveNewCard, signIn, signInSynced } = require('./helpers');

const INBOX = process.env.KARTOTEKA_E2E_INBOX;
const PYTHON = process.env.KARTOTEKA_SMTP_PYTHON;

test.skip(!INBOX || !PYTHON, 'needs the test SMTP server (run it through scripts/e2e)');

/** Day `day` of last month, as the import writes it (YYYY-MM-DD). */
function lastMonth(day) {
  const [y, m] = localDay(0).split('-').map(Number);
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function reconciled(page) {
  await nav(page, '/today');
  const panel = page.locator('#reconcile');
  await expect(panel).toBeVisible();
  return Number(await panel.getAttribute('data-done'));
}

test('a statement e-mailed from the card with its PDF is confirmed once through its link, and the month moves', async ({ page, browser }, info) => {
  const tag = runTag(info);
  const client = `Akts ${tag}`;
  const reg = regNo();
  const address = `gramatvede.${tag.toLowerCase()}@klients.lv`;

  // Our side of the statement.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, 'admin');
  await admin.locator('#mail-settings').click();
  await admin.locator('#company-name').fill('SIA Kartotēka E2E');
  await admin.locator('#company-reg-no').fill('123');
  await admin.locator('#company-save').click();
  await expect(admin.locator('#company-reg-no-err')).not.toBeEmpty();
  await admin.locator('#company-reg-no').fill('40103245759');
  await admin.locator('#company-address').fill('Rīga, Brīvības iela 1');
  await admin.locator('#company-save').click();
  await expect(admin.locator('#company-saved')).toBeVisible();
  await adminCtx.close();

  // The manager's client, with the accountant to write to.
  await signInSynced(page, 'ilze');
  await nav(page, '/clients/new');
  await page.locator('#reg_no').fill(reg);
  const card = await saveNewCard(page, client, { name: 'Gita Ozola', email: address });
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

  // Last month's documents from accounting.
  const csv = [
    'Veids;Nr.;Reģ. nr.;Datums;Apmaksas termiņš;Summa',
    `Rēķins;A-${tag}-1;${reg};${lastMonth(5)};${lastMonth(19)};800,00`,
    `Maksājums;A-${tag}-2;${reg};${lastMonth(20)};;300,00`,
  ].join('\n');
  const accCtx = await browser.newContext();
  const acc = await accCtx.newPage();
  await signIn(acc, 'accounting');
  await acc.locator('#import-source').fill(`akts-${tag}`);
  await acc.locator('#import-file').setInputFiles({
    name: 'akts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  await acc.locator('#import-run').click();
  await expect(acc.locator('#import-report')).toHaveAttribute('data-created', '2');
  await accCtx.close();

  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  const before = await reconciled(page);

  // The overdue invoice is on Today's chasing list: a reminder in one tap.
  const chase = page.locator(`#chase li[data-client="${card.split('/').pop()}"]`);
  await expect(chase).toHaveAttribute('data-overdue', '500.00');
  await chase.locator('.chase-remind').click();
  // Queued on the device, then sent: the row says which.
  await expect(chase.locator('.chase-remind')).toHaveAttribute('data-status', /queued|sent/);
  await expect(chase.locator('.chase-remind')).toHaveText('Atgādinājums nosūtīts', { timeout: 45_000 });
  await expect(chase.locator('.chase-remind')).toBeDisabled();
  await expect.poll(() => mailTo(address, os.tmpdir()).length, { timeout: 45_000 }).toBe(1);
  const reminder = mailTo(address, os.tmpdir())[0];
  expect(reminder.headers.Subject).toBe(`Atgādinājums par kavētiem maksājumiem: ${client}`);
  expect(reminder.parts.find((p) => p.type === 'text/plain').text).toContain(`A-${tag}-1`);

  // From the card: last month's statement to the contact person.
  await page.goto(card);
  const letters = page.locator('#account-letters');
  await expect(letters).toBeVisible();
  await expect(page.locator('#letter-contact option:checked')).toHaveText('Gita Ozola');
  await page.locator('#send-statement').click();
  const letter = letters.locator('li.letter[data-purpose=reconciliation]');
  await expect(letter).toHaveCount(1);
  await expect(letter).toHaveAttribute('data-status', 'sent', { timeout: 45_000 });

  const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'akts-'));
  const got = mailTo(address, saved).filter((m) => m.headers.Subject.startsWith('Salīdzināšanas'));
  expect(got).toHaveLength(1);
  expect(got[0].headers.Subject).toContain(`Salīdzināšanas akts par`);
  expect(got[0].headers.Subject).toContain(client);
  expect(got[0].headers['List-Unsubscribe']).toBeUndefined();
  const pdf = got[0].parts.find((p) => p.type === 'application/pdf');
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(saved, pdf.filename), '-']).toString();
  expect(text).toContain('Salīdzināšanas akts');
  expect(text).toContain('Mēs: SIA Kartotēka E2E, 40103245759, Rīga, Brīvības iela 1');
  expect(text).toContain(`Klients: ${client}, ${reg}`);
  expect(text).toContain(`Rēķins A-${tag}-1`);
  expect(text).toContain('500,00');
  const body = got[0].parts.find((p) => p.type === 'text/plain').text;
  const link = body.match(/https?:\/\/\S+\/reconcile\/[0-9a-f]+/)[0];

  // The client's link: only this statement; confirmed once.
  const clientCtx = await browser.newContext();
  const answer = await clientCtx.newPage();
  await answer.goto(link);
  await expect(answer.locator('main')).toContainText(client);
  await expect(answer.locator('#our-balance')).toHaveText(/^500,00\s€$/);
  await answer.locator('#answer-confirm').click();
  await expect(answer.locator('#answer-done')).toHaveAttribute('data-status', 'confirmed');
  const second = await answer.goto(link);
  expect(second.status()).toBe(410);
  await expect(answer.locator('#answer-used')).toBeVisible();
  await clientCtx.close();

  // The answer reaches the card, and the month's progress moves.
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await expect(letter).toHaveAttribute('data-status', 'confirmed');
  expect(await reconciled(page)).toBe(before + 1);
});
