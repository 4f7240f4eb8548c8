// An application written with node-postgres (pg), run through the sidecar by NodePgTest.
//
// Window: people.full_name -> display_name, starting in mirror. node-postgres sends every parameterized query with
// the extended protocol (Parse/Bind/Execute), unnamed unless the query has a name, in which case the statement is
// prepared once on the connection and only bound afterwards. The script prints what it observed as key=value lines.
// Midway it writes the file "ready" into the handshake directory and waits for "go": the test changes the window's
// phase in between, and the named statements prepared before must then run with the new rewrite.
// Arguments: host port database handshake-directory
'use strict';
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const [host, port, database, handshake] = process.argv.slice(2);

function report(key, value) {
  process.stdout.write(key + '=' + String(value).replace(/\n/g, '\\n') + '\n');
}

async function expectError(client, key, query, values) {
  try {
    await client.query(query, values);
    report(key, 'no error');
  } catch (e) {
    report(key, e.code);
    report(key + '_message', e.message);
  }
}

function waitFor(file, ms) {
  return new Promise((resolve, reject) => {
    const until = Date.now() + ms;
    const poll = () => {
      if (fs.existsSync(file)) {
        resolve();
      } else if (Date.now() > until) {
        reject(new Error('no ' + file));
      } else {
        setTimeout(poll, 20);
      }
    };
    poll();
  });
}

async function main() {
  const client = new Client({ host, port: Number(port), database, user: 'postgres',
    application_name: 'node-pg-through-sidecar', connectionTimeoutMillis: 10000 });
  await client.connect();

  // Parameterized queries (unnamed extended protocol), old name and new name.
  await client.query('INSERT INTO people (id, full_name, email) VALUES ($1, $2, $3)', [1, 'Ada', 'ada@example.org']);
  await client.query('INSERT INTO people (id, display_name, email) VALUES ($1, $2, $3)', [2, 'Grace', null]);
  let r = await client.query('SELECT id, display_name, full_name FROM people WHERE id = ANY($1::int[]) ORDER BY id',
    [[1, 2]]);
  report('fields', r.fields.map((f) => f.name).join(','));
  report('rows', r.rows.map((x) => x.id + ':' + x.display_name + '/' + x.full_name).join(','));
  r = await client.query('UPDATE people SET display_name = $1 WHERE id = $2 RETURNING full_name, display_name',
    ['Ada Lovelace', 1]);
  report('returning', r.rows[0].full_name + '/' + r.rows[0].display_name);

  // Named (server-side prepared) statements, each run several times.
  const insertNamed = { name: 'insert-person', text: 'INSERT INTO people (id, full_name) VALUES ($1, $2)' };
  for (let i = 10; i < 15; i++) {
    await client.query({ ...insertNamed, values: [i, 'named ' + i] });
  }
  const readNamed = { name: 'read-display-name', text: 'SELECT display_name FROM people WHERE id = $1' };
  r = await client.query({ ...readNamed, values: [12] });
  report('named_read', r.rows[0].display_name);
  r = await client.query({ ...readNamed, values: [13] });
  report('named_read_again', r.rows[0].display_name);

  // Transactions.
  await client.query('BEGIN');
  await client.query('UPDATE people SET full_name = $1 WHERE id = $2', ['rolled back', 2]);
  await client.query('ROLLBACK');
  await client.query('BEGIN');
  await client.query({ ...insertNamed, values: [20, 'in a transaction'] });
  await client.query('COMMIT');
  r = await client.query('SELECT display_name FROM people WHERE id = $1', [2]);
  report('after_rollback', r.rows[0].display_name);

  // A rejected statement inside a transaction aborts it like a server error; the session stays usable.
  await client.query('BEGIN');
  await expectError(client, 'rejected', 'UPDATE people SET full_name = md5(random()::text) || $1 WHERE id = $2',
    ['x', 1]);
  await expectError(client, 'after_rejection_in_tx', 'SELECT 1');
  await client.query('ROLLBACK');
  // A rejected named statement, outside a transaction, twice: the name stays usable for the client.
  const rejectedNamed = { name: 'rejected-named', text: 'INSERT INTO people (id, full_name) VALUES ($1, random()::text)' };
  await expectError(client, 'rejected_named', { ...rejectedNamed, values: [40] });
  await expectError(client, 'rejected_named_again', { ...rejectedNamed, values: [41] });
  await expectError(client, 'duplicate', 'INSERT INTO people (id, full_name) VALUES ($1, $2)', [1, 'dup']);
  r = await client.query('SELECT count(*)::int AS n FROM people');
  report('count_after_errors', r.rows[0].n);

  // Row 30 has physically different values (written by the test), so a read shows which column served it.
  r = await client.query({ ...readNamed, values: [30] });
  report('named_read_before_phase_change', r.rows[0].display_name);
  fs.writeFileSync(path.join(handshake, 'ready'), 'ready');
  await waitFor(path.join(handshake, 'go'), 30000);
  r = await client.query({ ...readNamed, values: [30] });
  report('named_read_after_phase_change', r.rows[0].display_name);
  await client.query({ ...insertNamed, values: [31, 'written in new-only'] });
  r = await client.query('SELECT display_name FROM people WHERE id = $1', [31]);
  report('named_insert_after_phase_change', r.rows[0].display_name);

  await client.end();
  report('done', 'yes');
}

main().catch((e) => {
  report('fatal', e.stack || e);
  process.exit(1);
});
