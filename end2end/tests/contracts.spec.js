// A contract taken from a draft through negotiation to signed, on a phone
// and a desktop: the points argued over and what it obliges, a problem said
// at its field with nothing lost, the versions kept, the card's terms taken
// from the contract in force, the month's new-contracts counter moved once,
// Today warning of the contract's end and an obligation falling due, and
// the signed scan attached and opened.
const fs = require('fs');
const { test, expect } = require('./fixtures');
const { signInSynced, nav, runTag, localDay, goOffline } = require('./helpers');

const iso = localDay;

test('a contract from draft to signed: terms on the card, counter, Today', async ({ page }, info) => {
  const tag = runTag(info);
  const client = `Līgumklients ${tag}`;
  const number = `L-${tag}`;
  await signInSynced(page, 'ilze');
  await nav(page, '/today');
  const before = Number(await page.locator('#quota-contracts').getAttribute('data-done'));

  await nav(page, '/clients/new');
  await page.locator('#name').fill(client);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(client);

  // The draft: number, dates, terms, a point to argue, an obligation.
  await page.locator('#new-contract').click();
  await page.locator('#contract-number').fill(number);
  await page.locator('#valid-from').fill(iso(0));
  await page.locator('#valid-to').fill(iso(20));
  await page.locator('#contract-payment-days').fill('45');
  await page.locator('#contract-credit-limit').fill('15 000');
  await page.locator('#add-point').click();
  await page.locator('#point-0-text').fill('Apmaksa 45 dienās');
  await page.locator('#add-obligation').click();
  await page.locator('#obligation-0-text').fill('Iesniegt bankas garantiju');
  await page.locator('#obligation-0-kind').selectOption('document');
  await page.locator('#obligation-0-due').fill(iso(3));
  await page.locator('#save-contract').click();
  const row = page.locator('#card-contract-list li', { hasText: number });
  await expect(row).toHaveAttribute('data-status', 'draft');
  await expect(row).toContainText('1 atvērts punkts');

  // Negotiated: the point agreed. Signed without a date: said, kept.
  await row.locator('a').click();
  await page.locator('#contract-status').selectOption('signed');
  await page.locator('#point-0-state').selectOption('agreed');
  await page.locator('#save-contract').click();
  await expect(page.locator('#signed-on-err')).not.toBeEmpty();
  await expect(page.locator('#point-0-text')).toHaveValue('Apmaksa 45 dienās');
  await page.locator('#signed-on').fill(iso(0));
  await page.locator('#save-contract').click();
  await expect(row).toHaveAttribute('data-status', 'signed');
  await expect(row).not.toContainText('atvērt');

  // The card's terms come from it; its versions are kept.
  await expect(page.locator('#contract-terms')).toContainText(number);
  await expect(page.locator('#contract-payment-days')).toContainText('45');
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  // The list redraws as the sync's answers arrive; open the contract once
  // it is the synced one. Should it ever be gone, say what the device's
  // sync page lists as refused.
  try {
    await expect(row).toHaveAttribute('data-status', 'signed');
  } catch (e) {
    await page.locator('#pending').click();
    const refused = await page.locator('#rejected').innerText().catch(() => '(no sync page)');
    throw new Error(`${e.message}\nrefused on the device: ${refused}`);
  }
  await row.locator('a').evaluate((a) => a.click());
  // Drafted, then signed (the refused save changed nothing): two versions
  // (one push may carry both, at one instant).
  await expect(page.locator('#contract-versions .audit-entry')).toHaveCount(2);
  await expect(page.locator('#contract-versions .audit-entry[data-action="contract.create"]')).toHaveCount(1);
  await expect(page.locator('#contract-versions .audit-entry[data-action="contract.update"]')).toHaveCount(1);

  // The signed scan: attached, listed with its size, opened as a download of
  // the same bytes; a file too large or of another kind is refused, saying
  // why, and the attached one stays.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 65)]);
  await expect(page.locator('#scan-none')).toBeVisible();
  await page.locator('#scan-file').setInputFiles({ name: 'Līgums parakstīts.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.locator('#scan-name')).toHaveText('Līgums parakstīts.pdf');
  await expect(page.locator('#scan-attached')).toContainText('301 KB');
  await expect(page.locator('#scan-attached')).toContainText('Ilze Kalniņa');
  const download = page.waitForEvent('download');
  await page.locator('#scan-open').click();
  const got = await download;
  expect(got.suggestedFilename()).toBe('Līgums parakstīts.pdf');
  expect(fs.readFileSync(await got.path()).equals(pdf)).toBe(true);
  await page.locator('#scan-file').setInputFiles({ name: 'liels.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 65) });
  await expect(page.locator('#scan-error')).toHaveText('Fails ir lielāks par 10 MB');
  await page.locator('#scan-file').setInputFiles({ name: 'vīruss.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ nav PDF') });
  await expect(page.locator('#scan-error')).toHaveText('Pievienojiet PDF, JPEG vai PNG failu');
  await expect(page.locator('#scan-name')).toHaveText('Līgums parakstīts.pdf');

  await nav(page, '/today');
  await expect(page.locator('#quota-contracts')).toHaveAttribute('data-done', String(before + 1));
  await expect(page.locator('#today-contracts-ending')).toContainText(client);
  await expect(page.locator('#today-obligations')).toContainText('Iesniegt bankas garantiju');
});

test('a draft of the contract from a head\'s contract template, as a PDF', async ({ page, browser }, info) => {
  const tag = runTag(info);
  const template = `Piegādes līgums ${tag}`;
  const client = `Melnraksts ${tag}`;
  const number = `M-${tag}`;
  // A head writes the contract template, seeing it filled on a sample.
  const headContext = await browser.newContext();
  const head = await headContext.newPage();
  await signInSynced(head, 'head');
  await nav(head, '/team');
  await head.locator('#manage-templates').click();
  await head.locator('#new-template').click();
  await head.locator('#template-purpose [data-purpose=contract]').click();
  await expect(head.locator('#merge-help')).toContainText('{credit_limit}');
  await expect(head.locator('#template-pdf')).toHaveCount(0);
  await head.locator('#template-name').fill(template);
  await head.locator('#template-lv-subject').fill('Līgums Nr. {number}');
  await head.locator('#template-lv-body').fill('{client}, turpmāk — Pircējs.\nApmaksa {payment_days} dienu laikā; kredītlimits {credit_limit}.\n{points}');
  await head.locator('#template-en-subject').fill('Contract No. {number}');
  await head.locator('#template-en-body').fill('{kind} with {client}');
  await head.locator('#template-ru-subject').fill('Договор № {number}');
  await head.locator('#template-ru-body').fill('{kind} с {client}');
  await head.locator('#preview-language').selectOption('lv');
  await expect(head.locator('#preview-subject')).toHaveText(/^Līgums Nr\. L-\d{4}\/1$/);
  await expect(head.locator('#preview-body')).toContainText('SIA Paraugs, turpmāk — Pircējs.');
  await head.locator('#save-template').click();
  await expect(head.locator('#templates [data-template]', { hasText: template })).toContainText('Līguma melnraksts');
  await headContext.close();

  // The manager's contract, sent to the server.
  await signInSynced(page, 'ilze');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(client);
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(client);
  await page.locator('#new-contract').click();
  await page.locator('#contract-number').fill(number);
  await page.locator('#contract-payment-days').fill('30');
  await page.locator('#contract-credit-limit').fill('15 000,50');
  await page.locator('#add-point').click();
  await page.locator('#point-0-text').fill('Atlaide 5 % no otrā pasūtījuma');
  await page.locator('#save-contract').click();
  const row = page.locator('#card-contract-list li', { hasText: number });
  await expect(row).toHaveAttribute('data-status', 'draft');
  await page.locator('#sync-now').click();
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await row.locator('a').evaluate((a) => a.click());

  // The draft from the template, in Latvian, as a PDF of its own name.
  const panel = page.locator('#contract-draft');
  await panel.locator('#draft-template').selectOption({ label: template });
  await panel.locator('#draft-language').selectOption('lv');
  const download = page.waitForEvent('download');
  await panel.locator('#draft-make').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${number}.pdf`);
  const text = require('child_process')
    .execFileSync('pdftotext', ['-enc', 'UTF-8', await file.path(), '-'])
    .toString()
    .replace(/\s+/g, ' ');
  expect(text).toContain(`Līgums Nr. ${number}`);
  expect(text).toContain(`${client}, turpmāk — Pircējs.`);
  expect(text).toContain('Apmaksa 30 dienu laikā; kredītlimits 15 000,50 €.');
  expect(text).toContain('• Atlaide 5 % no otrā pasūtījuma');

  // Offline the page says the server makes drafts.
  await goOffline(page.context());
  await expect(panel.locator('#draft-offline')).toBeVisible();
  await page.context().setOffline(false);
});
