// The first JavaScript a realm runs. Sets up the loader of the built-in
// modules (modules/*.js, embedded in the binary) and internalBinding(), then
// hands over to internal/bootstrap/node.
//
// Called by js/realm.cc as function (process, getInternalBinding, global,
// preload). To make the worker snapshot (js/snapshot.cc), preload lists the
// built-ins to evaluate now; the result is then the function that goes on
// with the bootstrap, run by each Worker that starts from the snapshot.
'use strict';

// Evaluating built-ins into the worker snapshot (not yet running a realm
// started from it).
let snapshotting = preload !== undefined;

const bindingCache = { __proto__: null };
function internalBinding(name) {
  let binding = bindingCache[name];
  if (binding === undefined) {
    binding = getInternalBinding(name);
    bindingCache[name] = binding;
  }
  return binding;
}

const { compileFunction, ids: builtinIds } = internalBinding('builtins');

// Built-ins users may require: everything outside internal/.
const publicIds = new Set();
for (const id of builtinIds) {
  if (!id.startsWith('internal/')) publicIds.add(id);
}
// Modules that exist only under the node: scheme, as in Node.
const schemeOnly = new Set(['test', 'test/reporters', 'sqlite', 'sea']);

const kParams = ['exports', 'require', 'module', 'process', 'internalBinding'];

class BuiltinModule {
  constructor(id) {
    this.id = id;
    this.filename = `${id}.js`;
    this.exports = {};
    this.loaded = false;
    this.loading = false;
    this.deferred = undefined; // see onFirstRequire
  }

  static exists(id) {
    return publicIds.has(id) || builtinIds.includes(id);
  }

  // Whether `require(id)` from user code reaches a built-in.
  static canBeRequiredByUsers(id) {
    return publicIds.has(id) && !schemeOnly.has(id);
  }

  static canBeRequiredWithScheme(id) {
    return publicIds.has(id);
  }

  static isSchemeOnly(id) {
    return schemeOnly.has(id);
  }

  static getPublicIds() {
    return [...publicIds].filter((id) => !schemeOnly.has(id)).sort();
  }

  static getSchemeOnlyIds() {
    return [...schemeOnly].filter((id) => publicIds.has(id));
  }
}

const builtinCache = new Map();

function requireBuiltin(id) {
  const cached = builtinCache.get(id);
  if (cached !== undefined) {
    if (cached.deferred !== undefined && !snapshotting) runDeferred(cached);
    return cached.exports;
  }
  const mod = new BuiltinModule(id);
  builtinCache.set(id, mod);
  const fn = compileFunction(id, kParams);
  mod.loading = true;
  try {
    fn.call(undefined, mod.exports, requireBuiltin, mod, process, internalBinding);
  } catch (err) {
    builtinCache.delete(id);
    throw err;
  }
  mod.loading = false;
  mod.loaded = true;
  return mod.exports;
}

// What a built-in does on loading that reads the running program
// (process.env, options) goes through onFirstRequire(module, fn): it runs
// now, or, when the built-in is being evaluated into the worker snapshot, at
// its first require in each realm started from the snapshot (when it would
// have been loaded without one).
function onFirstRequire(mod, fn) {
  if (!snapshotting) fn();
  else (mod.deferred ??= []).push(fn);
}

function runDeferred(mod) {
  const deferred = mod.deferred;
  mod.deferred = undefined;
  for (const fn of deferred) fn();
}

// Other built-ins reach the loader through this module id.
const loaders = { BuiltinModule, requireBuiltin, internalBinding, builtinCache, global, onFirstRequire };
const self = new BuiltinModule('internal/bootstrap/realm');
self.exports = loaders;
self.loaded = true;
builtinCache.set('internal/bootstrap/realm', self);

if (preload === undefined) {
  requireBuiltin('internal/bootstrap/node');
} else {
  for (const id of preload) requireBuiltin(id);
  return function bootstrap() {
    snapshotting = false;
    // A binding with state in C++ takes its arrays again (this realm's copies).
    for (const name in bindingCache) bindingCache[name].attach?.();
    requireBuiltin('internal/bootstrap/node');
  };
}
