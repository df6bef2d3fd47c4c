// An unhandled rejection is fatal by default (exit 1), after 'exit' listeners.
process.on('exit', (code) => console.log('exit', code));
async function main() {
  await null;
  throw new RangeError('async failure');
}
main();
