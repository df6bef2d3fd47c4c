// util.inspect of module namespace objects: null prototype, sorted export
// names, bindings still in their temporal dead zone, live bindings.
import * as self from './inspect_module.mjs';
import * as other from './inspect_fixtures/namespace.mjs';
import util from 'node:util';

// Before this module's body has run, its own bindings are uninitialised.
console.log(util.inspect(self));
console.log(other);
console.log(util.inspect(other, { showHidden: true }));
console.log(util.inspect(other, { depth: 0 }));
other.bump();
console.log(other.counter, util.inspect(other));
console.log({ ns: other, nested: { deeper: { ns: other } } });
console.log(Object.prototype.toString.call(other), util.types.isModuleNamespaceObject(other));
export const late = 1;
export let value = { nested: { deep: { deeper: 1 } } };
export function fn() {}
export default class Def {}
console.log(self);
console.log(util.inspect(self, { compact: false }));
console.log(util.inspect(await import('./inspect_fixtures/namespace.mjs')));
