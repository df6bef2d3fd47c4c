'use strict';
// node:dns. lookup() and lookupService() use getaddrinfo/getnameinfo on the
// core's blocking pool, as Node does; the resolve*() family, reverse() and
// Resolver send DNS queries through c-ares, whose sockets the core's ring
// watches (js/bind_cares.cc).

const { getaddrinfo, getnameinfo, AI_ADDRCONFIG, AI_ALL, AI_V4MAPPED } = internalBinding('dns');
const { register, unregister } = require('internal/loop');
const { isIP } = require('internal/net');
const { createDeferredPromise } = require('internal/util');
const {
  validateFunction, validateString, validateOneOf, validateBoolean, validateObject, validateInt32, validateArray,
  validatePort,
} = require('internal/validators');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_IP_ADDRESS, ERR_DNS_SET_SERVERS_FAILED,
    ERR_MISSING_ARGS,
  },
  dnsException,
} = require('internal/errors');
const { completionValues } = internalBinding('loop');

let defaultResultOrder = 'verbatim';

function getDefaultResultOrder() {
  return defaultResultOrder;
}

function setDefaultResultOrder(order) {
  validateOneOf(order, 'dnsOrder', ['verbatim', 'ipv4first', 'ipv6first']);
  defaultResultOrder = order;
}

function normalizeOptions(options) {
  let family = 0;
  let hints = 0;
  let all = false;
  let order = defaultResultOrder;
  if (typeof options === 'number' || options === undefined || options === null) {
    family = options ?? 0;
  } else {
    validateObject(options, 'options');
    if (options.hints != null) {
      if (typeof options.hints !== 'number') throw new ERR_INVALID_ARG_TYPE('options.hints', 'number', options.hints);
      hints = options.hints >>> 0;
    }
    if (options.family != null) {
      switch (options.family) {
        case 'IPv4': family = 4; break;
        case 'IPv6': family = 6; break;
        default: family = options.family;
      }
    }
    if (options.all != null) {
      validateBoolean(options.all, 'options.all');
      all = options.all;
    }
    if (options.verbatim != null) {
      validateBoolean(options.verbatim, 'options.verbatim');
      order = options.verbatim ? 'verbatim' : 'ipv4first';
    }
    if (options.order != null) {
      validateOneOf(options.order, 'options.order', ['verbatim', 'ipv4first', 'ipv6first']);
      order = options.order;
    }
  }
  if (family !== 0 && family !== 4 && family !== 6) {
    throw new ERR_INVALID_ARG_VALUE('options.family', family, 'must be one of: 0, 4, 6');
  }
  return { family, hints, all, order };
}

function sortAddresses(list, order) {
  if (order === 'ipv4first') list.sort((a, b) => a.family - b.family);
  else if (order === 'ipv6first') list.sort((a, b) => b.family - a.family);
  return list;
}

function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  if (hostname !== undefined && hostname !== null && typeof hostname !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  const { family, hints, all, order } = normalizeOptions(options);
  if (!hostname) {
    // Node: an empty name resolves to nothing (null address).
    process.nextTick(() => {
      if (all) callback(null, []);
      else callback(null, null, family === 6 ? 6 : 4);
    });
    return {};
  }
  const matched = isIP(hostname);
  if (matched) {
    process.nextTick(() => {
      if (all) callback(null, [{ address: hostname, family: matched }]);
      else callback(null, hostname, matched);
    });
    return {};
  }
  const id = register((result, aux) => {
    const value = completionValues[aux];
    if (result < 0) {
      callback(dnsException(value, 'getaddrinfo', hostname));
      return;
    }
    const list = [];
    for (let i = 0; i < value.length; i += 2) list.push({ address: value[i], family: value[i + 1] });
    sortAddresses(list, order);
    if (all) {
      callback(null, list);
    } else if (list.length === 0) {
      callback(dnsException('ENOTFOUND', 'getaddrinfo', hostname));
    } else {
      callback(null, list[0].address, list[0].family);
    }
  });
  getaddrinfo(id, hostname, family, hints);
  return {};
}

Object.defineProperty(lookup, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: false,
  get() { return promises.lookup; },
});

// ---- resolve*: DNS queries on c-ares (js/bind_cares.cc) ----

let cares;
function binding() {
  cares ??= internalBinding('cares');
  return cares;
}

// The binding's query kinds, in its order.
const kinds = { A: 0, AAAA: 1, ANY: 2, CAA: 3, CNAME: 4, MX: 5, NAPTR: 6, NS: 7, PTR: 8, SOA: 9, SRV: 10, TXT: 11 };
const resolveMap = {
  __proto__: null,
  A: 'resolve4', AAAA: 'resolve6', ANY: 'resolveAny', CAA: 'resolveCaa', CNAME: 'resolveCname',
  MX: 'resolveMx', NAPTR: 'resolveNaptr', NS: 'resolveNs', PTR: 'resolvePtr', SOA: 'resolveSoa',
  SRV: 'resolveSrv', TXT: 'resolveTxt',
};
const methodKinds = [
  ['resolveAny', 'queryAny', 'ANY'], ['resolve4', 'queryA', 'A'], ['resolve6', 'queryAaaa', 'AAAA'],
  ['resolveCaa', 'queryCaa', 'CAA'], ['resolveCname', 'queryCname', 'CNAME'], ['resolveMx', 'queryMx', 'MX'],
  ['resolveNs', 'queryNs', 'NS'], ['resolveTxt', 'queryTxt', 'TXT'], ['resolveSrv', 'querySrv', 'SRV'],
  ['resolvePtr', 'queryPtr', 'PTR'], ['resolveNaptr', 'queryNaptr', 'NAPTR'], ['resolveSoa', 'querySoa', 'SOA'],
];
const IANA_DNS_PORT = 53;
const kChannel = Symbol('kChannel');
const kOptions = Symbol('kOptions');

function toASCIIName(name) {
  // Non-ASCII names go out as punycode, as Node sends them.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(name)) return name;
  return require('internal/idna').toASCII(name) ?? name;
}

// A channel dies with its Resolver: queries in flight hold the Resolver,
// so the channel never goes away under one.
let channelRegistry;
function channelOf(resolver) {
  let id = resolver[kChannel];
  if (id === undefined) {
    const { timeout, tries } = resolver[kOptions];
    id = binding().createChannel(timeout, tries);
    if (typeof id === 'string') throw dnsException(id, 'ares_init_options');
    resolver[kChannel] = id;
    channelRegistry ??= new FinalizationRegistry((channel) => binding().destroyChannel(channel));
    channelRegistry.register(resolver, id);
  }
  return id;
}

// Starts a query; calls callback(err, value) from a later completion.
function startQuery(resolver, kind, syscall, name, ttl, callback) {
  const id = register((result, aux) => {
    // The Resolver stays reachable while its query is in flight.
    void resolver;
    const value = completionValues[aux];
    if (result < 0) callback(dnsException(value, syscall, name));
    else callback(null, value);
  });
  const err = kind === 'reverse' ?
    binding().getHostByAddr(channelOf(resolver), id, name) :
    binding().query(channelOf(resolver), id, toASCIIName(name), kinds[kind], ttl);
  if (err !== 0) {
    unregister(id);
    throw dnsException(err, syscall, name);
  }
}

function makeQuery(kind, syscall) {
  function query(name, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    validateString(name, 'name');
    validateFunction(callback, 'callback');
    startQuery(this, kind, syscall, name, Boolean(options?.ttl), callback);
    return {};
  }
  Object.defineProperty(query, 'name', { value: syscall });
  return query;
}

function validateTimeoutOptions(options) {
  let timeout = -1;
  let tries = 4;
  if (options !== undefined) {
    validateObject(options, 'options');
    if (options.timeout !== undefined) {
      validateInt32(options.timeout, 'options.timeout', -1);
      timeout = options.timeout;
    }
    if (options.tries !== undefined) {
      validateInt32(options.tries, 'options.tries', 1);
      tries = options.tries;
    }
    if (options.maxTimeout !== undefined) validateInt32(options.maxTimeout, 'options.maxTimeout', -1);
  }
  return { timeout, tries };
}

// '1.2.3.4', '1.2.3.4:53', '::1', '[::1]', '[::1]:53' -> [family, ip, port]
function parseServer(serv, index) {
  validateString(serv, `servers[${index}]`);
  let ipVersion = isIP(serv);
  if (ipVersion !== 0) return [ipVersion, serv, IANA_DNS_PORT];
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(serv);
  if (match) {
    ipVersion = isIP(match[1]);
    if (ipVersion !== 0) {
      const port = match[2] === undefined ? IANA_DNS_PORT : Number.parseInt(match[2], 10);
      return [ipVersion, match[1], port];
    }
  }
  const colon = serv.lastIndexOf(':');
  if (colon !== -1) {
    const host = serv.slice(0, colon);
    const port = serv.slice(colon + 1);
    if (isIP(host) === 4 && /^\d+$/.test(port)) return [4, host, Number.parseInt(port, 10)];
  }
  throw new ERR_INVALID_IP_ADDRESS(serv);
}

class Resolver {
  constructor(options = undefined) {
    this[kOptions] = validateTimeoutOptions(options);
    this[kChannel] = undefined;
  }

  cancel() {
    if (this[kChannel] !== undefined) binding().cancel(this[kChannel]);
  }

  getServers() {
    return binding().getServers(channelOf(this)).map(([ip, port]) => {
      if (port === IANA_DNS_PORT) return ip;
      return isIP(ip) === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
    });
  }

  setServers(servers) {
    validateArray(servers, 'servers');
    const list = servers.map(parseServer);
    const channel = channelOf(this);
    const err = binding().setServers(channel, list);
    if (err !== 0) throw new ERR_DNS_SET_SERVERS_FAILED(err, servers.join(','));
  }

  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (isIP(ipv4) !== 4) throw new ERR_INVALID_ARG_VALUE('ipv4', ipv4, 'must be a valid IPv4 address');
    if (ipv6 !== undefined) {
      validateString(ipv6, 'ipv6');
      if (isIP(ipv6) !== 6) throw new ERR_INVALID_ARG_VALUE('ipv6', ipv6, 'must be a valid IPv6 address');
    }
    binding().setLocalAddress(channelOf(this), ipv4, ipv6 ?? '');
  }

  resolve(hostname, rrtype, callback) {
    if (typeof rrtype === 'function') {
      callback = rrtype;
      rrtype = undefined;
    } else if (rrtype === undefined) {
      throw new ERR_INVALID_ARG_TYPE('rrtype', 'string', rrtype);
    }
    return this[methodForType(rrtype)](hostname, callback);
  }
}
for (const [method, syscall, kind] of methodKinds) {
  Resolver.prototype[method] = makeQuery(kind, syscall);
}
Resolver.prototype.reverse = makeQuery('reverse', 'getHostByAddr');

let defaultResolver;
function getDefaultResolver() {
  defaultResolver ??= new Resolver();
  return defaultResolver;
}

// dns.resolve4(...) and friends use the default resolver.
function bindDefault(method) {
  const fn = function(...args) {
    return Reflect.apply(Resolver.prototype[method], getDefaultResolver(), args);
  };
  Object.defineProperty(fn, 'name', { value: method });
  return fn;
}

// ---- lookupService: getnameinfo on the pool ----

function lookupService(address, port, callback) {
  if (arguments.length !== 3) throw new ERR_MISSING_ARGS('address', 'port', 'callback');
  validateString(address, 'address');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
  validateFunction(callback, 'callback');
  const id = register((result, aux) => {
    const value = completionValues[aux];
    if (result < 0) callback(dnsException(value, 'getnameinfo', address));
    else callback(null, value[0], value[1]);
  });
  getnameinfo(id, address, Number(port));
  return {};
}
Object.defineProperty(lookupService, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: false,
  get() { return promises.lookupService; },
});

// ---- promises ----

// Calls fn(...args, callback) now (bad arguments throw at once, as Node's
// promise API does) and returns a promise of its result.
function callAsPromise(fn, self, args, shape) {
  const { promise, resolve, reject } = createDeferredPromise();
  Reflect.apply(fn, self, [...args, (err, ...values) => {
    if (err) reject(err);
    else resolve(shape(...values));
  }]);
  return promise;
}

const first = (value) => value;

function promisifyQuery(method) {
  const fn = function(...args) {
    return callAsPromise(Resolver.prototype[method], this, args, first);
  };
  Object.defineProperty(fn, 'name', { value: method });
  return fn;
}

function methodForType(rrtype) {
  if (rrtype === undefined) return 'resolve4';
  if (typeof rrtype !== 'string') throw new ERR_INVALID_ARG_TYPE('rrtype', 'string', rrtype);
  const method = resolveMap[rrtype];
  if (typeof method !== 'string') throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
  return method;
}

class PromiseResolver {
  constructor(options = undefined) {
    this[kOptions] = validateTimeoutOptions(options);
    this[kChannel] = undefined;
  }

  resolve(hostname, rrtype) {
    return this[methodForType(rrtype)](hostname);
  }
}
for (const m of ['cancel', 'getServers', 'setServers', 'setLocalAddress']) {
  PromiseResolver.prototype[m] = Resolver.prototype[m];
}
for (const [method] of methodKinds) {
  PromiseResolver.prototype[method] = promisifyQuery(method);
}
PromiseResolver.prototype.reverse = promisifyQuery('reverse');

// The promise API has its own default resolver, as in Node:
// dns.setServers() does not change the servers of dns.promises.
let defaultPromiseResolver;
function getDefaultPromiseResolver() {
  defaultPromiseResolver ??= new PromiseResolver();
  return defaultPromiseResolver;
}

function promiseDefault(method) {
  const fn = function(...args) {
    return Reflect.apply(PromiseResolver.prototype[method], getDefaultPromiseResolver(), args);
  };
  Object.defineProperty(fn, 'name', { value: method });
  return fn;
}

const promises = {
  lookup(hostname, options) {
    return callAsPromise(lookup, undefined, [hostname, options],
      (address, family) => (Array.isArray(address) ? address : { address, family }));
  },
  lookupService(address, port) {
    if (arguments.length !== 2) throw new ERR_MISSING_ARGS('address', 'port');
    return callAsPromise(lookupService, undefined, [address, port], (hostname, service) => ({ hostname, service }));
  },
  getDefaultResultOrder,
  setDefaultResultOrder,
  Resolver: PromiseResolver,
  getServers: () => getDefaultPromiseResolver().getServers(),
  setServers: (servers) => getDefaultPromiseResolver().setServers(servers),
  resolve: (hostname, rrtype) => getDefaultPromiseResolver().resolve(hostname, rrtype),
  reverse: promiseDefault('reverse'),
};
for (const [method] of methodKinds) promises[method] = promiseDefault(method);

const errorCodes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP', CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED',
};
Object.assign(promises, errorCodes);

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  getServers: () => getDefaultResolver().getServers(),
  setServers: (servers) => getDefaultResolver().setServers(servers),
  resolve: bindDefault('resolve'),
  reverse: bindDefault('reverse'),
  ADDRCONFIG: AI_ADDRCONFIG,
  ALL: AI_ALL,
  V4MAPPED: AI_V4MAPPED,
  ...errorCodes,
  promises,
};
for (const [method] of methodKinds) module.exports[method] = bindDefault(method);
