'use strict';
// http.cjs in WORKERS processes with node:cluster: how a Node.js program
// uses several cores, the peer of `shard --cores=N` in the scaling curve.
const cluster = require('node:cluster');

const workers = Number(process.env.WORKERS) || 1;
if (cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork({ BENCH_WORKER: '1' }).on('listening', () => {
      if (++listening === workers) console.log('listening');
    });
  }
} else {
  require('./http.cjs');
}
