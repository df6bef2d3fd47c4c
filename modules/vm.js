'use strict';
// node:vm over internalBinding('contextify'): Script (compiled once, run in
// any context), contexts made from sandbox objects, compileFunction, and
// timeouts (a watchdog thread terminates the script and the call throws
// ERR_SCRIPT_EXECUTION_TIMEOUT).
//
// Not here: vm.Module and friends (Node has them only behind
// --experimental-vm-modules), importModuleDynamically (accepted; dynamic
// import() in vm code resolves as it would in the main context),
// breakOnSigint (accepted, ignored), and codeGeneration.wasm (accepted).

const {
  ContextifyScript, makeContext, isContext: _isContext, compileFunction: _compileFunction,
} = internalBinding('contextify');
const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const {
  validateBoolean, validateBuffer, validateInt32, validateObject, validateOneOf, validateString,
  validateStringArray, validateUint32, validateArray, kValidateObjectAllowObjects, kValidateObjectAllowNullable,
} = require('internal/validators');

const kParsingContext = Symbol('script parsing context');
const kEmptyObject = Object.freeze({ __proto__: null });

const constants = Object.freeze({
  __proto__: null,
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'),
  DONT_CONTEXTIFY: Symbol('vm_context_no_contextify'),
});

let lazyFastBuffer;
// The binding hands cached data over as an ArrayBuffer; users get a Buffer.
function toBuffer(ab) {
  lazyFastBuffer ??= require('internal/buffer').FastBuffer;
  return new lazyFastBuffer(ab, 0, ab.byteLength);
}

function isContext(object) {
  validateObject(object, 'object', kValidateObjectAllowObjects);
  return _isContext(object);
}

function validateContext(contextifiedObject) {
  if (!isContext(contextifiedObject)) {
    throw new ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  }
}

function getRunInContextArgs(contextifiedObject, options = kEmptyObject) {
  validateObject(options, 'options');
  let timeout = options.timeout;
  if (timeout === undefined) {
    timeout = -1;
  } else {
    validateUint32(timeout, 'options.timeout', true);
  }
  const { displayErrors = true, breakOnSigint = false } = options;
  validateBoolean(displayErrors, 'options.displayErrors');
  validateBoolean(breakOnSigint, 'options.breakOnSigint');
  return [contextifiedObject, timeout, displayErrors, breakOnSigint, false];
}

class Script extends ContextifyScript {
  constructor(code, options = kEmptyObject) {
    code = `${code}`;
    if (typeof options === 'string') {
      options = { filename: options };
    } else {
      validateObject(options, 'options');
    }
    const {
      filename = 'evalmachine.<anonymous>',
      lineOffset = 0,
      columnOffset = 0,
      cachedData,
      produceCachedData = false,
      [kParsingContext]: parsingContext,
    } = options;
    validateString(filename, 'options.filename');
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
    validateBoolean(produceCachedData, 'options.produceCachedData');
    super(code, filename, lineOffset, columnOffset, cachedData, produceCachedData, parsingContext);
    if (this.cachedData instanceof ArrayBuffer) this.cachedData = toBuffer(this.cachedData);
  }

  runInThisContext(options) {
    return super.runInContext(...getRunInContextArgs(null, options));
  }

  runInContext(contextifiedObject, options) {
    validateContext(contextifiedObject);
    return super.runInContext(...getRunInContextArgs(contextifiedObject, options));
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }

  createCachedData() {
    return toBuffer(super.createCachedData());
  }
}

function getContextOptions(options) {
  if (!options) return {};
  const contextOptions = {
    name: options.contextName,
    origin: options.contextOrigin,
    codeGeneration: undefined,
    microtaskMode: options.microtaskMode,
  };
  if (contextOptions.name !== undefined) validateString(contextOptions.name, 'options.contextName');
  if (contextOptions.origin !== undefined) validateString(contextOptions.origin, 'options.contextOrigin');
  if (options.contextCodeGeneration !== undefined) {
    validateObject(options.contextCodeGeneration, 'options.contextCodeGeneration');
    const { strings, wasm } = options.contextCodeGeneration;
    if (strings !== undefined) validateBoolean(strings, 'options.contextCodeGeneration.strings');
    if (wasm !== undefined) validateBoolean(wasm, 'options.contextCodeGeneration.wasm');
    contextOptions.codeGeneration = { strings, wasm };
  }
  if (options.microtaskMode !== undefined) validateString(options.microtaskMode, 'options.microtaskMode');
  return contextOptions;
}

let defaultContextNameIndex = 1;

function createContext(contextObject = {}, options = kEmptyObject) {
  if (contextObject !== constants.DONT_CONTEXTIFY && isContext(contextObject)) return contextObject;
  validateObject(options, 'options');
  const {
    name = `VM Context ${defaultContextNameIndex++}`,
    origin,
    codeGeneration,
    microtaskMode,
  } = options;
  validateString(name, 'options.name');
  if (origin !== undefined) validateString(origin, 'options.origin');
  if (codeGeneration !== undefined) validateObject(codeGeneration, 'options.codeGeneration');
  let strings = true;
  let wasm = true;
  if (codeGeneration !== undefined) ({ strings = true, wasm = true } = codeGeneration);
  validateBoolean(strings, 'options.codeGeneration.strings');
  validateBoolean(wasm, 'options.codeGeneration.wasm');
  validateOneOf(microtaskMode, 'options.microtaskMode', ['afterEvaluate', undefined]);
  const sandbox = contextObject === constants.DONT_CONTEXTIFY ? undefined : contextObject;
  return makeContext(sandbox, name, origin, strings, wasm, microtaskMode === 'afterEvaluate', internalBinding);
}

function createScript(code, options) {
  return new Script(code, options);
}

function runInContext(code, contextifiedObject, options) {
  validateContext(contextifiedObject);
  if (typeof options === 'string') {
    options = { filename: options, [kParsingContext]: contextifiedObject };
  } else {
    options = { ...options, [kParsingContext]: contextifiedObject };
  }
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  if (typeof options === 'string') options = { filename: options };
  contextObject = createContext(contextObject, getContextOptions(options));
  options = { ...options, [kParsingContext]: contextObject };
  return runInContext(code, contextObject, options);
}

function runInThisContext(code, options) {
  if (typeof options === 'string') options = { filename: options };
  return createScript(code, options).runInThisContext(options);
}

function compileFunction(code, params, options = kEmptyObject) {
  validateString(code, 'code');
  if (params !== undefined) validateStringArray(params, 'params');
  validateObject(options, 'options');
  const {
    filename = '',
    columnOffset = 0,
    lineOffset = 0,
    cachedData = undefined,
    produceCachedData = false,
    parsingContext = undefined,
    contextExtensions = [],
  } = options;
  validateString(filename, 'options.filename');
  validateInt32(columnOffset, 'options.columnOffset');
  validateInt32(lineOffset, 'options.lineOffset');
  if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
  validateBoolean(produceCachedData, 'options.produceCachedData');
  if (parsingContext !== undefined) {
    if (typeof parsingContext !== 'object' || parsingContext === null || !isContext(parsingContext)) {
      throw new ERR_INVALID_ARG_TYPE('options.parsingContext', 'Context', parsingContext);
    }
  }
  validateArray(contextExtensions, 'options.contextExtensions');
  for (let i = 0; i < contextExtensions.length; i++) {
    validateObject(contextExtensions[i], `options.contextExtensions[${i}]`, kValidateObjectAllowNullable);
  }
  const fn = _compileFunction(code, filename, params ?? [], lineOffset, columnOffset, parsingContext,
                              contextExtensions, cachedData, produceCachedData);
  if (fn.cachedData instanceof ArrayBuffer) fn.cachedData = toBuffer(fn.cachedData);
  return fn;
}

let warnedMeasureMemory = false;

// V8's own measurement (which waits for a GC) is not wired up: the answer
// is an estimate from the heap statistics, in the shape Node gives.
function measureMemory(options = kEmptyObject) {
  validateObject(options, 'options');
  const { mode = 'summary', execution = 'default' } = options;
  validateOneOf(mode, 'options.mode', ['summary', 'detailed']);
  validateOneOf(execution, 'options.execution', ['default', 'eager']);
  if (!warnedMeasureMemory) {
    warnedMeasureMemory = true;
    process.emitWarning('vm.measureMemory is an experimental feature and might change at any time',
                        'ExperimentalWarning');
  }
  const { used_heap_size: used, total_heap_size: total } = require('v8').getHeapStatistics();
  const result = { total: { jsMemoryEstimate: used, jsMemoryRange: [used, total] } };
  if (mode === 'detailed') {
    result.current = { jsMemoryEstimate: used, jsMemoryRange: [used, total] };
    result.other = [];
  }
  return Promise.resolve(result);
}

module.exports = {
  Script,
  createContext,
  createScript,
  runInContext,
  runInNewContext,
  runInThisContext,
  isContext,
  compileFunction,
  measureMemory,
  constants,
};
