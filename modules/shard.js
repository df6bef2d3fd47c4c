'use strict';
// node's `shard` module: which core this copy of the program runs on, and
// the runtime's own facilities.

const options = internalBinding('process').getOptions();

module.exports = {
  core: options.core,
  cores: options.cores,
  cpu: options.cpu,
  version: process.versions.shard,
};
