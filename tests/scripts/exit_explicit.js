// process.exit(3) stops at once: later timers and code do not run.
process.on('exit', (code) => console.log('exit', code));
setTimeout(() => console.log('never'), 1);
console.log('before');
process.exit(3);
console.log('after');
