'use strict';
// What a core runs after bootstrap: the preloads, then the entry point (a
// script, -e/-p source, a program on stdin, --test, or the REPL).
//
// The entry point's kind is decided as Node decides it: .mjs, .cjs, the
// nearest package.json "type", ESM syntax in a typeless .js file, and
// --input-type for source given on the command line. --import modules run
// before the entry point, through the ES module loader.

const path = require('path');
const { codes: { ERR_EVAL_ESM_CANNOT_PRINT, ERR_INVALID_ARG_VALUE } } = require('internal/errors');

// import() and import.meta reach the ES module loader through these, so it
// loads only when a program first uses one of them.
function setupModuleCallbacks() {
  // Loading the loader replaces both with its own.
  internalBinding('modules').setCallbacks(
    (specifier, referrer, attributes) =>
      require('internal/modules/esm/loader').importModuleDynamically(specifier, referrer, attributes),
    () => {},
  );
}

function execArgValue(name) {
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

function runMain(options) {
  process.argv = [process.execPath];
  if (options.script !== null) {
    process.argv.push(path.resolve(options.script));
  }
  process.argv.push(...options.args);
  const unhandled = execArgValue('--unhandled-rejections');
  if (unhandled !== undefined) {
    require('internal/process/promises').setUnhandledRejectionsMode(unhandled);
  }
  setupModuleCallbacks();

  const Module = require('internal/modules/cjs/loader');
  if (options.preloads.length > 0) Module._preloadModules(options.preloads);

  if (options.test) {
    return require('internal/test_runner/cli').run(options.args);
  }
  if (options.check && options.script !== null) {
    const filename = path.resolve(options.script);
    const source = internalBinding('module_fs').readFileUtf8(filename);
    if (shouldUseESMLoader(filename)) {
      // An ES module: compiled as one (a hashbang is fine there).
      const binding = internalBinding('modules');
      const url = require('internal/modules/file_url').pathToFileHref(filename);
      binding.release(binding.compileModule(source, url));
    } else {
      internalBinding('contextify').checkSyntax(Module._stripShebang(source), filename);
    }
    return;
  }
  if (options.eval !== null) {
    return evalScript(options.stdinScript ? '[stdin]' : '[eval]', options.eval, options.print, options.imports);
  }
  if (options.script === null) {
    if (options.interactive) return require('repl').start();
    return;
  }
  executeUserEntryPoint(process.argv[1], options.imports);
}

// The main file's path as the CommonJS rules find it (extensions, index
// files), real path unless --preserve-symlinks-main; undefined if none.
function resolveMainPath(main) {
  const Module = require('internal/modules/cjs/loader');
  let mainPath;
  try {
    mainPath = Module._findPath(path.resolve(main), null, true);
  } catch {
    return undefined;
  }
  if (!mainPath) return undefined;
  if (!process.execArgv.includes('--preserve-symlinks-main')) {
    mainPath = require('internal/modules/helpers').toRealPath(mainPath);
  }
  return mainPath;
}

function shouldUseESMLoader(mainPath) {
  if (!mainPath) return false;
  if (mainPath.endsWith('.mjs')) return true;
  if (mainPath.endsWith('.cjs')) return false;
  if (mainPath.endsWith('.js') || path.extname(mainPath) === '') {
    return require('internal/modules/package_json_reader').getPackageType(mainPath) === 'module';
  }
  return false;
}

// Module.runMain(): the entry point by its kind.
function executeUserEntryPoint(main = process.argv[1], imports = []) {
  const mainPath = resolveMainPath(main);
  if (imports.length > 0 || shouldUseESMLoader(mainPath)) {
    require('internal/modules/esm/loader').runEntryPoint(mainPath ?? path.resolve(main), undefined, imports);
    return;
  }
  const Module = require('internal/modules/cjs/loader');
  const { enterLoad, leaveLoad } = require('internal/modules/helpers');
  enterLoad();
  try {
    Module._load(main, null, true);
  } finally {
    leaveLoad();
  }
}

// -e, -p and a program piped on stdin: run in the global scope with
// require(), module and __filename available, as Node does; as an ES
// module with --input-type=module, or when the source has ESM syntax.
function evalScript(name, source, print, imports = []) {
  const inputType = execArgValue('--input-type');
  if (inputType !== undefined && inputType !== 'module' && inputType !== 'commonjs') {
    throw new ERR_INVALID_ARG_VALUE('--input-type', inputType, 'must be "module" or "commonjs"');
  }
  const loader = () => require('internal/modules/esm/loader');
  if (inputType === 'module') {
    if (print) throw new ERR_EVAL_ESM_CANNOT_PRINT();
    loader().runEvalEntryPoint(source, '[eval1]');
    return;
  }
  const Module = require('internal/modules/cjs/loader');
  const cwd = process.cwd();
  const module = new Module(name);
  module.filename = path.join(cwd, name);
  module.paths = Module._nodeModulePaths(cwd);
  const userRequire = Module.createRequireForModule(module);
  globalThis.module = module;
  globalThis.require = userRequire;
  globalThis.exports = module.exports;
  globalThis.__filename = name;
  globalThis.__dirname = '.';
  const run = () => {
    const { runInThisContext } = internalBinding('contextify');
    let result;
    try {
      result = runInThisContext(source, name);
    } catch (err) {
      const { isEsmSyntaxError } = require('internal/modules/helpers');
      if (inputType === undefined && !print && isEsmSyntaxError(err, source, compileAsModule)) {
        loader().runEvalEntryPoint(source, '[eval1]');
        return;
      }
      // Reported from here rather than rethrown, so the message points at
      // the source that threw.
      internalBinding('loop').triggerUncaughtException(err, false);
      return;
    }
    if (print) console.log(result);
  };
  if (imports.length > 0) {
    loader().runWithESMLoader(imports, async () => run());
  } else {
    run();
  }
}

function compileAsModule(source) {
  const binding = internalBinding('modules');
  binding.release(binding.compileModule(source, 'file:///[eval1]'));
}

module.exports = { runMain, evalScript, executeUserEntryPoint };
