// The app follows the system's dark mode with readable contrast on every
// surface it uses, and prints a card without the app's frame and buttons.
const { test, expect } = require('./fixtures');
const { contrast, signIn, signOut, nav, runTag } = require('./helpers');

async function colours(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const s = getComputedStyle(el);
    // The surface behind: the nearest ancestor with a background.
    let bg = 'rgba(0, 0, 0, 0)';
    for (let e = el; e && bg.startsWith('rgba(0, 0, 0, 0)'); e = e.parentElement) {
      bg = getComputedStyle(e).backgroundColor;
    }
    if (bg.startsWith('rgba(0, 0, 0, 0)')) bg = getComputedStyle(document.documentElement).backgroundColor;
    return { fg: s.color, bg };
  });
}

async function newCard(page, name) {
  await nav(page, '/clients/new');
  await page.locator('#name').fill(name);
  await page.locator('#city').fill('Rīga');
  await page.locator('#save').click();
  await expect(page.locator('#client-name')).toHaveText(name);
}

test('dark when the system is dark, every text readable on its surface', async ({ page }, info) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signIn(page, 'janis');
  const root = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(contrast(root, 'rgb(0, 0, 0)')).toBeLessThan(1.5);
  await newCard(page, `Tumšs ${runTag(info)}`);
  for (const selector of ['#client-name', '.card .kv dt', '.badge', 'nav.nav a', '.panel h2']) {
    const { fg, bg } = await colours(page, selector);
    expect(contrast(fg, bg), `${selector}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  }
  // The same page in light mode is light.
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(contrast(light, 'rgb(255, 255, 255)')).toBeLessThan(1.2);
});

test('a card prints without the frame and the buttons', async ({ page }, info) => {
  const name = `Drukāt ${runTag(info)}`;
  await signIn(page, 'janis');
  await newCard(page, name);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(page.locator('#client-name')).toBeVisible();
  await expect(page.locator('nav.nav')).toBeHidden();
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('#edit')).toBeHidden();
  await expect(page.locator('#archive')).toBeHidden();
  // Black on white, whatever the screen's mode.
  const { fg, bg } = await colours(page, '#client-name');
  expect(contrast(fg, bg)).toBeGreaterThan(15);
});

test('the call analysis and the team\'s report print with their figures and charts, without the frame', async ({ page }) => {
  await signIn(page, 'janis');
  await nav(page, '/today');
  await page.locator('#to-analysis').click();
  await expect(page.locator('#outcome-chart')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('nav.nav')).toBeHidden();
  await expect(page.locator('#analysis-csv')).toBeHidden();
  await expect(page.locator('#analysis-span')).toBeVisible();
  await expect(page.locator('#analysis .figures')).toBeVisible();
  await expect(page.locator('#outcome-chart')).toBeVisible();
  await expect(page.locator('#kind-chart')).toBeVisible();

  await page.emulateMedia({ media: 'screen' });
  await signOut(page);
  await signIn(page, 'head');
  await nav(page, '/team');
  await expect(page.locator('#team-table')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('#team-csv')).toBeHidden();
  await expect(page.locator('#team-table')).toBeVisible();
  // On paper nothing scrolls: the whole table is printed, not a window on it.
  const scroll = page.locator('#team-report .table-scroll');
  expect(await scroll.evaluate((el) => getComputedStyle(el).overflowX)).toBe('visible');
});
