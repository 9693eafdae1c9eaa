// Dev helper (not a test): screenshots of the main pages on phone and desktop.
// Usage: node shot.js <baseURL> <outDir>
const { chromium } = require('@playwright/test');
(async () => {
  const [base, out] = [process.argv[2] || 'http://127.0.0.1:3000', process.argv[3] || '/tmp/shots'];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1280, height: 800 }]]) {
    const page = await browser.newPage({ viewport, baseURL: base });
    page.on('console', (m) => { if (m.type() === 'error') console.log(name, 'console:', m.text()); });
    page.on('pageerror', (e) => console.log(name, 'pageerror:', e.message));
    const t0 = Date.now();
    await page.goto('/');
    await page.locator('#email').waitFor();
    console.log(name, 'sign-in form after', Date.now() - t0, 'ms');
    await page.screenshot({ path: `${out}/${name}-signin.png` });
    await page.fill('#email', 'manager1@demo.kartoteka.lv');
    await page.fill('#password', 'demo-parole-1');
    await page.click('form.signin button[type=submit]');
    await page.locator('#client-list li').first().waitFor();
    await page.screenshot({ path: `${out}/${name}-list.png` });
    await page.locator('#client-list li a').first().click();
    await page.locator('#client-name').waitFor();
    await page.screenshot({ path: `${out}/${name}-card.png`, fullPage: true });
    await page.locator('#edit').click();
    await page.locator('#name').waitFor();
    await page.screenshot({ path: `${out}/${name}-edit.png` });
    await page.close();
  }
  await browser.close();
})();
