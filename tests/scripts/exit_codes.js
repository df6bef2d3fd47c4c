// exitCode set, then 'exit' listeners see it and may change it.
process.on('exit', (code) => {
  console.log('exit listener', code, process.exitCode);
  process.exitCode = 7;
});
process.on('beforeExit', (code) => console.log('beforeExit', code));
process.exitCode = 4;
setTimeout(() => console.log('timer done'), 1);
