// How a device keeps its records in IndexedDB: each table as a log of
// chunks. A device that kept one value per record (the first layout) has
// them moved into chunks when it opens, offline, with its unsent work; and a
// device whose records were edited has each table written again whole when
// shadowed copies pile up, every record kept.
const { test, expect } = require('./fixtures');
const { signIn, runTag, syncNow, waitSynced, newCardIn, openCard, contextOptions, goOffline } = require('./helpers');

async function editCity(page, city) {
  await page.locator('#edit').click();
  await page.locator('#city').fill(city);
  await page.locator('#save').click();
  await expect(page.locator('#client-card')).toContainText(city);
}

/** In the page: what the signed-in user's database holds, store by store
 * (keys only), and its version. */
function storedLayout(page) {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('kartoteka-'));
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const out = { version: db.version, stores: {} };
    for (const s of db.objectStoreNames) {
      out.stores[s] = await new Promise((res) => {
        const q = db.transaction(s).objectStore(s).getAllKeys();
        q.onsuccess = () => res(q.result.map(String));
      });
    }
    db.close();
    return out;
  });
}

/** In the page: how many records of `table` the chunks hold, each copy
 * shadowed by a later one or removed counted out. */
function liveCount(page, table) {
  return page.evaluate(async (table) => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('kartoteka-'));
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const q = db.transaction('chunk_ids').objectStore('chunk_ids').getAll(IDBKeyRange.bound(`${table}/`, `${table}/\uffff`));
    const indexes = await new Promise((res) => { q.onsuccess = () => res(q.result.map((v) => JSON.parse(v))); });
    db.close();
    const live = new Set();
    for (const ix of indexes) {
      for (const id of ix.gone || []) live.delete(id);
      for (const id of ix.ids) live.add(id);
    }
    return live.size;
  }, table);
}

/** In a page of the same origin with no app open: rewrites the user's
 * database as the first layout kept it (version 1, one value per record,
 * `{row, client}`), from the records the chunks hold now. The metadata,
 * the outbox and the refused list are kept as they are. */
function rewriteAsVersion1(page) {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('kartoteka-'));
    const open = (version, upgrade) => new Promise((res, rej) => {
      const r = version ? indexedDB.open(name, version) : indexedDB.open(name);
      if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = (db, s) => new Promise((res) => {
      const store = db.transaction(s).objectStore(s);
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => res(keys.result.map((k, i) => [k, values.result[i]]));
    });
    const v2 = await open();
    const live = new Map();
    const ids = new Map(await all(v2, 'chunk_ids'));
    for (const [key, rows] of await all(v2, 'chunks')) {
      const table = key.split('/')[0];
      const index = JSON.parse(ids.get(key));
      for (const id of index.gone || []) live.delete(`${table}/${id}`);
      // A chunk is UTF-8 bytes (text from an earlier build).
      const text = typeof rows === 'string' ? rows : new TextDecoder().decode(rows);
      JSON.parse(text).forEach((row, i) => live.set(`${table}/${index.ids[i]}`, { row, client: index.clients[i] }));
    }
    const kept = {};
    for (const s of ['meta', 'outbox', 'rejected']) kept[s] = await all(v2, s);
    v2.close();
    await new Promise((res, rej) => {
      const r = indexedDB.deleteDatabase(name);
      r.onsuccess = res;
      r.onerror = () => rej(r.error);
    });
    const v1 = await open(1, (db) => {
      db.createObjectStore('records').createIndex('by_client', 'client');
      for (const s of ['outbox', 'meta', 'rejected']) db.createObjectStore(s);
    });
    const tx = v1.transaction(['records', 'outbox', 'meta', 'rejected'], 'readwrite');
    for (const [key, { row, client }] of live) {
      const value = { row: JSON.stringify(row) };
      if (client) value.client = client;
      tx.objectStore('records').put(value, key);
    }
    for (const s of ['outbox', 'rejected']) for (const [k, v] of kept[s]) tx.objectStore(s).put(v, k);
    // The chunk counter has no place in the first layout.
    for (const [k, v] of kept.meta) if (k === 'meta') tx.objectStore('meta').put(v, k);
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
    v1.close();
    return live.size;
  });
}

test('a device that kept a value per record opens them from chunks, offline, its unsent edit kept', async ({ page, context, browser }, info) => {
  const tag = runTag(info);
  const name = `Pārceltais ${tag}`;
  await signIn(page, 'ilze');
  await newCardIn(page, name, 'Rīga');
  await waitSynced(page);

  await goOffline(context);
  await editCity(page, 'Talsi');
  await expect(page.locator('#pending')).toHaveAttribute('data-pending', '1');
  await page.close();

  // The first layout, written where no app holds the database open.
  await context.setOffline(false);
  const bare = await context.newPage();
  await bare.goto('/healthz');
  const records = await rewriteAsVersion1(bare);
  expect(records).toBeGreaterThan(0);
  expect((await storedLayout(bare)).version).toBe(1);
  await bare.close();

  // Offline: whatever shows now came from the device, not a download.
  await goOffline(context);
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.locator('#pending')).toHaveAttribute('data-pending', '1');
  await openCard(again, `parceltais ${tag.toLowerCase()}`, name);
  await expect(again.locator('#client-card')).toContainText('Talsi');
  const layout = await storedLayout(again);
  expect(layout.version).toBe(2);
  expect(layout.stores.records, 'moved, nothing left behind').toEqual([]);
  expect(layout.stores.chunks.length).toBeGreaterThan(0);
  expect(layout.stores.outbox).toHaveLength(1);

  // Back online, the edit made before the move reaches the server.
  await context.setOffline(false);
  await syncNow(again);
  await expect(again.locator('#pending')).toHaveAttribute('data-pending', '0');
  const colleague = await browser.newContext(contextOptions(info));
  const head = await colleague.newPage();
  await signIn(head, 'head');
  await openCard(head, `parceltais ${tag.toLowerCase()}`, name);
  await expect(head.locator('#client-card')).toContainText('Talsi');
  await colleague.close();
});

/** In the page: appends `n` chunks of one copy each of the card named
 * `name` to its table, as that many saves over a long day leave them, the
 * last copy with `city`; gives how many chunks the table had before. */
function appendCopies(page, name, n, city) {
  return page.evaluate(async ({ name, n, city }) => {
    const dbName = (await indexedDB.databases()).map((d) => d.name).find((d) => d.startsWith('kartoteka-'));
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open(dbName);
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['chunks', 'chunk_ids', 'meta'], 'readwrite');
    const range = IDBKeyRange.bound('client/', 'client/\uffff');
    const req = (r) => new Promise((res) => { r.onsuccess = () => res(r.result); });
    const text = (c) => (typeof c === 'string' ? c : new TextDecoder().decode(c));
    const rows = (await req(tx.objectStore('chunks').getAll(range))).flatMap((c) => JSON.parse(text(c)));
    const card = rows.filter((r) => r.card.fields.name === name).pop();
    const before = rows.length && (await req(tx.objectStore('chunks').getAllKeys(range))).length;
    let seq = await req(tx.objectStore('meta').get('chunk_seq'));
    for (let i = 0; i < n; i++) {
      const copy = JSON.parse(JSON.stringify(card));
      if (i === n - 1) copy.card.fields.city = city;
      const key = `client/${String(seq).padStart(12, '0')}`;
      seq += 1;
      // As text, the way an earlier build kept a chunk: the app reads both.
      tx.objectStore('chunks').put(JSON.stringify([copy]), key);
      tx.objectStore('chunk_ids').put(JSON.stringify({ ids: [card.card.id], clients: [card.card.id], gone: [] }), key);
    }
    tx.objectStore('meta').put(seq, 'chunk_seq');
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
    db.close();
    return before;
  }, { name, n, city });
}

test('a table of many small chunks is written again whole when the device opens, the newest copies kept', async ({ page }, info) => {
  const tag = runTag(info);
  const name = `Sablīvētais ${tag}`;
  await signIn(page, 'ilze');
  await newCardIn(page, name, 'Rīga');
  await waitSynced(page);
  const cards = await liveCount(page, 'client');
  const before = await appendCopies(page, name, 80, 'Valmiera');
  expect(await liveCount(page, 'client')).toBe(cards);
  const clientChunks = (l) => l.stores.chunks.filter((k) => k.startsWith('client/'));
  expect(clientChunks(await storedLayout(page))).toHaveLength(before + 80);

  await page.reload();
  await openCard(page, `sablivetais ${tag.toLowerCase()}`, name);
  await expect(page.locator('#client-card')).toContainText('Valmiera');
  // Written whole: as many chunks as its rows fill, numbered after the old.
  await expect.poll(async () => clientChunks(await storedLayout(page)).length).toBeLessThanOrEqual(before);
  const after = await storedLayout(page);
  expect(after.stores.chunk_ids).toEqual(after.stores.chunks);
  expect(await liveCount(page, 'client'), 'every card kept').toBe(cards);
});
