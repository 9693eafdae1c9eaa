// A proposal to many clients: fifty of a manager's clients picked by the
// list's words, one template, the first three letters previewed, one tap to
// send. One client asked earlier (through the link in a letter) to receive
// no proposals: forty-nine letters arrive, each with its own names, and
// that one proposal says why it was not sent.
const { test, expect } = require('./fixtures');
const { createClients, mailTo, signInSynced, nav, runTag } = require('./helpers');

const INBOX = process.env.KARTOTEKA_E2E_INBOX;
const PYTHON = process.env.KARTOTEKA_SMTP_PYTHON;

test.skip(!INBOX || !PYTHON, 'needs the test SMTP server (run it through scripts/e2e)');

const pad = (i) => String(i).padStart(2, '0');

/** Fifty cards, each with a contact person and an address, made through the server. */
async function makeClients(page, tag) {
  const cards = [];
  for (let i = 1; i <= 50; i++) {
    const n = pad(i);
    cards.push([`Masu ${tag} ${n}`, { name: `Persona ${n}`, emails: [`masu-${n}.${tag.toLowerCase()}@klients.lv`] }]);
  }
  await createClients(page, cards);
}

/** A head writes the template the bulk letters are written from. */
async function writeTemplate(browser, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInSynced(page, 'head');
  await nav(page, '/team');
  await page.locator('#manage-templates').click();
  await page.locator('#new-template').click();
  await page.locator('#template-name').fill(name);
  for (const [lang, subject, body] of [
    ['lv', 'Rudens cenas — {client}', 'Labdien, {contact}!\n\n{lines}\n\nKopā {total}, spēkā līdz {valid_until}.\n{manager}'],
    ['en', 'Autumn prices — {client}', 'Dear {contact},\n{lines}\n{manager}'],
    ['ru', 'Осенние цены — {client}', 'Здравствуйте, {contact}!\n{lines}\n{manager}'],
  ]) {
    await page.locator(`#template-${lang}-subject`).fill(subject);
    await page.locator(`#template-${lang}-body`).fill(body);
  }
  await page.locator('#save-template').click();
  await expect(page.locator('#templates [data-template] a', { hasText: name })).toBeVisible();
  await context.close();
}

test('fifty clients, one opted out: forty-nine letters, each with its own names', async ({ page, browser }, info) => {
  test.setTimeout(240_000);
  const tag = runTag(info);
  const template = `Rudens ${tag}`;
  await writeTemplate(browser, template);
  await signInSynced(page, 'ilze');
  await makeClients(page, tag);

  // Client 07 is sent one proposal first and follows its unsubscribe link.
  // Made on the server: the phone has them after its next sync.
  await page.locator('#sync-now').click();
  await nav(page, '/clients');
  await page.locator('#client-search').fill(`Masu ${tag} 07`);
  await expect(page.locator('#client-list li')).toHaveCount(1);
  await page.locator('#bulk-proposal').click();
  await expect(page.locator('#bulk-count')).toHaveAttribute('data-count', '1');
  await page.locator('#line-0-item').fill('Paraugs');
  await page.locator('#line-0-quantity').fill('1');
  await page.locator('#line-0-price').fill('1');
  await page.locator('#bulk-send').click();
  await expect(page.locator('#bulk-tally')).toHaveAttribute('data-sent', '1', { timeout: 60_000 });
  const first = mailTo(`masu-07.${tag.toLowerCase()}@`);
  expect(first).toHaveLength(1);
  const link = /<(http[^>]+\/unsubscribe\/[^>]+)>/.exec(first[0].headers['List-Unsubscribe'])[1];
  const optout = await browser.newPage();
  await optout.goto(link);
  await optout.locator('#unsubscribe').click();
  await expect(optout.locator('#unsubscribed')).toBeVisible();
  await optout.close();

  // From the client list's words to the bulk page, which keeps them.
  await nav(page, '/clients');
  await page.locator('#client-search').fill(`Masu ${tag}`);
  await page.locator('#bulk-proposal').click();
  await expect(page.locator('#bulk-text')).toHaveValue(`Masu ${tag}`);
  await expect(page.locator('#bulk-count')).toHaveAttribute('data-count', '50');
  await page.locator('#proposal-template').selectOption({ label: template });
  await page.locator('#line-0-item').fill('Ozola brusas 50×100');
  await page.locator('#line-0-quantity').fill('12');
  await page.locator('#line-0-price').fill('8,40');
  await page.locator('#add-line').click();
  await page.locator('#line-1-item').fill('Piegāde');
  await page.locator('#line-1-quantity').fill('1');
  await page.locator('#line-1-price').fill('35');
  // The first three letters, each in its own names.
  for (const [i, n] of [[0, '01'], [1, '02'], [2, '03']]) {
    await expect(page.locator(`#preview-subject-${i}`)).toHaveText(`Rudens cenas — Masu ${tag} ${n}`);
    await expect(page.locator(`#preview-body-${i}`)).toContainText(`Labdien, Persona ${n}!`);
  }
  await expect(page.locator('#bulk-previews .bulk-preview')).toHaveCount(3);
  await expect(page.locator('#bulk-send')).toHaveText(/50/);
  await page.locator('#bulk-send').click();
  await expect(page.locator('#bulk-progress')).toHaveAttribute('data-done', '50', { timeout: 60_000 });
  await expect(page.locator('#bulk-tally')).toHaveAttribute('data-sent', '49', { timeout: 120_000 });
  await expect(page.locator('#bulk-tally')).toHaveAttribute('data-failed', '1');
  const refused = page.locator('#bulk-results li[data-status=failed]');
  await expect(refused).toContainText(`Masu ${tag} 07`);
  await expect(refused).toContainText('Adresāts atteicies no piedāvājumiem');

  const letters = mailTo(`.${tag.toLowerCase()}@klients.lv`)
    .filter((m) => m.headers.Subject.startsWith('Rudens cenas'));
  expect(letters).toHaveLength(49);
  for (const m of letters) {
    const n = /masu-(\d\d)\./.exec(m.headers.To)[1];
    expect(n).not.toBe('07');
    expect(m.headers.Subject).toBe(`Rudens cenas — Masu ${tag} ${n}`);
    const text = m.parts.find((p) => p.type === 'text/plain').text;
    expect(text).toContain(`Labdien, Persona ${n}!`);
    expect(text).toContain('Kopā 135,80\u00a0€');
  }
});
