'use strict';
// Node's module resolution rules that CommonJS and ES modules share, and
// the ESM resolver itself: package "exports" and "imports" (subpaths,
// patterns with *, conditions, arrays, null targets), package names, self
// references, the node_modules walk for import, and the format of a
// resolved file. Works on paths; URLs appear only at the ESM edges.

const path = require('path');
const { BuiltinModule } = require('internal/bootstrap/realm');
const packageJsonReader = require('internal/modules/package_json_reader');
const { stat, toRealPath } = require('internal/modules/helpers');
const fileUrl = require('internal/modules/file_url');
const {
  codes: {
    ERR_INVALID_MODULE_SPECIFIER,
    ERR_INVALID_PACKAGE_CONFIG,
    ERR_INVALID_PACKAGE_TARGET,
    ERR_MODULE_NOT_FOUND,
    ERR_PACKAGE_IMPORT_NOT_DEFINED,
    ERR_PACKAGE_PATH_NOT_EXPORTED,
    ERR_UNSUPPORTED_DIR_IMPORT,
    ERR_UNKNOWN_FILE_EXTENSION,
    ERR_UNKNOWN_BUILTIN_MODULE,
    ERR_UNSUPPORTED_ESM_URL_SCHEME,
  },
} = require('internal/errors');

// ---- conditions ----

let userConditions;
function getUserConditions() {
  if (userConditions !== undefined) return userConditions;
  userConditions = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--conditions' || a === '-C') {
      if (i + 1 < argv.length) userConditions.push(argv[++i]);
    } else if (a.startsWith('--conditions=')) {
      userConditions.push(a.slice(13));
    } else if (a.startsWith('-C') && a.length > 2) {
      userConditions.push(a[2] === '=' ? a.slice(3) : a.slice(2));
    }
  }
  return userConditions;
}

let importConditions;
let requireConditions;
// The conditions import and require match, as Node 22 with require(esm):
// "default" always matches as well. "node-addons" is left out, as Node
// leaves it out with --no-addons: shard cannot load native addons, so
// packages should pick their pure JavaScript entry points.
function getConditions(kind) {
  if (kind === 'require') {
    requireConditions ??= new Set(['require', 'node', 'module-sync', ...getUserConditions()]);
    return requireConditions;
  }
  importConditions ??= new Set(['import', 'node', 'module-sync', ...getUserConditions()]);
  return importConditions;
}

// ---- exports and imports ----

// Target strings and the subpaths matched into them may not step out of
// the package or into a nested node_modules: no ".", ".." or
// "node_modules" segment, even percent-encoded. Empty segments ("a//b")
// are only deprecated (Node warns, DEP0166), so they are reported apart.
// Returns 0 (fine), 1 (only empty segments) or 2 (forbidden segment).
function badSegments(str) {
  let result = 0;
  for (const raw of str.split(/[\\/]/)) {
    if (raw === '') {
      result = 1;
      continue;
    }
    // "node_modules" fully percent-encoded is 36 characters long.
    let seg = raw.length <= 36 ? raw.toLowerCase() : '';
    if (seg.includes('%')) seg = seg.replace(/%([0-9a-f]{2})/g, (m, hex) => String.fromCharCode(parseInt(hex, 16)).toLowerCase());
    if (seg === '.' || seg === '..' || seg === 'node_modules') return 2;
  }
  return result;
}

const invalidPackageNameRegEx = /^\.|%|\\/;

function pkgDirOf(pjsonPath) {
  return pjsonPath.slice(0, -'package.json'.length);
}

function invalidPackageTarget(subpath, target, pjsonPath, internal, base) {
  if (typeof target === 'object' && target !== null) {
    target = JSON.stringify(target, null, '');
  } else {
    target = `${target}`;
  }
  return new ERR_INVALID_PACKAGE_TARGET(pkgDirOf(pjsonPath), subpath, target, internal, base);
}

function exportsNotFound(subpath, pjsonPath, base) {
  return new ERR_PACKAGE_PATH_NOT_EXPORTED(pkgDirOf(pjsonPath), subpath, base);
}

function invalidSubpath(request, match, pjsonPath, internal, base) {
  const reason = `request is not a valid match in pattern "${match}" for the "${internal ? 'imports' : 'exports'}" resolution of ${pjsonPath}`;
  return new ERR_INVALID_MODULE_SPECIFIER(request, reason, base);
}

function isArrayIndex(key) {
  const n = Number(key);
  if (`${n}` !== key) return false;
  return n >= 0 && n < 0xFFFF_FFFF;
}

// A target string resolved to a path, or the result of resolving a bare
// "imports" target as a package.
function resolveTargetString(target, subpath, match, pjsonPath, base, pattern, internal, conditions, resolveBare) {
  if (subpath !== '' && !pattern && target[target.length - 1] !== '/') {
    throw invalidPackageTarget(match, target, pjsonPath, internal, base);
  }
  if (!target.startsWith('./')) {
    // "imports" may map to another package by name (not to a URL).
    if (internal && !target.startsWith('../') && !target.startsWith('/') &&
        fileUrl.getScheme(target) === null) {
      const exportTarget = pattern ? target.replace(/\*/g, () => subpath) : target + subpath;
      return resolveBare(exportTarget, pjsonPath, conditions);
    }
    throw invalidPackageTarget(match, target, pjsonPath, internal, base);
  }
  if (badSegments(target.slice(2)) === 2) {
    throw invalidPackageTarget(match, target, pjsonPath, internal, base);
  }
  const pkgDir = pkgDirOf(pjsonPath);
  const resolved = path.resolve(pkgDir, target);
  if (!(resolved + (target.endsWith('/') ? '/' : '')).startsWith(pkgDir)) {
    throw invalidPackageTarget(match, target, pjsonPath, internal, base);
  }
  if (subpath === '') return target.endsWith('/') ? resolved + '/' : resolved;
  if (badSegments(subpath) === 2) {
    const request = pattern ? match.replace('*', () => subpath) : match + subpath;
    throw invalidSubpath(request, match, pjsonPath, internal, base);
  }
  if (pattern) {
    return path.resolve(pkgDir, target.replace(/\*/g, () => subpath));
  }
  return path.resolve(resolved, subpath);
}

// Resolves one "exports"/"imports" target value: a string, an array of
// fallbacks, an object of conditions or null. Returns a path, null (the
// target excludes the subpath) or undefined (no condition matched).
function resolvePackageTarget(pjsonPath, target, subpath, packageSubpath, base, pattern, internal, conditions, resolveBare) {
  if (typeof target === 'string') {
    return resolveTargetString(target, subpath, packageSubpath, pjsonPath, base, pattern, internal, conditions, resolveBare);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastException;
    for (let i = 0; i < target.length; i++) {
      let resolved;
      try {
        resolved = resolvePackageTarget(pjsonPath, target[i], subpath, packageSubpath, base, pattern, internal, conditions, resolveBare);
      } catch (e) {
        lastException = e;
        if (e.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw e;
      }
      if (resolved === undefined) continue;
      if (resolved === null) {
        lastException = null;
        continue;
      }
      return resolved;
    }
    if (lastException === undefined || lastException === null) return lastException;
    throw lastException;
  }
  if (typeof target === 'object' && target !== null) {
    const keys = Object.getOwnPropertyNames(target);
    for (const key of keys) {
      if (isArrayIndex(key)) {
        throw new ERR_INVALID_PACKAGE_CONFIG(pjsonPath, base, '"exports" cannot contain numeric property keys.');
      }
    }
    for (const key of keys) {
      if (key === 'default' || conditions.has(key)) {
        const result = resolvePackageTarget(pjsonPath, target[key], subpath, packageSubpath, base, pattern, internal, conditions, resolveBare);
        if (result === undefined) continue;
        return result;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidPackageTarget(packageSubpath, target, pjsonPath, internal, base);
}

function isConditionalExportsMainSugar(exports, pjsonPath, base) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (typeof exports !== 'object' || exports === null) return false;
  const keys = Object.getOwnPropertyNames(exports);
  let isConditionalSugar = false;
  let i = 0;
  for (const key of keys) {
    const curIsConditionalSugar = key === '' || key[0] !== '.';
    if (i++ === 0) {
      isConditionalSugar = curIsConditionalSugar;
    } else if (isConditionalSugar !== curIsConditionalSugar) {
      throw new ERR_INVALID_PACKAGE_CONFIG(pjsonPath, base,
        '"exports" cannot contain some keys starting with \'.\' and some not.' +
        ' The exports object must either be an object of package subpath keys' +
        ' or an object of main entry condition name keys only.');
    }
  }
  return isConditionalSugar;
}

// Orders pattern keys as Node does: the longest prefix before the * wins.
function patternKeyCompare(a, b) {
  const aPatternIndex = a.indexOf('*');
  const bPatternIndex = b.indexOf('*');
  const baseLenA = aPatternIndex === -1 ? a.length : aPatternIndex + 1;
  const baseLenB = bPatternIndex === -1 ? b.length : bPatternIndex + 1;
  if (baseLenA > baseLenB) return -1;
  if (baseLenB > baseLenA) return 1;
  if (aPatternIndex === -1) return 1;
  if (bPatternIndex === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

// The best "exports"/"imports" key for a request: [key, subpath matched by
// the *] or null.
function findPatternMatch(map, request, requireSlashFree) {
  let bestMatch = '';
  let bestMatchSubpath;
  for (const key of Object.getOwnPropertyNames(map)) {
    const patternIndex = key.indexOf('*');
    if (patternIndex === -1 || !request.startsWith(key.slice(0, patternIndex))) continue;
    if (requireSlashFree && request.endsWith('/')) continue;
    const patternTrailer = key.slice(patternIndex + 1);
    if (request.length >= key.length && request.endsWith(patternTrailer) &&
        patternKeyCompare(bestMatch, key) === 1 && key.lastIndexOf('*') === patternIndex) {
      bestMatch = key;
      bestMatchSubpath = request.slice(patternIndex, request.length - patternTrailer.length);
    }
  }
  return bestMatch === '' ? null : [bestMatch, bestMatchSubpath];
}

// packageExportsResolve: packageSubpath is "." or "./x"; returns a path.
function packageExportsResolve(pjsonPath, packageSubpath, pkg, base, conditions) {
  let exports = pkg.exports;
  if (isConditionalExportsMainSugar(exports, pjsonPath, base)) exports = { '.': exports };
  if (Object.prototype.hasOwnProperty.call(exports, packageSubpath) &&
      !packageSubpath.includes('*') && !packageSubpath.endsWith('/')) {
    const target = exports[packageSubpath];
    const resolved = resolvePackageTarget(pjsonPath, target, '', packageSubpath, base, false, false, conditions, null);
    if (resolved === null || resolved === undefined) throw exportsNotFound(packageSubpath, pjsonPath, base);
    return resolved;
  }
  const match = findPatternMatch(exports, packageSubpath, false);
  if (match !== null) {
    const [key, subpath] = match;
    const resolved = resolvePackageTarget(pjsonPath, exports[key], subpath, key, base, true, false, conditions, null);
    if (resolved === null || resolved === undefined) throw exportsNotFound(packageSubpath, pjsonPath, base);
    return resolved;
  }
  throw exportsNotFound(packageSubpath, pjsonPath, base);
}

// packageImportsResolve: "#name" from a file in parentPath's package.
// resolveBare(specifier, pjsonPath, conditions) resolves a bare target.
function packageImportsResolve(name, parentPath, base, conditions, resolveBare) {
  if (name === '#' || name.startsWith('#/') || name.endsWith('/')) {
    throw new ERR_INVALID_MODULE_SPECIFIER(name, 'is not a valid internal imports specifier name', base);
  }
  let pjsonPath;
  const pkg = parentPath ? packageJsonReader.getPackageScope(parentPath) : { exists: false };
  if (pkg.exists) {
    if (pkg.parseError) throw packageJsonReader.invalidConfig(pkg.pjsonPath, name, base);
    pjsonPath = pkg.pjsonPath;
    const imports = pkg.imports;
    if (imports !== null && typeof imports === 'object') {
      if (Object.prototype.hasOwnProperty.call(imports, name) && !name.includes('*')) {
        const resolved = resolvePackageTarget(pjsonPath, imports[name], '', name, base, false, true, conditions, resolveBare);
        if (resolved !== null && resolved !== undefined) return resolved;
      } else {
        const match = findPatternMatch(imports, name, true);
        if (match !== null) {
          const [key, subpath] = match;
          const resolved = resolvePackageTarget(pjsonPath, imports[key], subpath, key, base, true, true, conditions, resolveBare);
          if (resolved !== null && resolved !== undefined) return resolved;
        }
      }
    }
  }
  throw new ERR_PACKAGE_IMPORT_NOT_DEFINED(name, pjsonPath && pkgDirOf(pjsonPath), base);
}

// Splits "@scope/name/sub/path" into the package name and "./sub/path".
function parsePackageName(specifier, base) {
  let separatorIndex = specifier.indexOf('/');
  let validPackageName = true;
  let isScoped = false;
  if (specifier[0] === '@') {
    isScoped = true;
    if (separatorIndex === -1 || specifier.length === 0) {
      validPackageName = false;
    } else {
      separatorIndex = specifier.indexOf('/', separatorIndex + 1);
    }
  }
  const packageName = separatorIndex === -1 ? specifier : specifier.slice(0, separatorIndex);
  if (invalidPackageNameRegEx.exec(packageName) !== null) validPackageName = false;
  if (!validPackageName) {
    throw new ERR_INVALID_MODULE_SPECIFIER(specifier, 'is not a valid package name', base);
  }
  const packageSubpath = '.' + (separatorIndex === -1 ? '' : specifier.slice(separatorIndex));
  return { packageName, packageSubpath, isScoped };
}

// ---- the ES module resolver ----

const kLegacyMainSuffixes = ['', '.js', '.json', '.node', '/index.js', '/index.json', '/index.node'];
const kLegacyIndexes = ['./index.js', './index.json', './index.node'];

function legacyMainResolve(pjsonPath, pkg, base) {
  const dir = pkgDirOf(pjsonPath);
  if (pkg.main !== undefined) {
    for (const suffix of kLegacyMainSuffixes) {
      const guess = path.resolve(dir, pkg.main + suffix);
      if (stat(guess) === 0) return guess;
    }
  }
  for (const index of kLegacyIndexes) {
    const guess = path.resolve(dir, index);
    if (stat(guess) === 0) return guess;
  }
  throw new ERR_MODULE_NOT_FOUND(dir, base);
}

// A bare specifier from an ES module (or an "imports" target): self
// reference, then node_modules up the tree. Returns a path (or "node:x").
function packageResolve(specifier, parentPath, base, conditions) {
  if (BuiltinModule.canBeRequiredByUsers(specifier)) return `node:${specifier}`;
  const { packageName, packageSubpath } = parsePackageName(specifier, base);
  // A package may import itself by name when it has "exports".
  const scope = packageJsonReader.getPackageScope(parentPath);
  if (scope.exists && !scope.parseError && scope.name === packageName &&
      scope.exports !== undefined && scope.exports !== null) {
    return packageExportsResolve(scope.pjsonPath, packageSubpath, scope, base, conditions);
  }
  let dir = path.dirname(parentPath);
  for (;;) {
    const pkgDir = (dir === '/' ? '' : dir) + '/node_modules/' + packageName;
    if (stat(pkgDir) === 1) {
      const pjsonPath = pkgDir + '/package.json';
      const pkg = packageJsonReader.read(pjsonPath);
      if (pkg.parseError) throw packageJsonReader.invalidConfig(pjsonPath, specifier, base);
      if (pkg.exists && pkg.exports !== undefined && pkg.exports !== null) {
        return packageExportsResolve(pjsonPath, packageSubpath, pkg, base, conditions);
      }
      if (packageSubpath === '.') return legacyMainResolve(pjsonPath, pkg, base);
      return path.resolve(pkgDir, packageSubpath);
    }
    if (dir === '/') break;
    dir = path.dirname(dir);
  }
  throw new ERR_MODULE_NOT_FOUND(packageName, base, null);
}

function isRelativeSpecifier(specifier) {
  if (specifier[0] === '.') {
    if (specifier.length === 1 || specifier[1] === '/') return true;
    if (specifier[1] === '.' && (specifier.length === 2 || specifier[2] === '/')) return true;
  }
  return false;
}

function shouldBeTreatedAsRelativeOrAbsolutePath(specifier) {
  if (specifier === '') return false;
  if (specifier[0] === '/') return true;
  return isRelativeSpecifier(specifier);
}

// The hint Node adds when CommonJS rules would have found the module
// ("Did you mean to import "./x.js"?"): the CommonJS resolution of the
// same specifier, relative to the importer or within its package.
function commonJSHint(specifier, parentPath) {
  let found;
  try {
    const Module = require('internal/modules/cjs/loader');
    // As in Node, the stand-in parent has no filename, so relative
    // specifiers are tried against the working directory.
    const tmp = new Module(parentPath, null);
    tmp.paths = Module._nodeModulePaths(parentPath);
    found = Module._resolveFilename(specifier, tmp, false);
  } catch {
    return '';
  }
  if (isRelativeSpecifier(specifier)) {
    const fromDir = path.dirname(fileUrl.fileHrefToPath(fileUrl.pathToFileHref(parentPath)));
    found = path.relative(fromDir, found);
    if (!found.startsWith('../')) found = `./${found}`;
  } else if (specifier[0] !== '/' && specifier[0] !== '#' && fileUrl.getScheme(specifier) === null) {
    const i = specifier.indexOf('/');
    const pkg = i === -1 ? specifier : specifier.slice(0, i);
    const needle = `/node_modules/${pkg}/`;
    const index = found.lastIndexOf(needle);
    if (index !== -1) {
      found = pkg + '/' + found.slice(index + needle.length).split('/').map(encodeURIComponent).join('/');
    } else {
      found = fileUrl.pathToFileHref(found);
    }
  }
  if (!found || found === specifier) return '';
  return `Did you mean to import ${JSON.stringify(found)}?`;
}

function addHint(error, hint) {
  if (!hint) return;
  error.message += `\n${hint}`;
  if (typeof error.stack === 'string') {
    const nl = error.stack.indexOf('\n');
    error.stack = nl === -1 ? `${error.stack}\n${hint}` : `${error.stack.slice(0, nl)}\n${hint}${error.stack.slice(nl)}`;
  }
}

// Checks that a resolved file: path is a file (not a directory, not
// missing) and returns its real path.
function finalizeResolution(resolvedPath, resolvedHref, specifier, parentPath, base) {
  if (/%2f|%5c/i.test(fileUrl.stripSearchAndHash(resolvedHref))) {
    throw new ERR_INVALID_MODULE_SPECIFIER(resolvedHref, 'must not include encoded "/" or "\\" characters', base);
  }
  let p = resolvedPath;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  const st = stat(p);
  if (st === 1) {
    throw new ERR_UNSUPPORTED_DIR_IMPORT(p, base, resolvedHref);
  }
  if (st !== 0) {
    throw new ERR_MODULE_NOT_FOUND(p, base, resolvedHref);
  }
  preserveSymlinks ??= process.execArgv.includes('--preserve-symlinks');
  return preserveSymlinks ? p : toRealPath(p);
}
let preserveSymlinks;

// resolve(specifier, parentHref) -> { url, path }: Node's default ESM
// resolve. parentHref is a file: URL (or undefined for the entry).
//
// Successful resolutions with the default conditions are cached by the
// importer's directory, as Node's loader caches them (a file that appears
// later does not change what was already loaded).
const resolveCache = new Map();
function esmResolve(specifier, parentHref, conditions = getConditions('import')) {
  let key;
  if (parentHref !== undefined && conditions === importConditions && parentHref.startsWith('file:') &&
      !parentHref.includes('?') && !parentHref.includes('#')) {
    key = `${parentHref.slice(0, parentHref.lastIndexOf('/') + 1)}\0${specifier}`;
    const cached = resolveCache.get(key);
    if (cached !== undefined) return cached;
  }
  try {
    const result = esmResolveInner(specifier, parentHref, conditions);
    if (key !== undefined) resolveCache.set(key, result);
    return result;
  } catch (error) {
    if ((error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ERR_UNSUPPORTED_DIR_IMPORT') &&
        parentHref && parentHref.startsWith('file:')) {
      const spec = specifier.startsWith('file:') ? fileUrl.fileHrefToPath(specifier) : specifier;
      addHint(error, commonJSHint(spec, fileUrl.fileHrefToPath(fileUrl.stripSearchAndHash(parentHref))));
    }
    throw error;
  }
}

function esmResolveInner(specifier, parentHref, conditions) {
  const parentPath = parentHref && parentHref.startsWith('file:') ?
    fileUrl.fileHrefToPath(fileUrl.stripSearchAndHash(parentHref)) : undefined;
  const base = parentPath ?? parentHref;
  if (specifier.startsWith('node:')) {
    const id = specifier.slice(5);
    if (!BuiltinModule.canBeRequiredWithScheme(id)) throw new ERR_UNKNOWN_BUILTIN_MODULE(specifier);
    return { url: specifier, path: null };
  }
  if (BuiltinModule.canBeRequiredByUsers(specifier) && !shouldBeTreatedAsRelativeOrAbsolutePath(specifier)) {
    return { url: `node:${specifier}`, path: null };
  }
  let href;
  let resolvedPath;
  if (shouldBeTreatedAsRelativeOrAbsolutePath(specifier)) {
    href = fileUrl.resolveUrl(specifier, parentHref ?? fileUrl.pathToFileHref(process.cwd() + '/'));
  } else if (specifier[0] === '#') {
    resolvedPath = packageImportsResolve(specifier, parentPath, base, conditions,
      (spec, pjsonPath, conds) => packageResolve(spec, pjsonPath, base, conds));
  } else if (fileUrl.getScheme(specifier) !== null) {
    href = fileUrl.resolveUrl(specifier, parentHref);
  } else {
    resolvedPath = packageResolve(specifier, parentPath ?? `${process.cwd()}/[eval]`, base, conditions);
  }
  if (resolvedPath !== undefined) {
    if (resolvedPath.startsWith('node:')) return { url: resolvedPath, path: null };
    href = fileUrl.pathToFileHref(resolvedPath);
  }
  const scheme = fileUrl.getScheme(href);
  if (scheme === 'data') return { url: href, path: null };
  if (scheme === 'node') {
    const id = href.slice(5);
    if (!BuiltinModule.canBeRequiredWithScheme(id)) throw new ERR_UNKNOWN_BUILTIN_MODULE(href);
    return { url: href, path: null };
  }
  if (scheme !== 'file') {
    const err = new ERR_UNSUPPORTED_ESM_URL_SCHEME({ protocol: `${scheme}:` }, ['file', 'data', 'node']);
    throw err;
  }
  const bare = fileUrl.stripSearchAndHash(href);
  const suffix = href.slice(bare.length);
  const filePath = resolvedPath ?? fileUrl.fileHrefToPath(bare);
  const real = finalizeResolution(filePath, href, specifier, parentPath, base);
  return { url: (real === filePath ? bare : fileUrl.pathToFileHref(real)) + suffix, path: real };
}

// ---- formats ----

const kExtensionFormats = { __proto__: null, '.mjs': 'module', '.cjs': 'commonjs', '.json': 'json', '.node': 'addon', '.wasm': 'wasm' };

// The format of a file for the ESM loader: "module", "commonjs", "json",
// "addon", "wasm", or "commonjs-typeless" (a .js file with no "type": its
// syntax decides).
function getFileFormat(filename) {
  const ext = path.extname(filename);
  if (ext === '.js' || ext === '') {
    const type = packageJsonReader.getPackageType(filename);
    if (type === 'module') return 'module';
    if (type === 'commonjs') return 'commonjs';
    return 'commonjs-typeless';
  }
  const format = kExtensionFormats[ext];
  if (format !== undefined) return format;
  const type = packageJsonReader.getPackageType(filename);
  if (type === 'module') throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filename);
  return 'commonjs';
}

module.exports = {
  getConditions,
  packageExportsResolve,
  packageImportsResolve,
  packageResolve,
  parsePackageName,
  esmResolve,
  getFileFormat,
  isRelativeSpecifier,
  shouldBeTreatedAsRelativeOrAbsolutePath,
};
