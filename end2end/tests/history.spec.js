// A card's history reads work done offline as done when it was done, and
// says when it reached the server.
const { test, expect } = require('./fixtures');
const { newCard, waitSynced, syncNow, signIn, runTag, goOffline } = require('./helpers');

test('an edit made offline reads in the history as made then, with when it arrived', async ({ page, context }, info) => {
  // The edit must reach the server a minute or more after it was made.
  test.setTimeout(150_000);
  const name = `SIA Bezsaistes Vēsture ${runTag(info)}`;
  await signIn(page, 'ilze');
  await newCard(page, name, { name: 'Anna Liepa' });
  await waitSynced(page);

  await goOffline(context);
  await page.locator('#edit').click();
  await page.locator('#city').fill('Cēsis');
  await page.locator('#save').click();
  await expect(page.locator('#client-card')).toContainText('Cēsis');
  await page.waitForTimeout(65_000);
  await context.setOffline(false);
  await syncNow(page);

  await page.locator('#show-history').click();
  const entries = page.locator('#card-changes .audit-entry');
  await expect(entries).toHaveCount(2);
  const edit = entries.first();
  await expect(edit).toHaveAttribute('data-action', 'client.update');
  await expect(edit.locator('.audit-changes')).toContainText('Cēsis');
  await expect(edit.locator('.audit-received')).toContainText('Saņemts');
  // The card itself was made online and reached the server at once.
  await expect(entries.last()).toHaveAttribute('data-action', 'client.create');
  await expect(entries.last().locator('.audit-received')).toHaveCount(0);
});
