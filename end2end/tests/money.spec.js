// Money from accounting: accounting checks and then imports an export on
// the import page (a bad row named by its line, nothing saved by the
// check); the manager's phone, offline, shows the card's balance, what is
// overdue by how long and the open documents; Today's chasing list logs a
// debt call and, offline, a promise to pay; the head stops shipments, and
// logistics sees that and none of the money.
const { test, expect } = require('./fixtures');
const { localDay, nav, regNo, runTag, signIn, signInSynced, goOffline } = require('./helpers');

test('an imported export shows on the card offline, in the list filters and on Today to chase', async ({ page, browser, context }, info) => {
  const tag = runTag(info);
  const client = `Parāds ${tag}`;
  const reg = regNo();

  await signInSynced(page, 'ilze');
  await nav(page, '/clients/new');
  await page.locator('#name').fill(client);
  await page.locator('#reg_no').fill(reg);
  await page.locator('#credit_limit').fill('1000');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(client);
  const card = new URL(page.url()).pathname;
  // Nothing imported yet: no empty money panel.
  await expect(page.locator('#client-money')).toHaveCount(0);
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

  // Accounting's export, as a Latvian system writes it.
  const csv = [
    'Veids;Nr.;Reģ. nr.;Datums;Apmaksas termiņš;Summa;Atsauce',
    `Rēķins;R-${tag}-1;${reg};${localDay(-50)};${localDay(-40)};1 000,00;`,
    `Maksājums;P-${tag}-1;${reg};${localDay(-30)};;200,00;R-${tag}-1`,
    `Rēķins;R-${tag}-2;${reg};${localDay(-5)};${localDay(9)};500,00;`,
    `Rēķins;R-${tag}-3;${regNo()};${localDay(-5)};;99,00;`,
  ].join('\n');
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  // Accounting opens on the import page.
  await signIn(admin, 'accounting');
  await expect(admin.locator('h1')).toHaveText('Grāmatvedības dokumenti');
  await admin.locator('#import-source').fill(`e2e-${tag}`);
  await admin.locator('#import-file').setInputFiles({
    name: 'eksports.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8'),
  });
  await admin.locator('#import-preview').click();
  const report = admin.locator('#import-report');
  await expect(report).toHaveAttribute('data-preview', 'true');
  await expect(report).toHaveAttribute('data-created', '3');
  await expect(report.locator('#import-problems li[data-line="5"]')).toContainText('5. rinda: nav klienta');
  await admin.locator('#import-run').click();
  await expect(report).toHaveAttribute('data-preview', 'false');
  await expect(report).toHaveAttribute('data-created', '3');
  await expect(report).toHaveAttribute('data-failed', '1');
  await adminCtx.close();

  // The manager's device pulls the documents, then works offline.
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await goOffline(context);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await nav(page, '/clients');
  await page.locator('#client-search').fill(client);
  await page.locator('#client-list li a', { hasText: client }).click();
  await expect(page).toHaveURL(new RegExp(`${card}$`));
  const money = page.locator('#client-money');
  await expect(money).toBeVisible();
  await expect(money).toHaveAttribute('data-over-limit', 'true');
  await expect(page.locator('#money-balance')).toHaveAttribute('data-value', '1300.00');
  await expect(page.locator('#money-balance')).toHaveText(/^1\s300,00\s€$/);
  await expect(page.locator('#money-overdue')).toHaveAttribute('data-value', '800.00');
  await expect(page.locator('#money-limit')).toContainText('izmantoti 130 %');
  await expect(page.locator('#aging-chart .bar[data-code="31_60"]')).toHaveAttribute('data-value', '800.00');
  await expect(page.locator('#aging-chart .bar[data-code="not_due"]')).toHaveAttribute('data-value', '500.00');
  const open = page.locator('#open-documents li');
  await expect(open).toHaveCount(2);
  await expect(open.first()).toHaveAttribute('data-number', `R-${tag}-1`);
  await expect(open.first().locator('.badge.overdue')).toHaveText('kavēts 40 dienu');
  await context.setOffline(false);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'true');

  // The list picks out clients with overdue debt, and those over the limit.
  await nav(page, '/clients');
  await page.locator('#filter-money').selectOption('overdue');
  await expect(page).toHaveURL(/money=overdue/);
  await page.locator('#client-search').fill(client);
  await expect(page.locator('#client-list li a', { hasText: client })).toHaveCount(1);
  await page.locator('#filter-money').selectOption('over_limit');
  await expect(page.locator('#client-list li a', { hasText: client })).toHaveCount(1);

  // Today: the debt to chase, largest first; the call is logged as a debt call.
  const id = card.split('/').pop();
  await nav(page, '/today');
  const chase = page.locator(`#chase li[data-client="${id}"]`);
  await expect(chase).toHaveAttribute('data-overdue', '800.00');
  await expect(chase).toContainText('vecākais kavēts 40 dienu');
  await chase.locator('.chase-call').click();
  await expect(page).toHaveURL(new RegExp(`${card}\\?kind=receivables$`));
  await expect(page.locator('#call-kind [data-kind=receivables]')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('#call-outcome [data-outcome=connected]').click();
  await page.locator('#save-call').click();
  await expect(page.locator('#call-history .call-kind[data-kind=receivables]')).toHaveCount(1);

  // Offline, the client promises to pay the overdue sum in a week: saved
  // on the phone with a call planned on that day, and shown on the row.
  await goOffline(context);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'false');
  await nav(page, '/today');
  await chase.locator('.chase-promise').click();
  await expect(chase.locator('#promise-amount')).toHaveValue(/^800,00$/);
  await chase.locator('#promise-amount').fill('nulle');
  await chase.locator('#promise-save').click();
  await expect(chase.locator('#promise-amount-err')).toHaveText('Ievadiet summu, piem., 1500,00');
  await chase.locator('#promise-amount').fill('800,00');
  await chase.locator('#promise-due').fill(localDay(7));
  await chase.locator('#promise-save').click();
  // The list reads the device again: the row now shows the promise.
  await expect(chase).toHaveAttribute('data-promise', 'pending');
  await expect(chase.locator('.promise')).toContainText('Apsolīts');
  await page.goto(card);
  await expect(page.locator('#money-promise .promise')).toHaveAttribute('data-keeping', 'pending');
  await expect(page.locator('#card-follow-ups')).toContainText('Pārbaudīt apsolīto maksājumu: 800,00');
  await context.setOffline(false);
  await expect(page.locator('.net')).toHaveAttribute('data-online', 'true');
  await page.locator('#sync-now').click();
  await expect(page.locator('#sync-now')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

  // Key clients now rank by turnover: invoiced less credited, payments aside.
  await nav(page, '/clients');
  await page.locator('#key-clients-link').click();
  await expect(page.locator('#key-clients-by')).toHaveAttribute('data-by', 'turnover');
  await expect(page.locator(`#key-clients li[data-client="${id}"]`)).toHaveAttribute('data-turnover', '1500.00');

  // The head stops shipments to the client, with a reason.
  const headCtx = await browser.newContext();
  const head = await headCtx.newPage();
  await signInSynced(head, 'head');
  await head.goto(card);
  await expect(head.locator('#client-name')).toHaveText(client);
  await head.locator('#stop-reason').fill('Kavē 40 dienas');
  await head.locator('#stop-shipments').click();
  await expect(head.locator('#shipment-stop')).toContainText('Piegādes apturētas');
  await expect(head.locator('#resume-shipments')).toBeVisible();
  await headCtx.close();
  // The manager may not switch it.
  await page.goto(card);
  await expect(page.locator('#client-name')).toHaveText(client);
  await expect(page.locator('#stop-shipments')).toHaveCount(0);

  // Logistics opens the same card: the stop, and no money on screen.
  const ctx = await browser.newContext();
  const logistics = await ctx.newPage();
  await signInSynced(logistics, 'logistics');
  await logistics.locator('#client-search').fill(client);
  await logistics.locator('#client-list li a', { hasText: client }).click();
  await expect(logistics.locator('#client-name')).toHaveText(client);
  await expect(logistics.locator('#shipment-stop')).toContainText('Piegādes apturētas');
  await expect(logistics.locator('#shipment-stop')).toContainText('Kavē 40 dienas');
  await expect(logistics.locator('#client-money')).toHaveCount(0);
  await expect(logistics.locator('#stop-shipments')).toHaveCount(0);

  // Accounting's list of accounts: the client, what is overdue, the stop;
  // accounting resumes shipments there.
  const accCtx = await browser.newContext();
  const acc = await accCtx.newPage();
  await signIn(acc, 'accounting');
  await nav(acc, '/accounts');
  await acc.locator('#accounts-filter').selectOption('stopped');
  await acc.locator('#accounts-search').fill(client);
  const row = acc.locator(`#accounts li[data-client="${id}"]`);
  await expect(row).toHaveAttribute('data-overdue', '800.00');
  await expect(row).toHaveAttribute('data-stopped', 'true');
  await row.locator('.account-stop').click();
  await expect(row).toHaveCount(0);
  await acc.locator('#accounts-filter').selectOption('all');
  await expect(row).toHaveAttribute('data-stopped', 'false');
  await accCtx.close();
  await ctx.close();
});
