// An uncaught exception prints the source line, a caret and the stack, runs
// 'exit' listeners with code 1, and exits 1.
process.on('exit', (code) => console.log('exit', code));
function explode() {
  throw new TypeError('bad thing');
}
setTimeout(explode, 1);
