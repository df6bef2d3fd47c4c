'use strict';
// What the CommonJS and ES module loaders share: stat and realpath with
// their caches, reading sources, and the lexer that finds the named
// exports of CommonJS modules.

const { internalModuleStat, readFileUtf8, realpath, isSymlink } = internalBinding('module_fs');

// Stat results are cached while a module tree loads (from the top-level
// require() or import until it returns, as Node does), and only positive
// results: a module may create a file and require it right after.
let statCache = null;
let statDepth = 0;

// stat(path) -> 0 file, 1 directory, < 0 -errno.
function stat(filename) {
  if (statCache !== null) {
    const cached = statCache.get(filename);
    if (cached !== undefined) return cached;
  }
  const result = internalModuleStat(filename);
  if (statCache !== null && result >= 0) statCache.set(filename, result);
  return result;
}

// Brackets a load: the outermost enter() starts a cache, its leave()
// drops it.
function enterLoad() {
  if (statDepth++ === 0) statCache = new Map();
}
function leaveLoad() {
  if (--statDepth === 0) statCache = null;
}

// Real paths are cached for the life of the realm, as Node's
// realpathCache is, per directory: resolving a file costs one lstat of
// its last component once its directory is known (libc's realpath()
// would readlink every component of every file).
const realpathCache = new Map();
function toRealPath(requestPath) {
  let real = realpathCache.get(requestPath);
  if (real !== undefined) return real;
  const slash = requestPath.lastIndexOf('/');
  if (slash <= 0 || requestPath.includes('/./') || requestPath.includes('/../') ||
      requestPath.endsWith('/') || requestPath.endsWith('/.') || requestPath.endsWith('/..') ||
      requestPath.includes('//')) {
    real = nativeRealPath(requestPath);
  } else {
    const dir = toRealPath(requestPath.slice(0, slash));
    const candidate = (dir === '/' ? '' : dir) + requestPath.slice(slash);
    const link = isSymlink(candidate);
    real = link === 0 ? candidate : nativeRealPath(candidate);
  }
  realpathCache.set(requestPath, real);
  return real;
}

function nativeRealPath(p) {
  try {
    return realpath(p);
  } catch {
    return p;
  }
}

// cjs-module-lexer (Debian's node-cjs-module-lexer, Node's own), loaded on
// first use: the JavaScript build, which needs no init().
let lexer;
function cjsParse(source, name) {
  lexer ??= require('internal/deps/cjs-module-lexer');
  return lexer.parse(source, name);
}

// Whether a SyntaxError from compiling a file as CommonJS means the file
// is an ES module (Node's --experimental-detect-module, on by default in
// Node 22).
const kEsmSyntaxErrors = [
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
];
const kTopLevelAwaitErrors = [
  'await is only valid in async functions and the top level bodies of modules',
  'Unexpected reserved word',
  'for await is only valid in async functions and the top level bodies of modules',
];
function isEsmSyntaxError(err, source, compileAsModule) {
  if (err === null || typeof err !== 'object' || err.name !== 'SyntaxError') return false;
  const msg = err.message;
  if (kEsmSyntaxErrors.includes(msg)) return true;
  if (kTopLevelAwaitErrors.includes(msg) && compileAsModule !== undefined) {
    // Top-level await: an ES module only if it compiles as one.
    try {
      compileAsModule(source);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

// Per-module state the loaders share, under symbols (the names Node uses,
// so console.log(module) looks the same).
const kIsMainSymbol = Symbol('kIsMainSymbol');
const kIsCachedByESMLoader = Symbol('kIsCachedByESMLoader');
const kURL = Symbol('kURL');
const kFormat = Symbol('kFormat');
const kIsExecuting = Symbol('kIsExecuting');
// The ESM record of a Module whose exports are a namespace (require(esm)).
const kRequiredModuleSymbol = Symbol('kRequiredModuleSymbol');
// The export names the lexer found for a CommonJS module imported by ESM.
const kModuleExportNames = Symbol('kModuleExportNames');
// Each Module's parent, kept outside the object as Node does (module.parent
// is a deprecated getter).
const moduleParentCache = new WeakMap();

// process.getBuiltinModule(id): a built-in by its public name (with or
// without node:), or undefined.
function getBuiltinModule(id) {
  require('internal/validators').validateString(id, 'id');
  const { BuiltinModule, requireBuiltin } = require('internal/bootstrap/realm');
  let normalized;
  if (id.startsWith('node:')) {
    if (BuiltinModule.canBeRequiredWithScheme(id.slice(5))) normalized = id.slice(5);
  } else if (BuiltinModule.canBeRequiredByUsers(id)) {
    normalized = id;
  }
  return normalized === undefined ? undefined : requireBuiltin(normalized);
}

function stripBOM(content) {
  return content.charCodeAt(0) === 0xFEFF ? content.slice(1) : content;
}

module.exports = {
  stat,
  enterLoad,
  leaveLoad,
  toRealPath,
  readFileUtf8,
  cjsParse,
  isEsmSyntaxError,
  stripBOM,
  getBuiltinModule,
  kIsMainSymbol,
  kIsCachedByESMLoader,
  kURL,
  kFormat,
  kIsExecuting,
  kRequiredModuleSymbol,
  kModuleExportNames,
  moduleParentCache,
};
