// Clean disconnects through the sidecar, run by NodePgDisconnectTest: many node-postgres clients that connect, run
// SELECT 1 and end, and a pg.Pool whose idle clients are ended by its idle timeout. An end() is a Terminate message
// and a close; any 'error' event a client or the pool emits is counted (an application without an 'error' listener
// crashes on one). Prints what it observed as key=value lines.
// Arguments: host port database cycles
'use strict';
const { Client, Pool } = require('pg');

const [host, port, database, cyclesArg] = process.argv.slice(2);
const cycles = Number(cyclesArg);
const errors = [];

function report(key, value) {
  process.stdout.write(key + '=' + String(value).replace(/\n/g, '\\n') + '\n');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function clientCycles() {
  let ok = 0;
  for (let i = 0; i < cycles; i++) {
    const client = new Client({ host, port: Number(port), database, user: 'postgres' });
    client.on('error', (e) => errors.push('client ' + i + ': ' + e.code + ' ' + e.message));
    await client.connect();
    const r = await client.query('SELECT 1 AS one');
    if (r.rows[0].one === 1) {
      ok++;
    }
    await client.end();
  }
  // An error event can follow the end by a moment: give it the time to show.
  await sleep(300);
  return ok;
}

async function poolIdleEnds() {
  const pool = new Pool({ host, port: Number(port), database, user: 'postgres', max: 8, idleTimeoutMillis: 50 });
  pool.on('error', (e) => errors.push('pool: ' + e.code + ' ' + e.message));
  let removed = 0;
  pool.on('remove', () => removed++);
  let ok = 0;
  for (let round = 0; round < 10; round++) {
    const results = await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT 1 AS one')));
    ok += results.filter((r) => r.rows[0].one === 1).length;
    // Longer than the idle timeout: every idle client of the pool is ended before the next round.
    await sleep(200);
  }
  await pool.end();
  await sleep(300);
  return [ok, removed];
}

(async () => {
  report('client_cycles_ok', await clientCycles());
  const [poolOk, removed] = await poolIdleEnds();
  report('pool_queries_ok', poolOk);
  report('pool_idle_removed', removed);
  report('errors', errors.length);
  report('error_sample', errors.slice(0, 5).join(' | '));
  report('done', 'yes');
})().catch((e) => {
  report('failed', e.stack);
  process.exit(1);
});
