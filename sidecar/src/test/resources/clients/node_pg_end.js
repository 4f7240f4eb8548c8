// The smallest node-postgres program that shows whether ending a client through the sidecar is clean: it connects,
// runs one query and ends, many times in a row, and counts the 'error' events the clients emit. Directly against
// PostgreSQL there are none. A client that gets an error event while it ends is what pg.Pool reports as a pool error
// (and what crashes an application without an error listener). Run by NodePgPoolTest.
// Arguments: host port database count
'use strict';
const { Client } = require('pg');

const [host, port, database, count] = process.argv.slice(2);

async function main() {
  let errors = 0;
  const seen = [];
  for (let i = 0; i < Number(count); i++) {
    const client = new Client({ host, port: Number(port), database, user: 'postgres',
      connectionTimeoutMillis: 10000 });
    client.on('error', (e) => {
      errors++;
      if (seen.length < 3) {
        seen.push((e.code || '') + ' ' + e.message);
      }
    });
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
  }
  // An error that follows the end arrives on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 200));
  console.log('ended=' + count);
  console.log('errors=' + errors);
  seen.forEach((s, k) => console.log('error.' + k + '=' + s));
}

main().catch((e) => {
  console.log('fatal=' + (e.stack || e));
  process.exit(1);
});
