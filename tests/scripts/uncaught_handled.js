// 'uncaughtException' keeps the process alive; later timers still run.
process.on('uncaughtException', (err, origin) => {
  console.log('caught', err.message, origin);
});
setTimeout(() => { throw new Error('first'); }, 1);
setTimeout(() => console.log('second timer runs'), 5);
