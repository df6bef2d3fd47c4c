// A named import that a CommonJS module does not provide: Node's message
// suggests importing the default export instead.
import { real, missing as renamed } from './modules/cjs-exports.cjs';
console.log(real, renamed);
