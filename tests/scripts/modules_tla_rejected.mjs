// A rejected top-level await is the entry point's uncaught error.
console.log('start');
await Promise.resolve();
await Promise.reject(new RangeError('rejected at the top level'));
