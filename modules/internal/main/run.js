'use strict';
// What a core runs after bootstrap: the preloads, then the entry point (a
// script, -e/-p source, a program on stdin, --test, or the REPL).

const path = require('path');
const { codes: { ERR_NOT_IMPLEMENTED } } = require('internal/errors');

function runMain(options) {
  process.argv = [process.execPath];
  if (options.script !== null) {
    process.argv.push(path.resolve(options.script));
  }
  process.argv.push(...options.args);
  if (process.execArgv.includes('--unhandled-rejections') || process.execArgv.some((a) => a.startsWith('--unhandled-rejections='))) {
    const i = process.execArgv.findIndex((a) => a.startsWith('--unhandled-rejections'));
    const a = process.execArgv[i];
    const mode = a.includes('=') ? a.slice(a.indexOf('=') + 1) : process.execArgv[i + 1];
    require('internal/process/promises').setUnhandledRejectionsMode(mode);
  }

  const Module = require('internal/modules/cjs/loader');
  for (const id of options.preloads) {
    Module._preloadModule(id);
  }

  if (options.test) {
    const { hasBuiltin } = internalBinding('builtins');
    if (!hasBuiltin('internal/test_runner/cli')) throw new ERR_NOT_IMPLEMENTED('--test');
    return require('internal/test_runner/cli').run(options.args);
  }
  if (options.check && options.script !== null) {
    const filename = path.resolve(options.script);
    const source = internalBinding('module_fs').readFileUtf8(filename);
    internalBinding('contextify').checkSyntax(Module._stripShebang(source), filename);
    return;
  }
  if (options.eval !== null) {
    return evalScript(options.stdinScript ? '[stdin]' : '[eval]', options.eval, options.print);
  }
  if (options.script === null) {
    if (options.interactive) {
      const { hasBuiltin } = internalBinding('builtins');
      if (hasBuiltin('repl')) return require('repl').start();
      throw new ERR_NOT_IMPLEMENTED('The REPL (shard without a script on a terminal)');
    }
    return;
  }
  Module.runMain(process.argv[1]);
}

// -e, -p and a program piped on stdin: run in the global scope with
// require(), module and __filename available, as Node does.
function evalScript(name, source, print) {
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
  const result = internalBinding('contextify').runInThisContext(source, name);
  if (print) console.log(result);
}

module.exports = { runMain, evalScript };
