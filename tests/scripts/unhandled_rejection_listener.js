// With an 'unhandledRejection' listener the process goes on.
process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandled', reason.message, promise instanceof Promise);
});
Promise.reject(new Error('nobody catches'));
const late = Promise.reject(new Error('caught late'));
setTimeout(() => late.catch((e) => console.log('late catch', e.message)), 1);
