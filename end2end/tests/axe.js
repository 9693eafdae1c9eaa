// axe-core run on the page as it stands: a serious or critical violation of
// the WCAG 2.1 A and AA rules fails the test with the rule and the elements
// it found. A spec that uses it sets `bypassCSP`: the app's
// Content-Security-Policy would refuse the injected script, rightly.
const fs = require('fs');
const { expect } = require('@playwright/test');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function axe(page, where) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
  }).then((r) => r.violations), RULES);
  const serious = found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, `axe on ${where}`).toEqual([]);
}

module.exports = { axe };
