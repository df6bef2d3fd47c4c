'use strict';
// CommonJS modules: Module, require(), and Node's resolution: relative and
// absolute paths, node_modules up the tree, package.json "main", "exports"
// and "imports" with the require conditions, self references by package
// name, index files, the registered extensions, built-ins with or without
// the node: prefix, and require() of ES modules (Node 22).
//
// Packages monkey-patch Module._load, _resolveFilename, _extensions,
// _findPath, wrap and friends: every internal path goes through those
// properties so a patch sees the calls Node would make.

const path = require('path');
const { BuiltinModule, requireBuiltin, onFirstRequire } = require('internal/bootstrap/realm');
const { compileFunction, runInThisContext } = internalBinding('contextify');
const { validateString } = require('internal/validators');
const {
  codes: {
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_MODULE_SPECIFIER,
    ERR_UNKNOWN_BUILTIN_MODULE,
    ERR_DLOPEN_FAILED,
    ERR_REQUIRE_CYCLE_MODULE,
    ERR_NOT_IMPLEMENTED,
    ERR_INVALID_URL_SCHEME,
    ERR_UNKNOWN_FILE_EXTENSION,
  },
} = require('internal/errors');
const packageJsonReader = require('internal/modules/package_json_reader');
const {
  stat, enterLoad, leaveLoad, toRealPath, readFileUtf8, isEsmSyntaxError, stripBOM,
} = require('internal/modules/helpers');

const {
  kIsMainSymbol, kIsCachedByESMLoader, kURL, kFormat, kIsExecuting, kRequiredModuleSymbol,
  moduleParentCache,
} = require('internal/modules/helpers');

const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

function updateChildren(parent, child, scan) {
  const children = parent && parent.children;
  if (children && !(scan && children.includes(child))) children.push(child);
}

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  moduleParentCache.set(this, parent);
  updateChildren(parent, this, false);
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this[kIsMainSymbol] = false;
  this[kIsCachedByESMLoader] = false;
  this[kURL] = undefined;
  this[kFormat] = undefined;
  this[kIsExecuting] = false;
}

Object.defineProperty(Module.prototype, 'parent', {
  get() { return moduleParentCache.get(this); },
  set(value) { moduleParentCache.set(this, value); },
  enumerable: false,
  configurable: true,
});

let isPreloading = false;
Object.defineProperty(Module.prototype, 'isPreloading', {
  get() { return isPreloading; },
  enumerable: false,
  configurable: true,
});

Module._cache = { __proto__: null };
Module._pathCache = { __proto__: null };
Module._extensions = { __proto__: null };
Module.globalPaths = [];
Module.builtinModules = Object.freeze(BuiltinModule.getPublicIds());
// request resolved from a directory -> filename (Node's relativeResolveCache).
let relativeResolveCache = { __proto__: null };
let modulePaths = [];

// ---- the wrapper (packages may replace Module.wrap or Module.wrapper) ----

let wrap = function(script) {
  return Module.wrapper[0] + script + Module.wrapper[1];
};
const wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
let wrapperProxy = new Proxy(wrapper, {
  set(target, property, value) {
    patched = true;
    return Reflect.set(target, property, value);
  },
  defineProperty(target, property, descriptor) {
    patched = true;
    return Reflect.defineProperty(target, property, descriptor);
  },
});
let patched = false;
Object.defineProperty(Module, 'wrap', {
  get() { return wrap; },
  set(value) {
    patched = true;
    wrap = value;
  },
  enumerable: false,
  configurable: true,
});
Object.defineProperty(Module, 'wrapper', {
  get() { return wrapperProxy; },
  set(value) {
    patched = true;
    wrapperProxy = value;
  },
  enumerable: false,
  configurable: true,
});

// ---- resolution ----

// The package.json of a directory being required (throws when it does
// not parse, as Node 22 does).
function readPackageMain(requestPath) {
  const pkg = packageJsonReader.readStrict(path.resolve(requestPath, 'package.json'));
  return pkg.exists ? pkg : undefined;
}

function tryFile(requestPath, isMain) {
  const rc = stat(requestPath);
  if (rc !== 0) return false;
  if (preserveSymlinks(isMain)) return path.resolve(requestPath);
  return toRealPath(requestPath);
}

let preserveSymlinksFlags;
function preserveSymlinks(isMain) {
  preserveSymlinksFlags ??= {
    main: process.execArgv.includes('--preserve-symlinks-main'),
    other: process.execArgv.includes('--preserve-symlinks'),
  };
  return isMain ? preserveSymlinksFlags.main : preserveSymlinksFlags.other;
}

function tryExtensions(basePath, exts, isMain) {
  for (let i = 0; i < exts.length; i++) {
    const filename = tryFile(basePath + exts[i], isMain);
    if (filename) return filename;
  }
  return false;
}

function tryPackage(requestPath, exts, isMain, originalPath) {
  const pkg = readPackageMain(requestPath);
  const main = pkg && pkg.main;
  if (!main) return tryExtensions(path.resolve(requestPath, 'index'), exts, isMain);
  const filename = path.resolve(requestPath, main);
  let actual = tryFile(filename, isMain) ||
    tryExtensions(filename, exts, isMain) ||
    tryExtensions(path.resolve(filename, 'index'), exts, isMain);
  if (actual === false) {
    actual = tryExtensions(path.resolve(requestPath, 'index'), exts, isMain);
    if (!actual) {
      const err = new Error(`Cannot find module '${filename}'. Please verify that the package.json has a valid "main" entry`);
      err.code = 'MODULE_NOT_FOUND';
      err.path = path.resolve(requestPath, 'package.json');
      err.requestPath = originalPath;
      throw err;
    }
    const jsonURL = require('internal/modules/file_url').pathToFileHref(pkg.pjsonPath);
    process.emitWarning(`Invalid 'main' field in '${jsonURL}' of '${main}'. Please either fix that or report it to the module author`,
      'DeprecationWarning', 'DEP0128');
  }
  return actual;
}

function createEsmNotFoundErr(request, pjsonPath) {
  const err = new Error(`Cannot find module '${request}'`);
  err.code = 'MODULE_NOT_FOUND';
  if (pjsonPath) err.path = pjsonPath;
  return err;
}

// A path that "exports"/"imports" resolution produced must be a file.
function finalizeEsmResolution(resolved, parentPath, pkgPath) {
  if (/%2f|%5c/i.test(resolved)) {
    // Named by URL, as Node names it (the escapes are still in the path).
    throw new ERR_INVALID_MODULE_SPECIFIER(`file://${resolved}`, 'must not include encoded "/" or "\\" characters', parentPath);
  }
  const actual = tryFile(resolved);
  if (actual) return actual;
  throw createEsmNotFoundErr(resolved, pkgPath);
}

function esmResolver() {
  return require('internal/modules/esm/resolve');
}

// "pkg/sub" under a node_modules folder, through the package's "exports".
const EXPORTS_PATTERN = /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/;
function resolveExports(nmPath, request) {
  const m = EXPORTS_PATTERN.exec(request);
  if (m === null) return undefined;
  const name = m[1];
  const expansion = m[2] || '';
  const pkgPath = path.resolve(nmPath, name);
  const pjsonPath = pkgPath + '/package.json';
  const pkg = packageJsonReader.readStrict(pjsonPath);
  if (pkg.exists && pkg.exports !== undefined && pkg.exports !== null) {
    const resolve = esmResolver();
    try {
      return finalizeEsmResolution(
        resolve.packageExportsResolve(pjsonPath, '.' + expansion, pkg, undefined, resolve.getConditions('require')),
        null, pkgPath);
    } catch (e) {
      if (e.code === 'ERR_MODULE_NOT_FOUND') throw createEsmNotFoundErr(request, pjsonPath);
      throw e;
    }
  }
  return undefined;
}

function isRelativeRequest(request) {
  return esmResolver().isRelativeSpecifier(request);
}

Module._findPath = function(request, paths, isMain) {
  const absoluteRequest = path.isAbsolute(request);
  if (absoluteRequest) {
    paths = [''];
  } else if (!paths || paths.length === 0) {
    return false;
  }
  const cacheKey = request + '\x00' + (paths.length === 1 ? paths[0] : paths.join('\x00'));
  const entry = Module._pathCache[cacheKey];
  if (entry) return entry;

  let exts;
  const trailingSlash = request.length > 0 &&
    (request.endsWith('/') || request.endsWith('/.') || request.endsWith('/..') ||
     request === '.' || request === '..');
  let insidePath = true;
  if (isRelativeRequest(request)) {
    const normalized = path.normalize(request);
    if (normalized.startsWith('..')) insidePath = false;
  }
  for (let i = 0; i < paths.length; i++) {
    const curPath = paths[i];
    if (insidePath && curPath && stat(curPath) < 1) continue;
    if (!absoluteRequest) {
      const exportsResolved = resolveExports(curPath, request);
      if (exportsResolved) return exportsResolved;
    }
    const basePath = path.resolve(curPath, request);
    let filename;
    const rc = stat(basePath);
    if (!trailingSlash) {
      if (rc === 0) filename = tryFile(basePath, isMain);
      if (!filename) {
        exts ??= Object.keys(Module._extensions);
        filename = tryExtensions(basePath, exts, isMain);
      }
    }
    if (!filename && rc === 1) {
      exts ??= Object.keys(Module._extensions);
      filename = tryPackage(basePath, exts, isMain, request);
    }
    if (filename) {
      Module._pathCache[cacheKey] = filename;
      return filename;
    }
  }
  return false;
};

// Every node_modules folder from `from` up to the root, skipping folders
// that are themselves named node_modules.
Module._nodeModulePaths = function(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  let end = from.length;
  for (let i = from.length - 1; i >= 0; i--) {
    if (from.charCodeAt(i) === 47 /* / */) {
      const segment = from.slice(i + 1, end);
      if (segment !== 'node_modules') paths.push(from.slice(0, end) + '/node_modules');
      end = i;
    }
  }
  paths.push('/node_modules');
  return paths;
};

Module._resolveLookupPaths = function(request, parent) {
  if (BuiltinModule.canBeRequiredByUsers(request) ||
      (request.startsWith('node:') && BuiltinModule.canBeRequiredWithScheme(request.slice(5)))) {
    return null;
  }
  if (request[0] !== '.' ||
      (request.length > 1 && request[1] !== '.' && request[1] !== '/')) {
    let paths;
    if (parent && parent.paths && parent.paths.length) {
      paths = parent.paths.concat(modulePaths);
    } else {
      paths = modulePaths;
    }
    return paths.length > 0 ? paths : null;
  }
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

function trySelfParentPath(parent) {
  if (!parent) return process.cwd();
  if (parent.filename) return parent.filename;
  if (parent.id === '<repl>' || parent.id === 'internal/preload') return process.cwd() + '/';
  return false;
}

// A package requiring itself by its own name, through its "exports".
function trySelf(parentPath, request) {
  if (!parentPath) return false;
  const pkg = packageJsonReader.getPackageScope(parentPath.endsWith('/') ? parentPath + 'x' : parentPath);
  if (!pkg.exists || pkg.parseError || pkg.exports === undefined || pkg.exports === null ||
      pkg.name === undefined) {
    return false;
  }
  let expansion;
  if (request === pkg.name) {
    expansion = '.';
  } else if (request.startsWith(`${pkg.name}/`)) {
    expansion = '.' + request.slice(pkg.name.length);
  } else {
    return false;
  }
  const resolve = esmResolver();
  const pkgPath = path.dirname(pkg.pjsonPath);
  try {
    return finalizeEsmResolution(
      resolve.packageExportsResolve(pkg.pjsonPath, expansion, pkg, parentPath, resolve.getConditions('require')),
      parentPath, pkgPath);
  } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND') throw createEsmNotFoundErr(request, pkg.pjsonPath);
    throw e;
  }
}

function isBuiltinRequest(request) {
  if (request.startsWith('node:')) return BuiltinModule.canBeRequiredWithScheme(request.slice(5));
  return BuiltinModule.canBeRequiredByUsers(request);
}

Module._resolveFilename = function(request, parent, isMain, options) {
  if (isBuiltinRequest(request)) return request;
  let paths;
  if (typeof options === 'object' && options !== null) {
    if (Array.isArray(options.paths)) {
      if (request.startsWith('./') || request.startsWith('../')) {
        paths = options.paths;
      } else {
        const fakeParent = new Module('', null);
        paths = [];
        for (const p of options.paths) {
          fakeParent.paths = Module._nodeModulePaths(p);
          const lookupPaths = Module._resolveLookupPaths(request, fakeParent);
          for (const q of lookupPaths) {
            if (!paths.includes(q)) paths.push(q);
          }
        }
      }
    } else if (options.paths === undefined) {
      paths = Module._resolveLookupPaths(request, parent);
    } else {
      throw new ERR_INVALID_ARG_VALUE('options.paths', options.paths);
    }
  } else {
    paths = Module._resolveLookupPaths(request, parent);
  }

  if (request[0] === '#' && parent && (parent.filename || parent.id === '<repl>')) {
    const parentPath = parent.filename ?? process.cwd() + '/';
    const pkg = packageJsonReader.getPackageScope(parentPath);
    if (pkg.exists && !pkg.parseError && pkg.imports !== undefined && pkg.imports !== null) {
      const resolve = esmResolver();
      const conditions = resolve.getConditions('require');
      try {
        const resolved = resolve.packageImportsResolve(request, parentPath, parentPath, conditions,
          (spec, pjsonPath, conds) => resolve.packageResolve(spec, pjsonPath, parentPath, conds));
        // Node turns the node: URL into a path here, which fails.
        if (resolved.startsWith('node:')) throw new ERR_INVALID_URL_SCHEME('file');
        return finalizeEsmResolution(resolved, parentPath, path.dirname(pkg.pjsonPath));
      } catch (e) {
        if (e.code === 'ERR_MODULE_NOT_FOUND') throw createEsmNotFoundErr(request);
        throw e;
      }
    }
  }

  const parentPath = trySelfParentPath(parent);
  const selfResolved = trySelf(parentPath, request);
  if (selfResolved) {
    const cacheKey = request + '\x00' + (paths.length === 1 ? paths[0] : paths.join('\x00'));
    Module._pathCache[cacheKey] = selfResolved;
    return selfResolved;
  }

  const filename = Module._findPath(request, paths, isMain);
  if (filename) return filename;
  const requireStack = [];
  for (let cursor = parent; cursor; cursor = moduleParentCache.get(cursor)) {
    requireStack.push(cursor.filename || cursor.id);
  }
  let message = `Cannot find module '${request}'`;
  if (requireStack.length > 0) message += '\nRequire stack:\n- ' + requireStack.join('\n- ');
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = requireStack;
  throw err;
};

// ---- loading ----

function emitCircularRequireWarning(prop) {
  process.emitWarning(`Accessing non-existent property '${String(prop)}' of module exports inside circular dependency`);
}

// The prototype a partly loaded module's exports get while a cycle reads
// them: reading a property that is not there yet warns, as in Node.
const CircularRequirePrototypeWarningProxy = new Proxy({}, {
  get(target, prop) {
    if (prop in target || prop === '__esModule') return Reflect.get(Object.prototype, prop);
    if (typeof prop !== 'symbol' && prop !== 'then') emitCircularRequireWarning(prop);
    return undefined;
  },
  getOwnPropertyDescriptor(target, prop) {
    if (Object.prototype.hasOwnProperty.call(target, prop) || prop === '__esModule') {
      return Reflect.getOwnPropertyDescriptor(target, prop);
    }
    if (typeof prop !== 'symbol') emitCircularRequireWarning(prop);
    return undefined;
  },
});

function getExportsForCircularRequire(module) {
  const requiredESM = module[kRequiredModuleSymbol];
  if (requiredESM !== undefined && !requiredESM.evaluated) {
    let message = `Cannot require() ES Module ${module.id} in a cycle.`;
    const parent = moduleParentCache.get(module);
    if (parent) message += ` (from ${parent.filename})`;
    throw new ERR_REQUIRE_CYCLE_MODULE(message);
  }
  if (module.exports && Object.getPrototypeOf(module.exports) === Object.prototype &&
      !module.exports.__esModule) {
    Object.setPrototypeOf(module.exports, CircularRequirePrototypeWarningProxy);
  }
  return module.exports;
}

Module._load = function(request, parent, isMain) {
  let relResolveCacheIdentifier;
  if (parent) {
    relResolveCacheIdentifier = `${parent.path}\x00${request}`;
    const filename = relativeResolveCache[relResolveCacheIdentifier];
    if (filename !== undefined) {
      const cachedModule = Module._cache[filename];
      if (cachedModule !== undefined) {
        updateChildren(parent, cachedModule, true);
        if (!cachedModule.loaded) return getExportsForCircularRequire(cachedModule);
        return cachedModule.exports;
      }
      delete relativeResolveCache[relResolveCacheIdentifier];
    }
  }

  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (!BuiltinModule.canBeRequiredWithScheme(id)) throw new ERR_UNKNOWN_BUILTIN_MODULE(request);
    return requireBuiltin(id);
  }

  const filename = Module._resolveFilename(request, parent, isMain);
  const cachedModule = Module._cache[filename];
  if (cachedModule !== undefined) {
    updateChildren(parent, cachedModule, true);
    if (cachedModule.loaded) return cachedModule.exports;
    // Not yet loaded and not put there by the ESM loader: a cycle.
    if (!cachedModule[kIsCachedByESMLoader]) return getExportsForCircularRequire(cachedModule);
    // Put there by the ESM loader (import of CommonJS): load it now.
    cachedModule[kIsCachedByESMLoader] = false;
  }

  if (filename.startsWith('node:')) return requireBuiltin(filename.slice(5));
  if (BuiltinModule.canBeRequiredByUsers(filename)) return requireBuiltin(filename);

  const module = cachedModule || new Module(filename, parent);
  if (!cachedModule) {
    if (isMain) {
      process.mainModule = module;
      module.id = '.';
      module[kIsMainSymbol] = true;
    }
    Module._cache[filename] = module;
  }
  if (parent !== undefined && parent !== null) {
    relativeResolveCache[relResolveCacheIdentifier] = filename;
  }

  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent !== undefined && parent !== null) {
        delete relativeResolveCache[relResolveCacheIdentifier];
        const children = parent.children;
        if (Array.isArray(children)) {
          const index = children.indexOf(module);
          if (index !== -1) children.splice(index, 1);
        }
      }
    } else if (module.exports && typeof module.exports === 'object' &&
               Object.getPrototypeOf(module.exports) === CircularRequirePrototypeWarningProxy) {
      Object.setPrototypeOf(module.exports, Object.prototype);
    }
  }
  return module.exports;
};

function findLongestRegisteredExtension(filename) {
  const name = path.basename(filename);
  let index;
  let startIndex = 0;
  while ((index = name.indexOf('.', startIndex)) !== -1) {
    startIndex = index + 1;
    if (index === 0) continue; // a dotfile such as .eslintrc
    const currentExtension = name.slice(index);
    if (Module._extensions[currentExtension]) return currentExtension;
  }
  return '.js';
}

Module.prototype.load = function(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  const extension = findLongestRegisteredExtension(filename);
  Module._extensions[extension](this, filename);
  this.loaded = true;
};

Module.prototype.require = function(id) {
  validateString(id, 'id');
  if (id === '') throw new ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  enterLoad();
  try {
    return Module._load(id, this, false);
  } finally {
    leaveLoad();
  }
};

function stripShebang(content) {
  // V8 accepts a hashbang only at the start of a script, not of a
  // function body: blank it out, keeping columns and line numbers.
  if (content.charCodeAt(0) === 35 /* # */ && content.charCodeAt(1) === 33 /* ! */) {
    return '//' + content.slice(2);
  }
  return content;
}
Module._stripShebang = stripShebang;

// Compiles CommonJS source. Returns { fn } or { esm: true } when the
// source is an ES module (a typeless .js file with import/export).
function wrapSafe(filename, content, format) {
  if (patched) {
    const wrapped = Module.wrap(content);
    return { fn: runInThisContext(wrapped, filename) };
  }
  const source = stripShebang(content);
  if (format === undefined) {
    // A typeless .js file may be an ES module: look at why it fails.
    try {
      return { fn: compileFunction(source, filename, kWrapperParams) };
    } catch (err) {
      if (isEsmSyntaxError(err, content, compileAsModuleCheck)) return { esm: true };
    }
  }
  // Compiled (again) outside any catch, so that an uncaught SyntaxError
  // points at the file, line and column, not at a rethrow here.
  return { fn: compileFunction(source, filename, kWrapperParams) };
}

function compileAsModuleCheck(source) {
  const binding = internalBinding('modules');
  binding.release(binding.compileModule(source, 'file:///[detect]'));
}

Module.prototype._compile = function(content, filename, format) {
  let compiled;
  if (format !== 'module') {
    compiled = wrapSafe(filename, content, format);
    if (compiled.esm) format = 'module';
  }
  if (format === 'module') {
    loadESMFromCJS(this, filename, content);
    return undefined;
  }
  const dirname = path.dirname(filename);
  const require = makeRequireFunction(this);
  const exports = this.exports;
  this[kIsExecuting] = true;
  enterLoad();
  let result;
  try {
    result = Reflect.apply(compiled.fn, exports, [exports, require, this, filename, dirname]);
  } finally {
    leaveLoad();
    this[kIsExecuting] = false;
  }
  return result;
};

function esmLoader() {
  return require('internal/modules/esm/loader');
}

// An ES module reached by require(): loaded, linked and evaluated
// synchronously; its namespace becomes module.exports. A typeless .js
// main module with ESM syntax runs as the ESM entry point instead.
function loadESMFromCJS(mod, filename, source) {
  const ext = path.extname(filename);
  if (ext !== '' && ext !== '.js' && ext !== '.mjs') {
    // ES module syntax in a file the ES module loader has no format for.
    throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filename);
  }
  const loader = esmLoader();
  if (mod[kIsMainSymbol]) {
    process.mainModule = undefined;
    loader.runEntryPoint(filename, source);
    return;
  }
  const { record, namespace } = loader.requireESM(filename, source, moduleParentCache.get(mod));
  mod[kRequiredModuleSymbol] = record;
  mod[kURL] = record.url;
  mod[kFormat] = 'module';
  if (Object.prototype.hasOwnProperty.call(namespace, 'module.exports')) {
    mod.exports = namespace['module.exports'];
  } else if (!Object.prototype.hasOwnProperty.call(namespace, 'default') ||
             Object.prototype.hasOwnProperty.call(namespace, '__esModule')) {
    mod.exports = namespace;
  } else {
    // As Node: tools that turn ESM into CJS look for __esModule.
    mod.exports = loader.esModuleFacade(record);
  }
}

function makeRequireFunction(mod) {
  const require = function require(id) {
    return mod.require(id);
  };
  function resolve(request, options) {
    validateString(request, 'request');
    return Module._resolveFilename(request, mod, false, options);
  }
  require.resolve = resolve;
  function paths(request) {
    validateString(request, 'request');
    return Module._resolveLookupPaths(request, mod);
  }
  resolve.paths = paths;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}
Module.createRequireForModule = makeRequireFunction;

Module._extensions['.js'] = function(module, filename) {
  let format;
  if (filename.endsWith('.cjs')) {
    format = 'commonjs';
  } else if (filename.endsWith('.mjs')) {
    format = 'module';
  } else if (filename.endsWith('.js')) {
    const type = packageJsonReader.getPackageType(filename);
    if (type !== 'none') format = type;
  }
  // Other extensions (or none): the syntax decides, as in Node 22.
  const content = readFileUtf8(filename);
  module[kFormat] = format;
  module._compile(content, filename, format);
};

Module._extensions['.json'] = function(module, filename) {
  const content = readFileUtf8(filename);
  try {
    module.exports = JSON.parse(stripBOM(content));
  } catch (err) {
    err.message = filename + ': ' + err.message;
    throw err;
  }
};

Module._extensions['.node'] = function(module, filename) {
  throw new ERR_DLOPEN_FAILED(`Cannot load native addon ${filename}: shard does not load native addons (.node files) yet`);
};

// ---- entry points and the public API ----

Module._initPaths = function() {
  const homeDir = process.env.HOME;
  const nodePath = process.env.NODE_PATH;
  const prefixDir = path.resolve(process.execPath, '..', '..');
  let paths = [path.resolve(prefixDir, 'lib', 'node')];
  if (homeDir) {
    paths.unshift(path.resolve(homeDir, '.node_libraries'));
    paths.unshift(path.resolve(homeDir, '.node_modules'));
  }
  if (nodePath) {
    paths = nodePath.split(path.delimiter).filter(Boolean).concat(paths);
  }
  modulePaths = paths;
  Module.globalPaths = modulePaths.slice();
};

Module.runMain = function(main = process.argv[1]) {
  require('internal/main/run').executeUserEntryPoint(main);
};

Module._preloadModules = function(requests) {
  if (!Array.isArray(requests)) return;
  isPreloading = true;
  const parent = new Module('internal/preload', null);
  try {
    parent.paths = Module._nodeModulePaths(process.cwd());
  } catch (e) {
    if (e.code !== 'ENOENT') {
      isPreloading = false;
      throw e;
    }
  }
  try {
    for (const request of requests) parent.require(request);
  } finally {
    isPreloading = false;
  }
};

Module._preloadModule = function(request) {
  Module._preloadModules([request]);
};

const createRequireError = 'must be a file URL object, file URL string, or absolute path string';

Module.createRequire = function createRequire(filename) {
  let filepath;
  const isURL = filename !== null && typeof filename === 'object' && typeof filename.href === 'string' &&
    typeof filename.protocol === 'string';
  if (isURL || (typeof filename === 'string' && !path.isAbsolute(filename))) {
    try {
      filepath = require('internal/modules/file_url').fileHrefToPath(isURL ? filename.href : filename);
    } catch {
      throw new ERR_INVALID_ARG_VALUE('filename', filename, createRequireError);
    }
  } else if (typeof filename !== 'string') {
    throw new ERR_INVALID_ARG_VALUE('filename', filename, createRequireError);
  } else {
    filepath = filename;
  }
  const proxyPath = filepath.endsWith('/') ? path.join(filepath, 'noop.js') : filepath;
  const m = new Module(proxyPath);
  m.filename = proxyPath;
  m.paths = Module._nodeModulePaths(m.path);
  return makeRequireFunction(m);
};

Module.isBuiltin = function isBuiltin(moduleName) {
  if (typeof moduleName !== 'string') return false;
  return isBuiltinRequest(moduleName);
};

Module.syncBuiltinESMExports = function syncBuiltinESMExports() {
  esmLoader().syncBuiltinESMExports();
};

Module.findSourceMap = function findSourceMap() {
  return undefined;
};

Module.register = function register() {
  throw new ERR_NOT_IMPLEMENTED('module.register() (module customization hooks)');
};

Module.registerHooks = function registerHooks() {
  throw new ERR_NOT_IMPLEMENTED('module.registerHooks() (module customization hooks)');
};

Module.constants = Object.freeze({
  __proto__: null,
  compileCacheStatus: Object.freeze({ __proto__: null, FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 }),
});

// shard keeps no on-disk compile cache: reported as disabled.
Module.enableCompileCache = function enableCompileCache() {
  return { status: Module.constants.compileCacheStatus.DISABLED, message: 'shard has no module compile cache' };
};
Module.getCompileCacheDir = function getCompileCacheDir() {
  return undefined;
};
Module.flushCompileCache = function flushCompileCache() {};

// module.findPackageJSON(specifier[, base]): the path of the package.json
// that applies to what specifier resolves to.
Module.findPackageJSON = function findPackageJSON(specifier, base) {
  const fileUrl = require('internal/modules/file_url');
  if (base !== undefined) base = fileUrl.toPathIfFileURL(base);
  if (typeof base === 'string' && base.startsWith('file:')) base = fileUrl.fileHrefToPath(base);
  specifier = fileUrl.toPathIfFileURL(specifier);
  validateString(specifier, 'specifier');
  let target;
  if (specifier.startsWith('file:')) {
    target = fileUrl.fileHrefToPath(specifier);
  } else if (path.isAbsolute(specifier)) {
    target = specifier;
  } else {
    if (base === undefined) {
      throw new ERR_INVALID_ARG_VALUE('base', base, 'must be defined when specifier is not absolute');
    }
    if (specifier[0] === '.') {
      target = path.resolve(path.dirname(base), specifier);
    } else {
      const req = Module.createRequire(base);
      const { parsePackageName } = esmResolver();
      const { packageName } = parsePackageName(specifier, base);
      for (const dir of req.resolve.paths(specifier) || []) {
        const pjsonPath = path.join(dir, packageName, 'package.json');
        if (packageJsonReader.read(pjsonPath).exists) return pjsonPath;
      }
      return undefined;
    }
  }
  const pkg = packageJsonReader.getPackageScope(target);
  return pkg.exists ? pkg.pjsonPath : undefined;
};

Module.SourceMap = class SourceMap {
  constructor() {
    throw new ERR_NOT_IMPLEMENTED('module.SourceMap');
  }
};

Module._readPackage = function(requestPath) {
  const pkg = readPackageMain(requestPath);
  return pkg ? pkg.raw : false;
};
Module._stat = stat;

// Reads process.env (NODE_PATH, HOME): each realm's own.
onFirstRequire(module, () => Module._initPaths());

Module.Module = Module;
module.exports = Module;
