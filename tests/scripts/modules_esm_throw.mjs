// An error thrown by an ES module entry point: the source line and caret,
// the error, exit code 1.
import { value } from './modules/value.mjs';
process.on('exit', (code) => console.log('exit', code));
console.log('before', value);
throw new TypeError('boom from an ES module');
