'use strict';
// The ES module loader: the module map (URL -> record), the formats
// (ES modules, CommonJS and JSON seen from ESM, built-ins as ESM), linking,
// evaluation with top-level await, dynamic import(), import.meta, and
// require() of an ES module graph (Node 22).
//
// Resolution, reading and compiling are synchronous (plain syscalls), so a
// whole graph links in one go; only evaluation may be asynchronous.

const path = require('path');
const binding = internalBinding('modules');
const { requireBuiltin } = require('internal/bootstrap/realm');
const fileUrl = require('internal/modules/file_url');
const { esmResolve, getFileFormat } = require('internal/modules/esm/resolve');
const {
  enterLoad, leaveLoad, readFileUtf8, cjsParse, stripBOM,
  kIsMainSymbol, kIsCachedByESMLoader, kModuleExportNames,
} = require('internal/modules/helpers');
const {
  codes: {
    ERR_IMPORT_ATTRIBUTE_MISSING,
    ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE,
    ERR_IMPORT_ATTRIBUTE_UNSUPPORTED,
    ERR_REQUIRE_ASYNC_MODULE,
    ERR_REQUIRE_CYCLE_MODULE,
    ERR_UNKNOWN_FILE_EXTENSION,
    ERR_UNKNOWN_MODULE_FORMAT,
    ERR_INVALID_URL,
  },
} = require('internal/errors');

const { kEvaluating, kEvaluated, kErrored } = binding;

// url -> ModuleRecord, and binding id -> ModuleRecord.
const moduleMap = new Map();
const byId = new Map();
// Built-in ids -> their records, for syncBuiltinESMExports().
const builtinRecords = new Map();

class ModuleRecord {
  constructor(url, id, format, filename) {
    this.url = url;
    this.id = id;
    this.format = format;
    this.filename = filename;
    this.source = undefined; // ES module sources, for the unsettled-TLA warning
    this.linked = false;
    this.linking = false;
    this.isMain = false;
    this.evaluated = false;
    this.children = [];
  }
}

function addRecord(record) {
  moduleMap.set(record.url, record);
  byId.set(record.id, record);
  return record;
}

// ---- formats ----

function cjsLoader() {
  return require('internal/modules/cjs/loader');
}

// The export names of a CommonJS module as Node finds them: what
// cjs-module-lexer sees in its source, plus the names of what it re-exports
// (module.exports = require('./x')), found the same way. The Module is put
// in the CommonJS cache (unloaded) so require() and import share it.
function cjsPreparseModuleExports(filename, source, lexed) {
  const Module = cjsLoader();
  let module = Module._cache[filename];
  if (module !== undefined && module[kModuleExportNames] !== undefined) {
    return { module, exportNames: module[kModuleExportNames] };
  }
  if (module === undefined) {
    module = new Module(filename);
    module.filename = filename;
    module.paths = Module._nodeModulePaths(module.path);
    module[kIsCachedByESMLoader] = true;
    Module._cache[filename] = module;
  }
  if (source === undefined) {
    try {
      source = readFileUtf8(filename);
    } catch {
      source = '';
    }
  }
  let exports;
  let reexports;
  if (lexed !== undefined) {
    ({ exports, reexports } = lexed);
  } else {
    try {
      ({ exports, reexports } = cjsParse(source || '', filename));
    } catch {
      exports = [];
      reexports = [];
    }
  }
  const exportNames = new Set(['default', ...exports]);
  module[kModuleExportNames] = exportNames;
  if (reexports.length > 0) {
    module.filename = filename;
    module.paths = Module._nodeModulePaths(module.path);
    for (const reexport of reexports) {
      try {
        const resolved = Module._resolveFilename(reexport, module, false);
        const ext = path.extname(resolved);
        if ((ext === '.js' || ext === '.cjs' || !Module._extensions[ext]) && path.isAbsolute(resolved)) {
          const { exportNames: names } = cjsPreparseModuleExports(resolved);
          for (const name of names) exportNames.add(name);
        }
      } catch {
        // A re-export that does not resolve adds nothing, as in Node.
      }
    }
  }
  return { module, exportNames };
}

function createCommonJSRecord(url, filename, source, isMain, lexed) {
  const Module = cjsLoader();
  const { module, exportNames } = cjsPreparseModuleExports(filename, source, lexed);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
    module[kIsMainSymbol] = true;
  }
  const names = [...exportNames];
  const id = binding.createSyntheticModule(url, names, () => {
    // Loaded by require() meanwhile, or loaded now through the CommonJS
    // loader (which finds the Module put in its cache above, or a fresh
    // one if it was taken out of require.cache).
    const exports = module.loaded ? module.exports : Module._load(filename, undefined, isMain);
    const values = { __proto__: null, default: exports };
    if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
      for (const name of names) {
        if (name === 'default' || !Object.prototype.hasOwnProperty.call(exports, name)) continue;
        try {
          values[name] = exports[name];
        } catch {
          // A throwing getter leaves the binding undefined.
        }
      }
    }
    return values;
  });
  return addRecord(new ModuleRecord(url, id, 'commonjs', filename));
}

function createJSONRecord(url, filename, source) {
  let value;
  try {
    value = JSON.parse(stripBOM(source));
  } catch (err) {
    err.message = `${filename ?? url}: ${err.message}`;
    throw err;
  }
  const id = binding.createSyntheticModule(url, ['default'], () => ({ __proto__: null, default: value }));
  return addRecord(new ModuleRecord(url, id, 'json', filename));
}

function builtinExportNames(exports) {
  const names = new Set(['default']);
  if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
    for (const key of Object.keys(exports)) names.add(key);
  }
  return [...names];
}

function createBuiltinRecord(url) {
  const builtinId = url.slice(5);
  const exports = requireBuiltin(builtinId);
  const names = builtinExportNames(exports);
  const id = binding.createSyntheticModule(url, names, () => {
    const current = requireBuiltin(builtinId);
    const values = { __proto__: null, default: current };
    for (const name of names) {
      if (name === 'default') continue;
      try {
        values[name] = current[name];
      } catch {
        // A lazy getter that cannot load leaves the binding undefined.
      }
    }
    return values;
  });
  const record = addRecord(new ModuleRecord(url, id, 'builtin', null));
  record.builtinId = builtinId;
  record.exportNames = names;
  builtinRecords.set(builtinId, record);
  return record;
}

function createSourceTextRecord(url, filename, source) {
  const id = binding.compileModule(source, url);
  const record = addRecord(new ModuleRecord(url, id, 'module', filename));
  record.source = source;
  return record;
}

// data: URLs (text/javascript, application/json).
function decodeDataUrl(url) {
  const m = /^data:([^,;]*)((?:;[^,;]*)*?)(;base64)?,(.*)$/s.exec(url);
  if (m === null) throw new ERR_INVALID_URL(url);
  const mime = m[1].trim().toLowerCase();
  let body;
  if (m[3]) {
    const { Buffer } = requireBuiltin('buffer');
    body = Buffer.from(decodeURIComponent(m[4]), 'base64').toString('utf8');
  } else {
    body = decodeURIComponent(m[4]);
  }
  let format;
  if (mime === 'text/javascript' || mime === 'application/javascript') format = 'module';
  else if (mime === 'application/json') format = 'json';
  else throw new ERR_UNKNOWN_MODULE_FORMAT(mime, url);
  return { format, source: body };
}

// Whether a typeless .js file is an ES module (Node 22's syntax detection):
// the lexer stops at import/export statements that CommonJS cannot hold,
// and then the file must compile as a module. Returns the compiled record
// when it is one, else the lexer's result for the CommonJS path.
function detectTypeless(url, filename, source) {
  try {
    return { lexed: cjsParse(source, filename) };
  } catch (err) {
    if (!/Unexpected (import|export)/.test(err && err.message)) return { lexed: undefined };
  }
  let id;
  try {
    id = binding.compileModule(source, url);
  } catch {
    return { lexed: undefined };
  }
  const record = addRecord(new ModuleRecord(url, id, 'module', filename));
  record.source = source;
  warnTypelessPackage(filename);
  return { record };
}

// Node's warning when syntax detection turns a .js file of a package
// without "type" into an ES module (once per package.json, outside
// node_modules).
const typelessWarned = new Set();
function warnTypelessPackage(filename) {
  // "type" only changes .js files, so only they are warned about.
  if (!filename.endsWith('.js') || filename.includes('/node_modules/')) return;
  const pkg = require('internal/modules/package_json_reader').getPackageScope(filename);
  if (!pkg.exists || typelessWarned.has(pkg.pjsonPath)) return;
  typelessWarned.add(pkg.pjsonPath);
  process.emitWarning(`Module type of ${fileUrl.pathToFileHref(filename)} is not specified and it doesn't parse as CommonJS.\n` +
    'Reparsing as ES module because module syntax was detected. This incurs a performance overhead.\n' +
    `To eliminate this warning, add "type": "module" to ${pkg.pjsonPath}.`, 'Warning', 'MODULE_TYPELESS_PACKAGE_JSON');
}

// Validates import attributes against the format, as Node 22 does.
function attributeUnsupported(key, value, url) {
  const err = new ERR_IMPORT_ATTRIBUTE_UNSUPPORTED(key, value);
  return setErrorMessage(err, `${err.message} in ${url}`);
}

function validateAttributes(url, format, attributes) {
  let type;
  if (attributes) {
    for (const key of Object.keys(attributes)) {
      if (key !== 'type') throw attributeUnsupported(key, attributes[key], url);
    }
    type = attributes.type;
  }
  if (format === 'json') {
    if (type === undefined) throw new ERR_IMPORT_ATTRIBUTE_MISSING(url, 'type', 'json');
    if (type !== 'json') throw new ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE(url, type);
    return;
  }
  if (type === undefined) return;
  if (type === 'json') throw new ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE(url, type);
  throw attributeUnsupported('type', type, url);
}

// The record for a resolved URL, created (read, compiled) on first use.
function getRecord(url, filename, attributes, options) {
  let record = moduleMap.get(url);
  if (record !== undefined) {
    // As Node's load cache, keyed by URL and type: other attributes of a
    // module already loaded are not looked at again.
    const type = attributes ? attributes.type : undefined;
    if (type !== (record.format === 'json' ? 'json' : undefined)) validateAttributes(url, record.format, attributes);
    return record;
  }
  if (url.startsWith('node:')) {
    validateAttributes(url, 'builtin', attributes);
    return createBuiltinRecord(url);
  }
  if (url.startsWith('data:')) {
    const { format, source } = decodeDataUrl(url);
    validateAttributes(url, format, attributes);
    if (format === 'json') return createJSONRecord(url, null, source);
    return createSourceTextRecord(url, null, source);
  }
  let format = getFileFormat(filename);
  if (format === 'addon' || format === 'wasm') {
    throw new ERR_UNKNOWN_FILE_EXTENSION(path.extname(filename), filename);
  }
  validateAttributes(url, format === 'commonjs-typeless' ? 'commonjs' : format, attributes);
  const source = options && options.source !== undefined ? options.source : readFileUtf8(filename);
  const isMain = Boolean(options && options.isMain);
  if (format === 'json') return createJSONRecord(url, filename, source);
  let lexed;
  if (format === 'commonjs-typeless') {
    const detected = detectTypeless(url, filename, source);
    if (detected.record !== undefined) return detected.record;
    lexed = detected.lexed;
    format = 'commonjs';
  }
  if (format === 'commonjs') return createCommonJSRecord(url, filename, source, isMain, lexed);
  return createSourceTextRecord(url, filename, source);
}

// resolve + getRecord for one request.
function resolveAndGet(specifier, parentURL, attributes) {
  const resolved = esmResolve(specifier, parentURL);
  return getRecord(resolved.url, resolved.path, attributes);
}

// Resolves and creates every module the graph under `root` needs, then
// hands the links to V8. Synchronous.
function linkGraph(root) {
  if (root.linked) return;
  enterLoad();
  const linkingNow = [];
  try {
    const stack = [root];
    while (stack.length > 0) {
      const record = stack.pop();
      if (record.linked || record.linking) continue;
      record.linking = true;
      linkingNow.push(record);
      if (record.format !== 'module') {
        record.linked = true;
        continue;
      }
      const children = [];
      for (const [specifier, attributes] of binding.getRequests(record.id)) {
        const child = resolveAndGet(specifier, record.url, attributes);
        children.push(child);
        stack.push(child);
      }
      binding.link(record.id, children.map((c) => c.id));
      record.children = children;
      record.linked = true;
    }
  } catch (err) {
    // Let a later import try again (a file may appear meanwhile).
    for (const record of linkingNow) {
      if (!record.linked) record.linking = false;
    }
    throw err;
  } finally {
    leaveLoad();
  }
}

function markEvaluated(record) {
  const stack = [record];
  while (stack.length > 0) {
    const r = stack.pop();
    if (r.evaluated) continue;
    r.evaluated = true;
    for (const child of r.children) stack.push(child);
  }
}

const kCommonJSGlobals = ['module', 'exports', 'require', '__filename', '__dirname'];

// Node's hint when ES module code uses a CommonJS variable.
function decorateCommonJSGlobalError(err, record) {
  if (err === null || typeof err !== 'object' || err.name !== 'ReferenceError') return;
  if (!kCommonJSGlobals.some((name) => err.message === `${name} is not defined`)) return;
  err.message += ' in ES module scope';
  if (err.message.startsWith('require ')) err.message += ', you can use import instead';
  if (record.filename && /\.js$/.test(record.filename)) {
    const pkg = require('internal/modules/package_json_reader').getPackageScope(record.filename);
    if (pkg.exists && pkg.type === 'module') {
      err.message += "\nThis file is being treated as an ES module because it has a '.js' file extension and " +
        `'${pkg.pjsonPath}' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
  }
}

// Errors whose stack starts with their source line (as Node decorates
// link errors); reported without a second arrow.
const decoratedErrors = new WeakSet();

// A missing named export is a SyntaxError from V8. As Node: the stack gets
// the import statement and caret, and when the exporter is CommonJS the
// message says how to import it instead.
function decorateLinkError(err) {
  if (err === null || typeof err !== 'object' || err.name !== 'SyntaxError' ||
      decoratedErrors.has(err)) {
    return;
  }
  const source = binding.getErrorSource(err);
  if (source === undefined) return;
  const [arrow, parentURL, line] = source;
  const m = /module '(.*)' does not provide an export named '(.+)'/.exec(err.message);
  if (m !== null) {
    const [, childSpecifier, name] = m;
    let format;
    try {
      const resolved = esmResolve(childSpecifier, parentURL);
      const child = moduleMap.get(resolved.url);
      format = child !== undefined ? child.format : undefined;
    } catch {
      // Only CommonJS exporters get the longer message.
    }
    if (format === 'commonjs') {
      const oneLine = /{.*}/.exec(line);
      const destructuring = oneLine && oneLine[0].replace(/\s+as\s+/g, ': ');
      err.message = `Named export '${name}' not found. The requested module '${childSpecifier}' is a CommonJS module, ` +
        'which may not support all module.exports as named exports.\nCommonJS modules can always be imported via the ' +
        `default export, for example using:\n\nimport pkg from '${childSpecifier}';\n` +
        (destructuring ? `const ${destructuring} = pkg;\n` : '');
    }
  }
  err.stack = arrow + err.stack;
  decoratedErrors.add(err);
}

function instantiate(record) {
  try {
    binding.instantiate(record.id);
  } catch (err) {
    decorateLinkError(err);
    throw err;
  }
}

// Links, instantiates and evaluates a record; resolves to its namespace.
async function evaluateRecord(record) {
  linkGraph(record);
  instantiate(record);
  try {
    await binding.evaluate(record.id);
  } catch (err) {
    decorateCommonJSGlobalError(err, record);
    throw err;
  }
  markEvaluated(record);
  return binding.getNamespace(record.id);
}

// ---- import() and import.meta ----

// The URL a script or module's resource name stands for: a module's URL,
// a CommonJS file's path, or a name like [eval] (relative to the cwd).
function referrerToURL(referrer) {
  if (typeof referrer !== 'string' || referrer === '') return fileUrl.pathToFileHref(`${process.cwd()}/`);
  if (fileUrl.getScheme(referrer) === 'file' || referrer.startsWith('data:')) return referrer;
  if (referrer.startsWith('node:')) return fileUrl.pathToFileHref(`${process.cwd()}/`);
  if (referrer[0] === '/') return fileUrl.pathToFileHref(referrer);
  return fileUrl.pathToFileHref(`${process.cwd()}/${referrer}`);
}

async function importModuleDynamically(specifier, referrer, attributes) {
  const parentURL = referrerToURL(referrer);
  let record;
  enterLoad();
  try {
    record = resolveAndGet(`${specifier}`, parentURL, attributes);
  } finally {
    leaveLoad();
  }
  return evaluateRecord(record);
}

function importMetaResolve(parentURL) {
  return function resolve(specifier) {
    try {
      return esmResolve(`${specifier}`, parentURL).url;
    } catch (error) {
      if ((error.code === 'ERR_UNSUPPORTED_DIR_IMPORT' || error.code === 'ERR_MODULE_NOT_FOUND') && error.url) {
        return error.url;
      }
      throw error;
    }
  };
}

function initializeImportMeta(meta, url, id) {
  const record = byId.get(id);
  if (url.startsWith('file:')) {
    const filename = fileUrl.fileHrefToPath(fileUrl.stripSearchAndHash(url));
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.main = record !== undefined && record.isMain;
  meta.resolve = importMetaResolve(url);
  meta.url = url;
}

binding.setCallbacks(importModuleDynamically, initializeImportMeta);

// ---- public entry points ----

// import(specifier) from parentURL (a file: URL), as the runtime's own code
// needs it (--import, the test runner).
function importModule(specifier, parentURL = fileUrl.pathToFileHref(`${process.cwd()}/`), attributes) {
  return importModuleDynamically(specifier, parentURL, attributes);
}

// A message for the uncaught error of the entry point, with the error's
// stack fixed to show it (Node's errors carry the message in their stack).
function setErrorMessage(err, message) {
  const old = err.message;
  err.message = message;
  if (typeof err.stack === 'string') {
    const i = err.stack.indexOf(old);
    if (i !== -1) err.stack = err.stack.slice(0, i) + message + err.stack.slice(i + old.length);
  }
  return err;
}

function requireAsyncError(filename, parent) {
  const err = new ERR_REQUIRE_ASYNC_MODULE();
  if (parent && parent.filename) {
    setErrorMessage(err, `${err.message}\n  From ${parent.filename} \n  Requiring ${filename} `);
  }
  return err;
}

// require() of an ES module: the whole graph loads, links and evaluates
// synchronously. Returns { record, namespace }.
function requireESM(filename, source, parent) {
  const url = fileUrl.pathToFileHref(filename);
  let record = moduleMap.get(url);
  if (record === undefined) {
    record = createSourceTextRecord(url, filename, source);
  }
  const status = binding.getStatus(record.id);
  if (status === kEvaluating) {
    let message = `Cannot require() ES Module ${filename} in a cycle.`;
    if (parent && parent.filename) message += ` (from ${parent.filename})`;
    throw new ERR_REQUIRE_CYCLE_MODULE(message);
  }
  if (status === kErrored) throw binding.getException(record.id);
  if (status === kEvaluated && record.evaluated) {
    return { record, namespace: binding.getNamespace(record.id) };
  }
  linkGraph(record);
  instantiate(record);
  if (binding.isGraphAsync(record.id)) throw requireAsyncError(filename, parent);
  const namespace = binding.evaluateSync(record.id);
  if (namespace === undefined) throw requireAsyncError(filename, parent);
  markEvaluated(record);
  return { record, namespace };
}

// The namespace require(esm) returns for a module with a default export:
// the same bindings plus __esModule: true, for code transpiled from ESM.
function esModuleFacade(record) {
  if (record.facade !== undefined) return record.facade;
  const source = 'export * from "original"; export { default } from "original"; export const __esModule = true;';
  const id = binding.compileModule(source, record.url);
  binding.link(id, [record.id]);
  binding.instantiate(id);
  record.facade = binding.evaluateSync(id);
  binding.release(id);
  return record.facade;
}

// ---- the entry point ----

let mainRecord;
let mainSettled = true;

// Node's warning and exit code 13 when the program ends while the entry
// point still waits on a top-level await. V8 10.2 cannot say where it is
// stalled: the first top-level await of the deepest module that awaits at
// its own top level stands for it.
function reportUnsettledTopLevelAwait() {
  if (mainSettled) return;
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 13;
  if (mainRecord === undefined) return;
  const seen = new Set();
  const order = [];
  (function visit(r) {
    if (seen.has(r)) return;
    seen.add(r);
    for (const c of r.children) visit(c);
    order.push(r);
  })(mainRecord);
  const sources = order.filter((r) => typeof r.source === 'string' && binding.isGraphAsync(r.id));
  // Async with no async dependency: the await is its own.
  const own = sources.filter((r) => !r.children.some((c) => binding.isGraphAsync(c.id)));
  for (const r of [...own, ...sources]) {
    const lines = r.source.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (/^\s*(?:\/\/|\/\*|\*)/.test(lines[i])) continue; // a comment
      const m = /(?:^|[^\w$.])await\b/.exec(lines[i]);
      if (m === null) continue;
      const col = m.index + m[0].length - 5;
      const text = `Warning: Detected unsettled top-level await at ${r.url}:${i + 1}\n${lines[i]}\n${' '.repeat(col)}^\n\n\n\n`;
      internalBinding('process').writeStdio(2, text);
      return;
    }
  }
}

// Runs the program's entry point through the ES module loader: the
// --import modules first, then main() (which returns a promise). An error
// is an uncaught exception, as in Node.
function runWithESMLoader(imports, main) {
  mainSettled = false;
  process.once('exit', reportUnsettledTopLevelAwait);
  (async () => {
    // The entry point runs from a microtask, as Node's: promise callbacks
    // it queues run before its process.nextTick callbacks.
    await undefined;
    const cwdURL = fileUrl.pathToFileHref(`${process.cwd()}/`);
    for (const specifier of imports) {
      await importModule(specifier, cwdURL);
    }
    await main();
  })().then(() => {
    mainSettled = true;
  }, (err) => {
    mainSettled = true;
    if (decoratedErrors.has(err)) {
      binding.reportUncaught(err, true);
    } else {
      internalBinding('loop').triggerUncaughtException(err, true);
    }
  });
}

// The main module as an ES module (a .mjs file, "type": "module", or a
// typeless .js file with ESM syntax). source: when the CJS loader read it.
function runEntryPoint(filename, source, imports = []) {
  runWithESMLoader(imports, () => {
    const url = fileUrl.pathToFileHref(filename);
    let record = moduleMap.get(url);
    if (record === undefined) {
      enterLoad();
      try {
        if (source !== undefined) {
          record = createSourceTextRecord(url, filename, source);
          warnTypelessPackage(filename);
        } else {
          record = getRecord(url, filename, undefined, { isMain: true });
        }
      } finally {
        leaveLoad();
      }
    }
    record.isMain = true;
    mainRecord = record;
    return evaluateRecord(record);
  });
}

// -e/-p/stdin source as an ES module (--input-type=module).
function runEvalEntryPoint(source, name) {
  runWithESMLoader([], () => {
    const url = fileUrl.resolveUrl(name, fileUrl.pathToFileHref(`${process.cwd()}/`));
    const record = createSourceTextRecord(url, null, source);
    record.isMain = true;
    mainRecord = record;
    return evaluateRecord(record);
  });
}

function syncBuiltinESMExports() {
  for (const [builtinId, record] of builtinRecords) {
    const exports = requireBuiltin(builtinId);
    for (const name of record.exportNames) {
      binding.setExport(record.id, name, name === 'default' ? exports : exports[name]);
    }
  }
}

module.exports = {
  importModule,
  importModuleDynamically,
  referrerToURL,
  requireESM,
  esModuleFacade,
  runEntryPoint,
  runEvalEntryPoint,
  runWithESMLoader,
  syncBuiltinESMExports,
  setErrorMessage,
};
