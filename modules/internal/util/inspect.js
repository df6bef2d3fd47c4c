'use strict';
// util.inspect and util.format. (A first version: the common shapes only.)

const { getPromiseDetails, getProxyDetails, kPending, kRejected } = internalBinding('util');
const types = require('internal/util/types');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

const inspectDefaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 128,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
};

function strEscape(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  let out = '';
  for (const ch of str) {
    const c = ch.codePointAt(0);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}

function formatPrimitive(value, ctx) {
  switch (typeof value) {
    case 'string':
      return strEscape(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : `${value}`;
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return `${value}`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
  }
  return String(value);
}

const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

function formatKey(key) {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  if (keyStrRegExp.test(key)) return key;
  return strEscape(key);
}

function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function getConstructorName(obj) {
  let o = obj;
  while (o !== null && o !== undefined) {
    const desc = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
      return desc.value.name;
    }
    o = Object.getPrototypeOf(o);
  }
  return null;
}

function formatValue(ctx, value, recurseTimes) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
  if (value === null) return 'null';
  if (ctx.customInspect) {
    const maybeCustom = value[customInspectSymbol];
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect) {
      const ret = maybeCustom.call(value, ctx.depth - recurseTimes, { ...ctx, stylize: (s) => s }, inspect);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret;
      }
    }
  }
  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]]);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, value, recurseTimes);
}

function formatRaw(ctx, value, recurseTimes) {
  const constructor = getConstructorName(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string') tag = '';
  let keys = Object.keys(value);
  let base = '';
  let braces;
  let formatter = formatObjectEntries;
  let extrasType = 'object';

  if (Array.isArray(value)) {
    const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
    keys = keys.filter((k) => !/^\d+$/.test(k));
    braces = [`${prefix}[`, ']'];
    formatter = formatArray;
    extrasType = 'array';
  } else if (types.isSet(value)) {
    keys = Object.keys(value);
    braces = [`${getPrefix(constructor, tag, 'Set', `(${value.size})`)}{`, '}'];
    formatter = formatSet;
  } else if (types.isMap(value)) {
    braces = [`${getPrefix(constructor, tag, 'Map', `(${value.size})`)}{`, '}'];
    formatter = formatMap;
  } else if (ArrayBuffer.isView(value) && !types.isDataView(value)) {
    keys = keys.filter((k) => !/^\d+$/.test(k));
    braces = [`${getPrefix(constructor, tag, tag || 'TypedArray', `(${value.length})`)}[`, ']'];
    formatter = formatTypedArray;
    extrasType = 'array';
  } else if (typeof value === 'function') {
    base = formatFunction(value, constructor);
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (types.isRegExp(value)) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (types.isDate(value)) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (types.isNativeError(value) || value instanceof Error) {
    base = formatError(value);
    keys = keys.filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else if (types.isPromise(value)) {
    braces = [`${getPrefix(constructor, tag, 'Promise')}{`, '}'];
    formatter = formatPromise;
  } else if (types.isArrayBuffer(value) || types.isSharedArrayBuffer(value)) {
    braces = [`${getPrefix(constructor, tag, 'ArrayBuffer')}{`, '}'];
    formatter = (ctx2, v) => [`byteLength: ${v.byteLength}`];
  } else if (types.isBoxedPrimitive(value)) {
    base = `[${constructor || 'Object'}: ${formatPrimitive(value.valueOf(), ctx)}]`;
    if (keys.length === 0) return base;
    braces = ['{', '}'];
  } else {
    if (constructor === 'Object' && tag === '') {
      braces = ['{', '}'];
    } else {
      braces = [`${getPrefix(constructor, tag, 'Object')}{`, '}'];
    }
    if (keys.length === 0 && formatter === formatObjectEntries) {
      return `${braces[0]}}`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    const name = (constructor || tag || 'Object');
    return Array.isArray(value) ? '[Array]' : `[${name}]`;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  let output;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (const key of keys) {
      output.push(formatProperty(ctx, value, recurseTimes, key, extrasType));
    }
    const symbols = Object.getOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s));
    for (const key of symbols) {
      output.push(formatProperty(ctx, value, recurseTimes, key, extrasType));
    }
  } finally {
    ctx.seen.pop();
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = `<ref *${index}>`;
      braces[0] = `${reference} ${braces[0]}`;
    }
  }
  if (base) braces[0] = `${base} ${braces[0]}`;
  return reduceToSingleString(ctx, output, braces);
}

function formatFunction(value, constructor) {
  const type = constructor === 'AsyncFunction' ? 'AsyncFunction' :
    constructor === 'GeneratorFunction' ? 'GeneratorFunction' :
      constructor === 'AsyncGeneratorFunction' ? 'AsyncGeneratorFunction' : 'Function';
  let src = '';
  try { src = Function.prototype.toString.call(value); } catch {}
  const kind = src.startsWith('class') && src.endsWith('}') ? 'class' : type;
  if (kind === 'class') {
    let base = `[class ${value.name || '(anonymous)'}`;
    const superName = Object.getPrototypeOf(value)?.name;
    if (superName) base += ` extends ${superName}`;
    return base + ']';
  }
  let base = `[${kind}`;
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  base += ']';
  if (constructor === null) base += ' [null prototype]';
  return base;
}

function formatError(err) {
  const stack = err.stack;
  if (typeof stack === 'string' && stack) return stack;
  return Error.prototype.toString.call(err);
}

function formatObjectEntries() {
  return [];
}

function formatArray(ctx, value, recurseTimes) {
  const output = [];
  const len = Math.min(value.length, ctx.maxArrayLength);
  let holes = 0;
  for (let i = 0; i < len; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) {
      holes++;
      continue;
    }
    if (holes > 0) {
      output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      holes = 0;
    }
    output.push(formatValue(ctx, value[i], recurseTimes));
  }
  if (holes > 0) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
  if (value.length > len) {
    const remaining = value.length - len;
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  }
  return output;
}

function formatTypedArray(ctx, value, recurseTimes) {
  const output = [];
  const len = Math.min(value.length, ctx.maxArrayLength);
  for (let i = 0; i < len; i++) output.push(formatPrimitive(value[i], ctx));
  if (value.length > len) {
    const remaining = value.length - len;
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  }
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const output = [];
  for (const v of value) output.push(formatValue(ctx, v, recurseTimes));
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const output = [];
  for (const [k, v] of value) {
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const details = getPromiseDetails(value);
  if (details[0] === kPending) return ['<pending>'];
  const result = formatValue(ctx, details[1], recurseTimes);
  return [details[0] === kRejected ? `<rejected> ${result}` : result];
}

function formatProperty(ctx, value, recurseTimes, key, type) {
  const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  let str;
  if (desc.value !== undefined || !('get' in desc || 'set' in desc)) {
    str = formatValue(ctx, desc.value, recurseTimes);
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else {
    str = desc.set !== undefined ? '[Setter]' : 'undefined';
  }
  if (type === 'array' && typeof key === 'string' && /^\d+$/.test(key)) return str;
  return `${formatKey(key)}: ${str}`;
}

function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    totalLength += output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

function reduceToSingleString(ctx, output, braces) {
  if (output.length === 0) return `${braces[0]}${braces[1]}`;
  const start = output.length + braces[0].length;
  if (!output.some((o) => o.includes('\n')) && isBelowBreakLength(ctx, output, start, '')) {
    return `${braces[0]} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = '\n  ';
  return `${braces[0]}${indentation}${output.map((o) => o.replace(/\n/g, indentation)).join(`,${indentation}`)}\n${braces[1]}`;
}

function inspect(value, opts) {
  const ctx = {
    ...inspectDefaultOptions,
    seen: [],
    circular: undefined,
  };
  if (arguments.length >= 3 && typeof opts !== 'object') {
    ctx.depth = arguments[2];
  }
  if (opts !== null && typeof opts === 'object') {
    for (const key of Object.keys(opts)) {
      if (key in inspectDefaultOptions || key === 'stylize') ctx[key] = opts[key];
    }
  } else if (typeof opts === 'boolean') {
    ctx.showHidden = opts;
  }
  if (ctx.depth === Infinity) ctx.depth = null;
  void getProxyDetails;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspectSymbol;
inspect.defaultOptions = inspectDefaultOptions;
inspect.colors = { __proto__: null };
inspect.styles = { __proto__: null };

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : `${n}`;
}

function formatWithOptions(inspectOptions, ...args) {
  return formatWithOptionsInternal(inspectOptions, args);
}

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) === 37) { // '%'
        const nextChar = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { // 's'
              const tempArg = args[++a];
              if (typeof tempArg === 'number') tempStr = formatNumber(tempArg);
              else if (typeof tempArg === 'bigint') tempStr = `${tempArg}n`;
              else if (typeof tempArg !== 'object' || tempArg === null) tempStr = String(tempArg);
              else tempStr = inspect(tempArg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
              break;
            }
            case 106: // 'j'
              try { tempStr = JSON.stringify(args[++a]); } catch { tempStr = '[Circular]'; }
              break;
            case 100: { // 'd'
              const tempNum = args[++a];
              if (typeof tempNum === 'bigint') tempStr = `${tempNum}n`;
              else if (typeof tempNum === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number(tempNum));
              break;
            }
            case 79: // 'O'
              tempStr = inspect(args[++a], inspectOptions);
              break;
            case 111: // 'o'
              tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
              break;
            case 105: { // 'i'
              const tempInteger = args[++a];
              if (typeof tempInteger === 'bigint') tempStr = `${tempInteger}n`;
              else if (typeof tempInteger === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number.parseInt(tempInteger));
              break;
            }
            case 102: { // 'f'
              const tempFloat = args[++a];
              if (typeof tempFloat === 'symbol') tempStr = 'NaN';
              else tempStr = formatNumber(Number.parseFloat(tempFloat));
              break;
            }
            case 99: // 'c'
              a += 1;
              tempStr = '';
              break;
            case 37: // '%'
              str += first.slice(lastPos, i);
              lastPos = i + 1;
              continue;
            default:
              continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

function stripVTControlCharacters(str) {
  return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))/g, '');
}

module.exports = {
  inspect,
  inspectDefaultOptions,
  format,
  formatWithOptions,
  stripVTControlCharacters,
};
