'use strict';
// cluster.Worker: a copy of the program, seen from the primary (where it is
// a core started by cluster.fork()) or from inside it (cluster.worker).

const EventEmitter = require('events');

class Worker extends EventEmitter {
  constructor(options = {}) {
    super();
    this.exitedAfterDisconnect = undefined;
    this.state = options.state || 'none';
    this.id = options.id | 0;
    if (options.process !== undefined) {
      this.process = options.process;
      this.process.on('error', (err) => this.emit('error', err));
      this.process.on('message', (message, handle) => this.emit('message', message, handle));
    }
  }

  kill(signal) {
    this.destroy(signal);
  }

  send(...args) {
    return this.process.send(...args);
  }

  isDead() {
    return this.process.exitCode != null || this.process.signalCode != null;
  }

  isConnected() {
    return this.process.connected;
  }
}

module.exports = Worker;
