'use strict';
// node:cluster on shard's cores: in the primary, cluster.fork() starts one
// more copy of the program as a new core of this process; inside a copy,
// cluster.worker and process.send talk to the primary. See
// internal/cluster/primary and internal/cluster/child.

const { kind } = internalBinding('worker');
module.exports = kind === 'cluster' ? require('internal/cluster/child') : require('internal/cluster/primary');
