// Opened by a name that is not this machine and without HTTPS (as a phone
// at the fair would open http://192.168.x.x), the app says what that costs;
// opened securely it says nothing. The name resolves to 127.0.0.1 inside
// this browser only, so the traffic never leaves the machine.
const { test, expect, chromium } = require('./fixtures');

test('without HTTPS the app warns that it cannot work offline here', async ({ baseURL }, info) => {
  const port = new URL(baseURL).port;
  const launch = info.project.use.launchOptions;
  const browser = await chromium.launch({
    ...launch,
    args: [...launch.args, '--host-resolver-rules=MAP kartoteka.test 127.0.0.1'],
  });
  try {
    const context = await browser.newContext({
      viewport: info.project.use.viewport,
      locale: 'lv-LV',
    });
    const page = await context.newPage();
    await page.goto(`http://kartoteka.test:${port}/`);
    await expect(page.locator('form.signin')).toBeVisible();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(page.locator('#insecure-warning')).toContainText('nevar strādāt bezsaistē');
    await context.close();
  } finally {
    await browser.close();
  }
});

test('opened securely, there is no such warning', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('form.signin')).toBeVisible();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  await expect(page.locator('#insecure-warning')).toHaveCount(0);
});
