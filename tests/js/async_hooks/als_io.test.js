'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const net = require('node:net');
const { AsyncLocalStorage } = require('node:async_hooks');

test('I/O callbacks see the store of the code that started the operation', async () => {
  const als = new AsyncLocalStorage();
  const seen = {};
  let serverSocket;
  let server;
  await new Promise((resolve, reject) => {
    server = als.run('server', () => net.createServer((sock) => {
      serverSocket = sock;
      seen.connection = als.getStore();
      sock.on('data', () => sock.write('bye'));
    }));
    server.on('error', reject);
    als.run('listen', () => server.listen(0, '127.0.0.1', () => {
      seen.listening = als.getStore();
      als.run('client', () => {
        const c = net.connect(server.address().port, '127.0.0.1', () => {
          seen.connect = als.getStore();
          c.write('hi');
        });
        c.on('error', reject);
        c.on('data', () => {
          seen.clientData = als.getStore();
          c.destroy();
          resolve();
        });
      });
    }));
  });
  serverSocket.destroy();
  server.close();
  assert.deepStrictEqual(seen, {
    listening: 'listen', connection: 'listen', connect: 'client', clientData: 'client',
  });
});
