'use strict';
// CommonJS modules: Module, require(), and Node's resolution (relative and
// absolute paths, node_modules up the tree, package.json "main", index files,
// .js/.json/.cjs, built-ins with or without the node: prefix).

const path = require('path');
const { BuiltinModule, requireBuiltin } = require('internal/bootstrap/realm');
const { internalModuleStat, readFileUtf8, readPackageJson, realpath } = internalBinding('module_fs');
const { compileFunction } = internalBinding('contextify');
const { validateString } = require('internal/validators');
const { codes: { ERR_INVALID_ARG_VALUE, ERR_REQUIRE_ESM, ERR_DLOPEN_FAILED } } = require('internal/errors');

const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = undefined;
  Object.defineProperty(this, 'parent', { value: parent, writable: true, enumerable: false, configurable: true });
  if (parent && parent.children) parent.children.push(this);
}

Module._cache = { __proto__: null };
Module._pathCache = { __proto__: null };
Module._extensions = { __proto__: null };
Module.globalPaths = [];
Module.builtinModules = BuiltinModule.getPublicIds();

const statCache = new Map();
function stat(filename) {
  let result = statCache.get(filename);
  if (result === undefined) {
    result = internalModuleStat(filename);
    statCache.set(filename, result);
  }
  return result;
}

const packageJsonCache = new Map();
function readPackage(dir) {
  const jsonPath = path.resolve(dir, 'package.json');
  if (packageJsonCache.has(jsonPath)) return packageJsonCache.get(jsonPath);
  const text = readPackageJson(jsonPath);
  if (text === undefined) {
    packageJsonCache.set(jsonPath, false);
    return false;
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    e.path = jsonPath;
    e.message = `Error parsing ${jsonPath}: ${e.message}`;
    throw e;
  }
  const pkg = { name: parsed.name, main: parsed.main, exports: parsed.exports, imports: parsed.imports, type: parsed.type };
  packageJsonCache.set(jsonPath, pkg);
  return pkg;
}

function tryFile(requestPath) {
  const rc = stat(requestPath);
  if (rc !== 0) return false;
  return toRealPath(requestPath);
}

function toRealPath(requestPath) {
  try {
    return realpath(requestPath);
  } catch {
    return requestPath;
  }
}

function tryExtensions(basePath, exts) {
  for (const ext of exts) {
    const filename = tryFile(basePath + ext);
    if (filename) return filename;
  }
  return false;
}

function tryPackage(requestPath, exts, originalPath) {
  const pkg = readPackage(requestPath);
  const main = pkg && typeof pkg.main === 'string' ? pkg.main : undefined;
  if (!main) return tryExtensions(path.resolve(requestPath, 'index'), exts);
  const filename = path.resolve(requestPath, main);
  let actual = tryFile(filename) || tryExtensions(filename, exts) ||
    tryExtensions(path.resolve(filename, 'index'), exts);
  if (actual === false) {
    actual = tryExtensions(path.resolve(requestPath, 'index'), exts);
    if (!actual) {
      const err = new Error(`Cannot find module '${filename}'. Please verify that the package.json has a valid "main" entry`);
      err.code = 'MODULE_NOT_FOUND';
      err.path = path.resolve(requestPath, 'package.json');
      err.requestPath = originalPath;
      throw err;
    }
  }
  return actual;
}

Module._findPath = function(request, paths, isMain) {
  const absoluteRequest = path.isAbsolute(request);
  if (absoluteRequest) paths = [''];
  else if (!paths || paths.length === 0) return false;
  const cacheKey = request + '\x00' + paths.join('\x00');
  const entry = Module._pathCache[cacheKey];
  if (entry) return entry;
  const trailingSlash = request.length > 0 && (request.endsWith('/') || request.endsWith('/.') || request.endsWith('/..') || request === '.' || request === '..');
  const exts = Object.keys(Module._extensions);
  for (const curPath of paths) {
    if (curPath && stat(curPath) < 1) continue;
    const basePath = path.resolve(curPath, request);
    let filename;
    const rc = stat(basePath);
    if (!trailingSlash) {
      if (rc === 0) filename = toRealPath(basePath);
      if (!filename) filename = tryExtensions(basePath, exts);
    }
    if (!filename && rc === 1) filename = tryPackage(basePath, exts, request);
    if (filename) {
      Module._pathCache[cacheKey] = filename;
      return filename;
    }
  }
  return false;
};

Module._nodeModulePaths = function(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    const dir = parts.slice(0, i).join('/') || '';
    paths.push(`${dir}/node_modules`);
  }
  paths.push('/node_modules');
  return paths;
};

Module._resolveLookupPaths = function(request, parent) {
  if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') {
    const parentDir = parent && parent.filename ? path.dirname(parent.filename) : process.cwd();
    return [parentDir];
  }
  const paths = [];
  if (parent && parent.paths && parent.paths.length) paths.push(...parent.paths);
  paths.push(...Module.globalPaths);
  return paths.length > 0 ? paths : null;
};

function isBuiltinRequest(request) {
  if (request.startsWith('node:')) return BuiltinModule.canBeRequiredWithScheme(request.slice(5));
  return BuiltinModule.canBeRequiredByUsers(request);
}

Module._resolveFilename = function(request, parent, isMain, options) {
  if (isBuiltinRequest(request)) return request;
  let paths;
  if (options && options.paths) {
    paths = [];
    for (const p of options.paths) {
      const fake = new Module('', null);
      fake.paths = Module._nodeModulePaths(p);
      const lookup = Module._resolveLookupPaths(request, fake);
      for (const q of lookup || []) if (!paths.includes(q)) paths.push(q);
      if (!paths.includes(p)) paths.unshift(p);
    }
  } else {
    paths = Module._resolveLookupPaths(request, parent);
  }
  const filename = Module._findPath(request, paths, isMain);
  if (filename) return filename;
  const requireStack = [];
  for (let cursor = parent; cursor; cursor = cursor.parent) {
    requireStack.push(cursor.filename || cursor.id);
  }
  let message = `Cannot find module '${request}'`;
  if (requireStack.length > 0) message += '\nRequire stack:\n- ' + requireStack.join('\n- ');
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = requireStack;
  throw err;
};

Module._load = function(request, parent, isMain) {
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (!BuiltinModule.canBeRequiredWithScheme(id)) {
      const err = new Error(`No such built-in module: ${request}`);
      err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
      throw err;
    }
    return requireBuiltin(id);
  }
  const filename = Module._resolveFilename(request, parent, isMain);
  if (BuiltinModule.canBeRequiredByUsers(filename) && filename === request) {
    return requireBuiltin(filename);
  }
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
    Module.main = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) delete Module._cache[filename];
  }
  return module.exports;
};

Module.prototype.load = function(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  let extension = path.extname(filename);
  if (extension === '' || !Module._extensions[extension]) extension = '.js';
  Module._extensions[extension](this, filename);
  this.loaded = true;
};

Module.prototype.require = function(id) {
  validateString(id, 'id');
  if (id === '') throw new ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  return Module._load(id, this, false);
};

function stripShebang(content) {
  if (content.startsWith('#!')) {
    const nl = content.indexOf('\n');
    return nl === -1 ? '' : '//' + content.slice(2);
  }
  return content;
}
Module._stripShebang = stripShebang;

Module.wrap = function(script) {
  return Module.wrapper[0] + script + Module.wrapper[1];
};
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

Module.prototype._compile = function(content, filename) {
  const fn = compileFunction(content, filename, kWrapperParams);
  const dirname = path.dirname(filename);
  const require = makeRequireFunction(this);
  return Reflect.apply(fn, this.exports, [this.exports, require, this, filename, dirname]);
};

function makeRequireFunction(mod) {
  const require = function require(id) {
    return mod.require(id);
  };
  function resolve(request, options) {
    validateString(request, 'request');
    return Module._resolveFilename(request, mod, false, options);
  }
  require.resolve = resolve;
  resolve.paths = function paths(request) {
    validateString(request, 'request');
    if (isBuiltinRequest(request)) return null;
    return Module._resolveLookupPaths(request, mod);
  };
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}
Module.createRequireForModule = makeRequireFunction;

Module._extensions['.js'] = function(module, filename) {
  const content = readFileUtf8(filename);
  if (filename.endsWith('.js')) {
    const pkg = findPackageScope(path.dirname(filename));
    if (pkg && pkg.type === 'module') {
      throw new ERR_REQUIRE_ESM(filename);
    }
  }
  module._compile(stripShebang(content), filename);
};

Module._extensions['.json'] = function(module, filename) {
  const content = readFileUtf8(filename);
  try {
    module.exports = JSON.parse(content);
  } catch (err) {
    err.message = filename + ': ' + err.message;
    throw err;
  }
};

Module._extensions['.node'] = function(module, filename) {
  throw new ERR_DLOPEN_FAILED(`Cannot load native addon ${filename}: shard does not load native addons (.node files) yet`);
};

function findPackageScope(dir) {
  for (;;) {
    if (dir.endsWith('/node_modules')) return false;
    const pkg = readPackage(dir);
    if (pkg) return pkg;
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

Module.runMain = function(main = process.argv[1]) {
  Module._load(main, null, true);
};

Module._preloadModule = function(request) {
  const parent = new Module('internal/preload', null);
  parent.paths = Module._nodeModulePaths(process.cwd());
  parent.filename = path.join(process.cwd(), '[preload]');
  Module._load(request, parent, false);
};

Module.createRequire = function(filename) {
  if (typeof filename === 'object' && filename !== null && typeof filename.href === 'string') {
    filename = require('internal/url').fileURLToPath(filename);
  } else if (typeof filename === 'string' && filename.startsWith('file:')) {
    filename = require('internal/url').fileURLToPath(filename);
  }
  validateString(filename, 'filename');
  const proxyPath = filename.endsWith('/') ? path.join(filename, 'noop.js') : filename;
  const m = new Module(proxyPath);
  m.filename = proxyPath;
  m.paths = Module._nodeModulePaths(m.path);
  return makeRequireFunction(m);
};

Module.isBuiltin = function(id) {
  return isBuiltinRequest(`${id}`);
};

Module.Module = Module;
module.exports = Module;
