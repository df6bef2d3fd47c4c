'use strict';
// package.json files as module resolution sees them: read with one plain
// syscall, parsed once per path and kept for the life of the realm (as Node
// does), reduced to the fields resolution uses.

const { readPackageJson } = internalBinding('module_fs');

// jsonPath -> record (see read()).
const cache = new Map();

const kNone = Object.freeze({ __proto__: null, exists: false, parseError: false });

// read(jsonPath) -> { exists, parseError, pjsonPath, name, main, exports,
// imports, type, raw }. A missing file gives { exists: false }; a file that
// is not valid JSON gives { exists: true, parseError: true } (each caller
// decides whether that is an error, as Node's do).
function read(jsonPath) {
  const cached = cache.get(jsonPath);
  if (cached !== undefined) return cached;
  const text = readPackageJson(jsonPath);
  let record;
  if (text === undefined) {
    record = kNone;
  } else {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed === null || typeof parsed !== 'object') {
      record = { __proto__: null, exists: true, parseError: parsed === undefined, pjsonPath: jsonPath };
    } else {
      const type = parsed.type === 'module' || parsed.type === 'commonjs' ? parsed.type : 'none';
      record = {
        __proto__: null,
        exists: true,
        parseError: false,
        pjsonPath: jsonPath,
        name: typeof parsed.name === 'string' ? parsed.name : undefined,
        main: typeof parsed.main === 'string' ? parsed.main : undefined,
        exports: parsed.exports,
        imports: parsed.imports,
        type,
        raw: parsed,
      };
    }
  }
  cache.set(jsonPath, record);
  return record;
}

// Node's ERR_INVALID_PACKAGE_CONFIG for a package.json that does not parse.
function invalidConfig(jsonPath, specifier, base) {
  const { codes: { ERR_INVALID_PACKAGE_CONFIG } } = require('internal/errors');
  if (specifier !== undefined && base !== undefined) {
    return new ERR_INVALID_PACKAGE_CONFIG(jsonPath, `"${specifier}" from ${base}.`);
  }
  return new ERR_INVALID_PACKAGE_CONFIG(`${jsonPath}.`);
}

// read() that throws for an unparsable file.
function readStrict(jsonPath, specifier, base) {
  const pkg = read(jsonPath);
  if (pkg.parseError) throw invalidConfig(jsonPath, specifier, base);
  return pkg;
}

// The package.json of the package a file belongs to: the nearest one in its
// directory or above, not looking past a node_modules folder. Returns the
// record (exists: false when there is none); throws when that file does
// not parse, as Node 22 does.
function getPackageScope(filename) {
  let dir = filename;
  for (;;) {
    const slash = dir.lastIndexOf('/');
    if (slash < 0) return kNone;
    dir = dir.slice(0, slash);
    if (dir.endsWith('/node_modules')) return kNone;
    const pkg = read(`${dir}/package.json`);
    if (pkg.exists) {
      if (pkg.parseError) throw invalidConfig(pkg.pjsonPath);
      return pkg;
    }
    if (dir === '') return kNone;
  }
}

// "module", "commonjs" or "none": the "type" of the package a file is in.
function getPackageType(filename) {
  const pkg = getPackageScope(filename);
  return pkg.exists ? pkg.type : 'none';
}

function clearCache() {
  cache.clear();
}

module.exports = { read, readStrict, invalidConfig, getPackageScope, getPackageType, clearCache };
