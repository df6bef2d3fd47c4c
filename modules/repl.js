'use strict';
// node:repl: a read-eval-print loop on readline. Each line is evaluated
// (with vm, in the global context or a context of its own), the result
// printed with util.inspect and kept in `_` (the last error in `_error`);
// an input that ends too early (an open brace, a call missing its `)`)
// waits for more lines behind a '... ' prompt; `await` works at the top
// level; .break, .clear, .editor, .exit, .help, .load and .save are the
// commands. `shard` with no program on a terminal starts one, with the
// history kept in ~/.node_repl_history as Node keeps it.

const {
  codes: { ERR_INVALID_REPL_EVAL_CONFIG },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');
const { Interface, kTtyWrite } = require('internal/readline/interface');
const vm = require('vm');
const util = require('util');

const kBufferedCommand = Symbol('bufferedCommand');
const kContextId = Symbol('contextId');

const REPL_MODE_SLOPPY = Symbol('repl-sloppy');
const REPL_MODE_STRICT = Symbol('repl-strict');

let nextContextId = 1;

// A SyntaxError the next lines may fix.
class Recoverable extends SyntaxError {
  constructor(err) {
    super();
    this.err = err;
  }
}

// Brackets still open at the end of code (strings, templates, comments and
// regular expressions skipped roughly): more input may close them.
function openBrackets(code) {
  let depth = 0;
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end === -1) return depth + 1; // an open comment
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && code[i] !== c) {
        if (code[i] === '\\') i++;
        else if (c !== '`' && code[i] === '\n') break;
        i++;
      }
      if (i >= n && c === '`') return depth + 1; // an open template
      i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    i++;
  }
  return depth;
}

function isRecoverableError(err, code) {
  if (!(err instanceof SyntaxError) && err?.name !== 'SyntaxError') return false;
  const msg = err.message;
  if (/^(Unexpected end of input|Unterminated template literal|Unterminated regexp)/.test(msg)) return true;
  if (/^(missing \) after argument list|Unexpected token|Invalid or unexpected token)/.test(msg)) {
    return openBrackets(code) > 0;
  }
  return false;
}

// The default evaluator: runs code with vm, `await` allowed at the top.
function defaultEval(code, context, file, cb) {
  let script;
  let wrappedAsync = false;
  let input = code;
  // An object literal at the start is an expression, not a block.
  if (/^\s*\{/.test(code) && !/;\s*$/.test(code)) {
    try {
      script = new vm.Script(`(${code.replace(/\n$/, '')}\n)`, { filename: file });
      input = null;
    } catch {
      script = undefined;
    }
  }
  if (script === undefined) {
    try {
      script = new vm.Script(input, { filename: file });
    } catch (err) {
      if (/\bawait\b/.test(code) && /await is only valid|Unexpected reserved word|Unexpected identifier/.test(err.message)) {
        // Top-level await: run the input as the body of an async function,
        // its value being the last expression's when it is one.
        const body = code.replace(/;?\s*$/, '');
        let wrapped = `(async () => { return (${body}\n) })()`;
        try {
          script = new vm.Script(wrapped, { filename: file });
        } catch {
          wrapped = `(async () => { ${body}\n })()`;
          try {
            script = new vm.Script(wrapped, { filename: file });
          } catch (err2) {
            cb(isRecoverableError(err2, code) ? new Recoverable(err2) : err2);
            return;
          }
        }
        wrappedAsync = true;
      } else {
        cb(isRecoverableError(err, code) ? new Recoverable(err) : err);
        return;
      }
    }
  }
  let result;
  try {
    result = context === globalThis ? script.runInThisContext({ displayErrors: false })
      : script.runInContext(context, { displayErrors: false });
  } catch (err) {
    cb(err);
    return;
  }
  if (wrappedAsync) {
    result.then((value) => cb(null, value), (err) => cb(err));
    return;
  }
  cb(null, result);
}

function REPLServer(prompt, stream, evalFn, useGlobal, ignoreUndefined, replMode) {
  if (!new.target) return new REPLServer(prompt, stream, evalFn, useGlobal, ignoreUndefined, replMode);
  let options;
  if (prompt !== null && typeof prompt === 'object') {
    options = { ...prompt };
    stream = options.stream || options.socket;
    evalFn = options.eval;
    useGlobal = options.useGlobal;
    ignoreUndefined = options.ignoreUndefined;
    prompt = options.prompt;
    replMode = options.replMode;
  } else {
    options = {};
  }
  if (!options.input && !options.output) {
    stream ||= process;
    options.input = stream.stdin ?? stream;
    options.output = stream.stdout ?? stream;
  }
  if (options.terminal === undefined) options.terminal = !!options.output.isTTY;
  if (options.useColors === undefined) {
    options.useColors = options.terminal && (typeof options.output.hasColors === 'function'
      ? options.output.hasColors() : true);
  }
  if (options.breakEvalOnSigint && evalFn) {
    throw new ERR_INVALID_REPL_EVAL_CONFIG();
  }
  if (prompt === undefined) prompt = '> ';
  if (evalFn !== undefined) validateFunction(evalFn, 'options.eval');

  const self = Reflect.construct(Interface, [{
    input: options.input,
    output: options.output,
    completer: options.completer || ((line, cb) => completer(self, line, cb)),
    terminal: options.terminal,
    historySize: options.historySize,
    prompt,
  }], new.target);

  self.useColors = !!options.useColors;
  self.useGlobal = !!useGlobal;
  self.ignoreUndefined = !!ignoreUndefined;
  self.replMode = replMode || REPL_MODE_SLOPPY;
  self.underscoreAssigned = false;
  self.last = undefined;
  self.underscoreErrAssigned = false;
  self.lastError = undefined;
  self.breakEvalOnSigint = !!options.breakEvalOnSigint;
  self.editorMode = false;
  self._initialPrompt = prompt;
  self[kBufferedCommand] = '';
  self.lines = [];
  self.lines.level = [];
  self.commands = { __proto__: null };
  defineDefaultCommands(self);

  const writerOptions = { ...util.inspect.defaultOptions, showProxy: true };
  self.writer = options.writer || function writer(obj) {
    writerOptions.colors = self.useColors;
    return util.inspect(obj, writerOptions);
  };
  self.writer.options = writerOptions;

  self.eval = evalFn || defaultEval;
  self.resetContext();

  let sawSIGINT = false;
  let sawCtrlD = false;
  self.on('SIGINT', function onSigInt() {
    const empty = self.line.length === 0;
    self.clearLine();
    self.editorMode = false;
    const cmd = self[kBufferedCommand];
    if (!(cmd && cmd.length > 0) && empty) {
      if (sawSIGINT) {
        self.close();
        sawSIGINT = false;
        return;
      }
      self.output.write('(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
      sawSIGINT = true;
    } else {
      sawSIGINT = false;
    }
    self.clearBufferedCommand();
    self.lines.level = [];
    self.displayPrompt();
  });

  self.on('line', function onLine(cmd) {
    sawSIGINT = false;
    if (self.editorMode) {
      self[kBufferedCommand] += `${cmd}\n`;
      return;
    }
    // A command: a dot, a word, but not a number (.5 is an expression).
    const trimmed = cmd.trim();
    if (trimmed && trimmed[0] === '.' && trimmed[1] !== '.' && Number.isNaN(Number.parseFloat(trimmed))) {
      const match = /^\.([^\s]+)\s*(.*)$/.exec(trimmed);
      const keyword = match && match[1];
      const rest = match && match[2];
      if (self.parseREPLKeyword(keyword, rest) === true) return;
      if (!self[kBufferedCommand]) {
        self.output.write('Invalid REPL keyword\n');
        self.displayPrompt();
        return;
      }
    }
    const code = self[kBufferedCommand] + cmd;
    if (code.trim() === '' && !self[kBufferedCommand]) {
      self.displayPrompt();
      return;
    }
    self.lines.push(cmd);
    evaluate(self, code);
  });

  self.on('close', function emitExit() {
    if (sawCtrlD) return;
    sawCtrlD = true;
    self.emit('exit');
  });

  self.displayPrompt();
  return self;
}
Object.setPrototypeOf(REPLServer.prototype, Interface.prototype);
Object.setPrototypeOf(REPLServer, Interface);

// Runs one complete input (or waits for more when it ends too early).
function evaluate(self, code) {
  self.eval(`${code}\n`, self.context, getReplResourceName(self), function finish(err, result) {
    if (err instanceof Recoverable || (err && err.name === 'Recoverable')) {
      // More lines may complete it.
      self[kBufferedCommand] = `${code}\n`;
      self.displayPrompt();
      return;
    }
    self.clearBufferedCommand();
    if (err) {
      self._domain_error(err);
      return;
    }
    if (!self.underscoreAssigned) self.last = result;
    if (result !== undefined || !self.ignoreUndefined) {
      self.output.write(`${self.writer(result)}\n`);
    }
    self.displayPrompt();
  });
}

// Keys: in editor mode Ctrl+D runs everything typed since .editor.
REPLServer.prototype[kTtyWrite] = function ttyWrite(d, key) {
  if (this.editorMode && key && key.ctrl && !key.meta && !key.shift && key.name === 'd') {
    this.editorMode = false;
    this.output.write('\n');
    const code = this[kBufferedCommand] + this.line;
    this.clearBufferedCommand();
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
    if (code.trim() === '') {
      this.displayPrompt();
      return;
    }
    this.lines.push(...code.split('\n'));
    evaluate(this, code.replace(/\n$/, ''));
    return;
  }
  Interface.prototype[kTtyWrite].call(this, d, key);
};

function getReplResourceName(repl) {
  repl[kContextId] ??= 0;
  return `REPL${++repl[kContextId]}`;
}

// How an error thrown by evaluated code is shown: "Uncaught " and the
// error, its stack cut before the REPL's own frames.
REPLServer.prototype._domain_error = function(err) {
  if (!this.underscoreErrAssigned) this.lastError = err;
  let text;
  if (err instanceof Error || (err !== null && typeof err === 'object' && typeof err.stack === 'string')) {
    let stack = typeof err.stack === 'string' ? err.stack : String(err);
    const lines = stack.split('\n');
    const cut = lines.findIndex((l) => /^\s+at .*(node:|REPL\d+:|\bvm\b)/.test(l) && !/REPL\d+:/.test(l));
    if (cut > 0) stack = lines.slice(0, cut).join('\n');
    // Frames in the REPL's own input say nothing: keep the message only.
    stack = stack.split('\n').filter((l) => !/^\s+at .*REPL\d+:\d+/.test(l)).join('\n');
    if (err instanceof SyntaxError) stack = `${err.name}: ${err.message}`;
    // Extra properties show as util.inspect shows them.
    const keys = Object.keys(err).filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length > 0) {
      const extra = {};
      for (const k of keys) extra[k] = err[k];
      stack += ` ${util.inspect(extra, { colors: this.useColors })}`;
    }
    text = stack;
  } else {
    text = util.inspect(err, { colors: this.useColors });
  }
  this.output.write(`Uncaught ${text}\n`);
  this.clearBufferedCommand();
  this.lines.level = [];
  this.displayPrompt();
};

REPLServer.prototype.clearBufferedCommand = function clearBufferedCommand() {
  this[kBufferedCommand] = '';
};

REPLServer.prototype.displayPrompt = function displayPrompt(preserveCursor) {
  let prompt = this._initialPrompt;
  if (this[kBufferedCommand].length) {
    prompt = '...';
    const levelInd = ' '.repeat(this.lines.level.length * 2);
    prompt += ` ${levelInd}`;
  }
  Interface.prototype.setPrompt.call(this, prompt);
  this.prompt(preserveCursor);
};

REPLServer.prototype.setPrompt = function setPrompt(prompt) {
  this._initialPrompt = prompt;
  Interface.prototype.setPrompt.call(this, prompt);
};

REPLServer.prototype.defineCommand = function defineCommand(keyword, cmd) {
  if (typeof cmd === 'function') {
    cmd = { action: cmd };
  } else {
    validateFunction(cmd.action, 'cmd.action');
  }
  this.commands[keyword] = cmd;
};

REPLServer.prototype.parseREPLKeyword = function parseREPLKeyword(keyword, rest) {
  const cmd = this.commands[keyword];
  if (cmd) {
    cmd.action.call(this, rest);
    return true;
  }
  return false;
};

// A fresh context: the global one, or a new one with the globals seen
// through it (and require, module, console for this REPL).
REPLServer.prototype.createContext = function createContext() {
  let context;
  if (this.useGlobal) {
    context = globalThis;
  } else {
    context = vm.createContext();
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (name === 'console' || name === 'global') continue;
      if (Object.prototype.hasOwnProperty.call(context, name)) continue;
      Object.defineProperty(context, name, {
        __proto__: null,
        configurable: true,
        enumerable: false,
        get() {
          return globalThis[name];
        },
        set(value) {
          Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: true });
        },
      });
    }
    context.global = context;
    const { Console } = require('console');
    Object.defineProperty(context, 'console', {
      __proto__: null,
      configurable: true,
      writable: true,
      value: new Console(this.output),
    });
  }
  const Module = require('module');
  const path = require('path');
  const module = new Module('<repl>');
  module.paths = Module._nodeModulePaths(path.join(process.cwd(), '<repl>'));
  Object.defineProperty(context, 'module', { __proto__: null, configurable: true, writable: true, value: module });
  Object.defineProperty(context, 'require', {
    __proto__: null,
    configurable: true,
    writable: true,
    value: Module.createRequire(path.join(process.cwd(), '<repl>')),
  });
  return context;
};

REPLServer.prototype.resetContext = function resetContext() {
  this.context = this.createContext();
  this.underscoreAssigned = false;
  this.underscoreErrAssigned = false;
  this.lines = [];
  this.lines.level = [];
  const self = this;
  // `_` is the last result until code assigns it; `_error` the last error.
  Object.defineProperty(this.context, '_', {
    __proto__: null,
    configurable: true,
    get() {
      return self.last;
    },
    set(value) {
      self.last = value;
      if (!self.underscoreAssigned) {
        self.underscoreAssigned = true;
        self.output.write('Expression assignment to _ now disabled.\n');
      }
    },
  });
  Object.defineProperty(this.context, '_error', {
    __proto__: null,
    configurable: true,
    get() {
      return self.lastError;
    },
    set(value) {
      self.lastError = value;
      if (!self.underscoreErrAssigned) {
        self.underscoreErrAssigned = true;
        self.output.write('Expression assignment to _error now disabled.\n');
      }
    },
  });
  this.emit('reset', this.context);
};

function defineDefaultCommands(repl) {
  repl.defineCommand('break', {
    help: 'Sometimes you get stuck, this gets you out',
    action() {
      this.clearBufferedCommand();
      this.displayPrompt();
    },
  });
  repl.defineCommand('clear', {
    help: repl.useGlobal ? 'Alias for .break' : 'Break, and also clear the local context',
    action() {
      this.clearBufferedCommand();
      if (!this.useGlobal) {
        this.output.write('Clearing context...\n');
        this.resetContext();
      }
      this.displayPrompt();
    },
  });
  repl.defineCommand('exit', {
    help: 'Exit the REPL',
    action() {
      this.close();
    },
  });
  repl.defineCommand('help', {
    help: 'Print this help message',
    action() {
      const names = Object.keys(this.commands).sort();
      const longest = Math.max(...names.map((n) => n.length));
      for (const name of names) {
        const cmd = this.commands[name];
        const spaces = ' '.repeat(longest - name.length + 3);
        this.output.write(`.${name}${cmd.help ? spaces + cmd.help : ''}\n`);
      }
      this.output.write('\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n');
      this.displayPrompt();
    },
  });
  repl.defineCommand('save', {
    help: 'Save all evaluated commands in this REPL session to a file',
    action(file) {
      try {
        require('fs').writeFileSync(file, `${this.lines.join('\n')}\n`);
        this.output.write(`Session saved to: ${file}\n`);
      } catch {
        this.output.write(`Failed to save: ${file}\n`);
      }
      this.displayPrompt();
    },
  });
  repl.defineCommand('load', {
    help: 'Load JS from a file into the REPL session',
    action(file) {
      try {
        const data = require('fs').readFileSync(file, 'utf8');
        this.editorMode = false;
        this[kBufferedCommand] = '';
        // The file runs as one input.
        this.emit('line', data.replace(/\n$/, ''));
      } catch {
        this.output.write(`Failed to load: ${file}\n`);
        this.displayPrompt();
      }
    },
  });
  if (repl.terminal) {
    repl.defineCommand('editor', {
      help: 'Enter editor mode',
      action() {
        // Lines gather until Ctrl+D runs them (Ctrl+C cancels).
        this.editorMode = true;
        this.output.write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
        this.clearBufferedCommand();
        Interface.prototype.setPrompt.call(this, '');
        this.prompt();
      },
    });
  }
}

// Tab completion: commands after a dot at the start, properties after
// `expr.` (for a plain chain of names), else global names and keywords.
const kKeywords = ['async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger',
  'default', 'delete', 'do', 'else', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if',
  'import', 'in', 'instanceof', 'let', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true',
  'try', 'typeof', 'undefined', 'var', 'void', 'while', 'with', 'yield'];

function propertyNames(obj) {
  const names = new Set();
  let depth = 0;
  for (let o = obj; o !== null && o !== undefined && depth < 10; o = Object.getPrototypeOf(o), depth++) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
    if (typeof o !== 'object' && typeof o !== 'function') break;
  }
  return [...names];
}

function completer(repl, line, cb) {
  if (/^\s*\.\w*$/.test(line)) {
    const word = line.trim().slice(1);
    const matches = Object.keys(repl.commands).filter((n) => n.startsWith(word)).map((n) => `.${n}`);
    cb(null, [matches, line.trim()]);
    return;
  }
  const m = /(?:^|[^\w$.])((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)?$/.exec(line);
  if (!m) {
    cb(null, [[], line]);
    return;
  }
  const chain = m[1];
  const partial = m[2] || '';
  let names;
  if (chain) {
    const expr = chain.slice(0, -1);
    let obj;
    try {
      // Only a chain of plain names: nothing is called.
      obj = repl.context === globalThis ? vm.runInThisContext(expr) : vm.runInContext(expr, repl.context);
    } catch {
      cb(null, [[], partial]);
      return;
    }
    names = propertyNames(obj);
  } else {
    names = [...propertyNames(repl.context), ...kKeywords];
  }
  const matches = [...new Set(names.filter((n) => n.startsWith(partial)))].sort();
  cb(null, [matches.map((n) => chain + n), chain + partial]);
}

// ---- history, as the CLI keeps it (NODE_REPL_HISTORY, ~/.node_repl_history) ----

function setupHistory(repl, file, size) {
  const fs = require('fs');
  if (file === '' || file === undefined) return;
  try {
    const data = fs.readFileSync(file, 'utf8');
    repl.history = data.split(/[\n\r]+/).filter((l) => l.trim() !== '').slice(0, size);
  } catch {
    // No history yet.
  }
  repl.on('history', (history) => {
    try {
      fs.writeFileSync(file, history.join('\n'), { mode: 0o600 });
    } catch {
      // A history that cannot be kept is not worth stopping for.
    }
  });
}

let cliStarted = false;

function start(prompt, source, evalFn, useGlobal, ignoreUndefined, replMode) {
  // `shard` with no program: the REPL of the command line, with Node's
  // welcome, the global context and a history file.
  const opts = internalBinding('process').getOptions();
  if (!cliStarted && arguments.length === 0 && opts.interactive && opts.script === null && opts.eval === null) {
    cliStarted = true;
    return startCli();
  }
  return new REPLServer(prompt, source, evalFn, useGlobal, ignoreUndefined, replMode);
}

function startCli() {
  const env = process.env;
  process.stdout.write(`Welcome to Node.js ${process.version} (shard ${process.versions.shard}).\n` +
                       'Type ".help" for more information.\n');
  const terminal = !!process.stdout.isTTY && env.NODE_NO_READLINE !== '1';
  const repl = new REPLServer({
    prompt: '> ',
    input: process.stdin,
    output: process.stdout,
    terminal,
    useGlobal: true,
    ignoreUndefined: false,
    replMode: env.NODE_REPL_MODE === 'strict' ? REPL_MODE_STRICT : REPL_MODE_SLOPPY,
    historySize: Number(env.NODE_REPL_HISTORY_SIZE) || 1000,
  });
  if (terminal) {
    const os = require('os');
    const path = require('path');
    let file = env.NODE_REPL_HISTORY;
    if (file === undefined) file = path.join(os.homedir(), '.node_repl_history');
    setupHistory(repl, file.trim(), Number(env.NODE_REPL_HISTORY_SIZE) || 1000);
  }
  repl.on('exit', () => process.exit());
  return repl;
}

module.exports = {
  start,
  writer: util.inspect,
  REPLServer,
  REPL_MODE_SLOPPY,
  REPL_MODE_STRICT,
  Recoverable,
  builtinModules: require('module').builtinModules.filter((m) => !m.startsWith('_')),
};
