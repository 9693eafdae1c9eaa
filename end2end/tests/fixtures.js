// The specs' `test`: Playwright's, except that a test fails when a page it
// opened
// - warned that the app read a signal outside a reactive context: a place
//   on screen that would not follow a change of language or of the
//   signed-in user (debug builds warn, naming the line; the end-to-end app
//   is one);
// - or panicked: a panic stops the task it ran in, and can leave the
//   browser's task queue stalled, so later screens wait forever.
// Every page counts: the test's own, and those of the contexts it opens for
// a second user; a test that drives a browser of its own hands its pages to
// the fixture's value, `watchConsole(page)`.
const base = require('@playwright/test');

const NEEDLE = 'outside a reactive tracking context';
const PANIC = 'panicked at';

const test = base.test.extend({
  watchConsole: [async ({ browser, context }, use) => {
    const stray = [];
    const panics = [];
    const watch = (page) => page.on('console', (m) => {
      if (m.text().includes(NEEDLE)) stray.push(m.text().split('\n')[0]);
      // The panic's place, and the message's first line after it.
      if (m.text().includes(PANIC)) panics.push(m.text().split('\n').slice(0, 2).join(' '));
    });
    context.pages().forEach(watch);
    context.on('page', watch);
    // `browser.newPage` opens its page through `newContext` too.
    const newContext = browser.newContext;
    browser.newContext = async function (...args) {
      const opened = await newContext.apply(this, args);
      opened.on('page', watch);
      return opened;
    };
    try {
      await use(watch);
    } finally {
      browser.newContext = newContext;
    }
    base.expect(panics, 'the app panicked').toEqual([]);
    base.expect(stray, 'signals read outside a reactive context').toEqual([]);
  }, { auto: true }],
});

module.exports = { ...base, test };
