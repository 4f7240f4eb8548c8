// One version of a Node application on node-postgres with pg.Pool, run through the sidecar by NodePgPoolTest.
//
// The workload contract (arguments, control directory, report lines) is described in RollingRename.java. The old
// version says full_name, the new one display_name; neither knows the phase. The pool ends a client that has been idle
// for longer than idleTimeoutMillis and opens a new one when it needs one, so across the window's phase changes
// clients are ended and new ones connect all the time; the workload pauses now and then for longer than the idle
// timeout to make sure of it. Named statements are prepared once per client and then only bound, so each new client
// prepares them again under the phase in force. Any error the pool reports (an idle client that fails, a client that
// fails while or after it is ended) counts as a failure: an application without a pool error listener would crash.
// Arguments: host port database role control-directory
'use strict';
const fs = require('fs');
const path = require('path');
const { Pool } = require('pg');

const [host, port, database, role, control] = process.argv.slice(2);
const name = role === 'old' ? 'full_name' : 'display_name';
const IDLE_TIMEOUT_MS = 40;

const failures = [];
const counts = { iterations: 0, inserted: 0, clients_connected: 0, clients_removed: 0, in_transaction: 0 };

function report(key, value) {
  process.stdout.write(key + '=' + String(value).replace(/\n/g, '\\n') + '\n');
}

function expect(what, actual, expected) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    failures.push(what + ': read ' + JSON.stringify(actual) + ', expected ' + JSON.stringify(expected));
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const pool = new Pool({ host, port: Number(port), database, user: 'postgres', max: 3,
  idleTimeoutMillis: IDLE_TIMEOUT_MS, connectionTimeoutMillis: 10000,
  application_name: 'node-pg-pool-' + role + '-version' });
pool.on('connect', () => { counts.clients_connected++; });
pool.on('remove', () => { counts.clients_removed++; });
pool.on('error', (e) => { failures.push('pool error event: ' + (e.code || '') + ' ' + e.message); });

const insertNamed = { name: 'insert-person', text: 'INSERT INTO people (email, ' + name + ') VALUES ($1, $2) RETURNING id' };
const readNamed = { name: 'read-person', text: 'SELECT ' + name + ' FROM people WHERE id = $1' };
const updateNamed = { name: 'rename-person', text: 'UPDATE people SET ' + name + ' = $1 WHERE id = $2' };
const byName = 'SELECT id FROM people WHERE ' + name + ' = $1';

async function iteration(i, email) {
  const inserted = await pool.query({ ...insertNamed, values: [email, 'n:' + email] });
  const id = inserted.rows[0].id;
  counts.inserted++;
  let r = await pool.query({ ...readNamed, values: [id] });
  expect('named read', r.rows.map((x) => x[name]), ['n:' + email]);
  r = await pool.query({ ...updateNamed, values: ['r:' + email, id] });
  expect('named update', r.rowCount, 1);
  r = await pool.query(byName, ['r:' + email]);
  expect('read by name', r.rows.map((x) => x.id), [id]);
  r = await pool.query('SELECT * FROM people WHERE id = $1', [id]);
  expect('SELECT * ' + name, r.rows.map((x) => x[name]), ['r:' + email]);
  if (i % 3 === 0) {
    // A client checked out for a transaction, with the named insert inside it.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (let k = 0; k < 2; k++) {
        const e = email + '-tx' + k;
        await client.query({ ...insertNamed, values: [e, 'r:' + e] });
      }
      await client.query('COMMIT');
      counts.inserted += 2;
      counts.in_transaction++;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
}

async function main() {
  const stamp = process.pid + '-' + Date.now();
  let i = 0;
  while (!fs.existsSync(path.join(control, 'stop'))) {
    i++;
    try {
      await iteration(i, role + '-' + stamp + '-' + i);
    } catch (e) {
      failures.push('iteration ' + i + ': ' + (e.code || '') + ' ' + e.message);
    }
    counts.iterations = i;
    const tmp = path.join(control, role + '.progress.tmp');
    fs.writeFileSync(tmp, String(i));
    fs.renameSync(tmp, path.join(control, role + '.progress'));
    // Every other iteration waits past the idle timeout: the pool ends its idle clients meanwhile.
    await sleep(i % 2 === 0 ? IDLE_TIMEOUT_MS * 3 : 5);
  }
  await pool.end();
  // Errors emitted while the pool ended its last clients arrive on later turns of the event loop.
  await sleep(200);
  for (const [k, v] of Object.entries(counts)) {
    report(k, v);
  }
  report('failures', failures.length);
  failures.slice(0, 10).forEach((f, k) => report('failure.' + k, f));
}

main().catch((e) => {
  report('fatal', e.stack || e);
  process.exit(1);
});
