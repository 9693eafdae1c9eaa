// The specs' `test`: Playwright's, except that a test fails when its page
// warned that the app read a signal outside a reactive context: a place on
// screen that would not follow a change of language or of the signed-in
// user. (Debug builds warn, naming the line; the end-to-end app is one.)
const base = require('@playwright/test');

const test = base.test.extend({
  page: async ({ page }, use) => {
    const stray = [];
    page.on('console', (m) => {
      if (m.text().includes('outside a reactive tracking context')) stray.push(m.text().split('\n')[0]);
    });
    await use(page);
    base.expect(stray, 'signals read outside a reactive context').toEqual([]);
  },
});

module.exports = { ...base, test };
