#!/usr/bin/env node
'use strict';
// The PouchDB / CouchDB-replication peer of `kartoteka bench sync`
// (server/src/bench_sync.rs). Device A, an in-memory PouchDB, offline, creates
// the cards, edits each one, logs the calls; it then replicates to a server
// (express-pouchdb over LevelDB on disk in a fresh temp dir, in a child
// process, on 127.0.0.1) over real HTTP; then device B, a new empty in-memory
// PouchDB, replicates from it. Last line:
//   pouchdb push_s=… pull_s=… total_s=… docs=…
//
// Flags: --calls N (10000) --cards N (1000) --edits N (2), as the Rust bench;
// extra: --batch-size N / --batches-limit N (replication options; unset =
// PouchDB's defaults, 100 and 10), --no-compression (drop express-pouchdb's
// gzip middleware), --in-process (run the server in this process),
// --keep-alive (reuse TCP connections; stock PouchDB on Node sends
// `Connection: close`, one connection per request).

const { fork } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function fail(msg) {
  console.error(`pouchdb bench: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const o = {
    calls: 10000,
    cards: 1000,
    edits: 2,
    batchSize: undefined,
    batchesLimit: undefined,
    compression: true,
    inProcess: false,
    keepAlive: false,
  };
  const num = (flag, v) => {
    if (v === undefined || !/^\d+$/.test(v)) fail(`${flag} needs a whole number`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--calls': o.calls = num(a, argv[++i]); break;
      case '--cards': o.cards = num(a, argv[++i]); break;
      case '--edits': o.edits = num(a, argv[++i]); break;
      case '--batch-size': o.batchSize = num(a, argv[++i]); break;
      case '--batches-limit': o.batchesLimit = num(a, argv[++i]); break;
      case '--no-compression': o.compression = false; break;
      case '--in-process': o.inProcess = true; break;
      case '--keep-alive': o.keepAlive = true; break;
      default: fail(`unknown argument ${a}`);
    }
  }
  if (o.calls > 0 && o.cards === 0) fail('--calls needs at least one card');
  return o;
}

// ---------------------------------------------------------------- server ---

// Starts express-pouchdb over LevelDB (leveldown) files under `dir`, listening
// on 127.0.0.1 on a free port. Resolves to { port, close }.
function startServer(dir, compression) {
  const PouchDB = require('pouchdb'); // Node build: leveldb adapter by default
  const ServerPouch = PouchDB.defaults({ prefix: dir + path.sep });
  const opts = { mode: 'minimumForPouchDB' };
  if (!compression) opts.overrideMode = { exclude: ['compression'] };
  const app = require('express-pouchdb')(ServerPouch, opts);
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        close: () => new Promise((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
      });
    });
    server.on('error', reject);
  });
}

function serveChild() {
  const dir = process.argv[3];
  const compression = process.argv[4] !== 'no-compression';
  startServer(dir, compression).then(
    ({ port }) => process.send({ port }),
    (e) => { console.error(e); process.exit(1); },
  );
  process.on('disconnect', () => process.exit(0));
}

function spawnServer(dir, compression) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--serve', dir, compression ? 'compression' : 'no-compression'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server exited early (code ${code})`)));
    child.once('message', (m) => {
      child.removeAllListeners('exit');
      resolve({
        port: m.port,
        close: () => new Promise((r) => {
          child.once('exit', () => r());
          child.disconnect();
        }),
      });
    });
  });
}

// --------------------------------------------------------------- devices ---

function diskUsage(dir) {
  let files = 0;
  let bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      files++;
      bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
    }
  }
  return { files, bytes };
}

const OWNER_ID = 'user:etalons';
const OWNER_NAME = 'Etalons';

// What `card(i)` in bench_sync.rs becomes once validated and stored: a
// ClientCard with all its fields, one contact person with an id.
function card(id, contactId, i, needs, createdAt, updatedAt) {
  return {
    _id: id,
    type: 'client',
    kind: 'company',
    name: `SIA Etalons ${String(i).padStart(5, '0')}`,
    reg_no: null,
    vat_no: null,
    segment: 'prospect',
    source: 'other',
    address: null,
    city: 'Rīga',
    website: null,
    price_type: null,
    payment_terms_days: null,
    credit_limit: null,
    tags: [],
    needs,
    owner_id: OWNER_ID,
    owner_name: OWNER_NAME,
    contacts: [{
      id: contactId,
      name: 'Jānis Bērziņš',
      position: null,
      phones: [`+37129${String(i % 1000000).padStart(6, '0')}`],
      emails: [`janis${i}@etalons.lv`],
      birthday: null,
      notes: null,
    }],
    archived: false,
    created_at: createdAt,
    created_by: OWNER_ID,
    updated_at: updatedAt,
    updated_by: OWNER_ID,
  };
}

function callLog(id, clientId, now) {
  return {
    _id: id,
    type: 'call_log',
    client_id: clientId,
    contact_id: null,
    at: now,
    direction: 'outgoing',
    outcome: 'connected',
    duration_s: 60,
    note: null,
    by: OWNER_ID,
    logged_at: now,
  };
}

function clientPouch() {
  const PouchDB = require('pouchdb');
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  return PouchDB;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const PouchDB = clientPouch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-pouchdb-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const server = o.inProcess
    ? await startServer(dir, o.compression)
    : await spawnServer(dir, o.compression);
  const url = `http://127.0.0.1:${server.port}/kartoteka`;
  const remoteOpts = {};
  if (o.keepAlive) {
    const agent = new (require('node:http').Agent)({ keepAlive: true });
    remoteOpts.fetch = (u, init) => PouchDB.fetch(u, { ...init, agent });
  }
  const replOpts = {};
  if (o.batchSize !== undefined) replOpts.batch_size = o.batchSize;
  if (o.batchesLimit !== undefined) replOpts.batches_limit = o.batchesLimit;

  try {
    // Device A, offline: every write is its own put, as each save_card and
    // log_call is its own commit on the Rust side.
    const a = new PouchDB('device-a', { adapter: 'memory' });
    const ids = [];
    for (let i = 0; i < o.cards; i++) {
      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      await a.put(card(id, crypto.randomUUID(), i, null, now, now));
      ids.push(id);
    }
    for (let round = 0; round < o.edits; round++) {
      for (let i = 0; i < ids.length; i++) {
        const doc = await a.get(ids[i]);
        doc.needs = `Labojums ${round}`;
        doc.updated_at = new Date().toISOString();
        await a.put(doc);
      }
    }
    for (let i = 0; i < o.calls; i++) {
      await a.put(callLog(crypto.randomUUID(), ids[i % ids.length], new Date().toISOString()));
    }
    const infoA = await a.info();
    console.log(`device A has ${infoA.doc_count} docs offline (update_seq ${infoA.update_seq}: ` +
      `${o.cards} creates + ${o.cards * o.edits} edits + ${o.calls} calls)`);

    // Push. The remote handle is set up (database created) before timing, as
    // the Rust bench signs in before its clock starts.
    const remoteA = new PouchDB(url, remoteOpts);
    await remoteA.info();
    let t = process.hrtime.bigint();
    const pushed = await a.replicate.to(remoteA, replOpts);
    const pushS = Number(process.hrtime.bigint() - t) / 1e9;
    const expected = o.cards + o.calls;
    if (!pushed.ok || pushed.status !== 'complete' || pushed.docs_written !== expected ||
        pushed.doc_write_failures !== 0) {
      fail(`push: ok=${pushed.ok} status=${pushed.status} written ${pushed.docs_written} of ${expected}, ` +
        `${pushed.doc_write_failures} failed`);
    }
    const infoS = await remoteA.info();
    if (infoS.doc_count !== expected) fail(`server has ${infoS.doc_count} docs, expected ${expected}`);
    const disk = diskUsage(dir);
    if (disk.files === 0) fail(`nothing on disk under ${dir}`);
    console.log(`server holds ${infoS.doc_count} docs (update_seq ${infoS.update_seq}) in LevelDB on disk: ` +
      `${disk.files} files, ${(disk.bytes / 1048576).toFixed(1)} MiB under ${dir}`);

    // Pull into an empty device B.
    const b = new PouchDB('device-b', { adapter: 'memory' });
    const remoteB = new PouchDB(url, remoteOpts);
    await remoteB.info();
    t = process.hrtime.bigint();
    const pulled = await b.replicate.from(remoteB, replOpts);
    const pullS = Number(process.hrtime.bigint() - t) / 1e9;
    if (!pulled.ok || pulled.status !== 'complete' || pulled.doc_write_failures !== 0) {
      fail(`pull: ok=${pulled.ok} status=${pulled.status}, ${pulled.doc_write_failures} failed`);
    }

    // Check B: exactly cards + calls, of the right kinds, latest edits, text intact.
    const all = await b.allDocs({ include_docs: true });
    let cards = 0;
    let calls = 0;
    const lastNeeds = o.edits > 0 ? `Labojums ${o.edits - 1}` : null;
    for (const row of all.rows) {
      const d = row.doc;
      if (d.type === 'client') {
        cards++;
        if (d.needs !== lastNeeds) fail(`card ${d._id} has needs=${JSON.stringify(d.needs)}, expected ${JSON.stringify(lastNeeds)}`);
        if (d.city !== 'Rīga' || d.contacts[0].name !== 'Jānis Bērziņš') fail(`card ${d._id} text garbled`);
        if (!d._rev.startsWith(`${o.edits + 1}-`)) fail(`card ${d._id} at rev ${d._rev}`);
      } else if (d.type === 'call_log') {
        calls++;
      } else {
        fail(`unexpected doc ${d._id}`);
      }
    }
    const docs = all.rows.length;
    if (docs !== expected || cards !== o.cards || calls !== o.calls) {
      fail(`device B has ${docs} docs (${cards} cards, ${calls} calls), expected ${expected}`);
    }
    console.log(`push: ${pushed.docs_written} docs written; pull: ${pulled.docs_written} docs written` +
      ` (batch_size ${o.batchSize ?? 'default'}, batches_limit ${o.batchesLimit ?? 'default'},` +
      ` server ${o.inProcess ? 'in-process' : 'child process'}, compression ${o.compression ? 'on' : 'off'},` +
      ` ${o.keepAlive ? 'keep-alive' : 'Connection: close'})`);
    await a.destroy();
    await b.destroy();
    console.log(`pouchdb push_s=${pushS.toFixed(2)} pull_s=${pullS.toFixed(2)} ` +
      `total_s=${(pushS + pullS).toFixed(2)} docs=${docs}`);
  } finally {
    await server.close();
  }
}

if (process.argv[2] === '--serve') {
  serveChild();
} else {
  main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
}
