'use strict';
// node:dns. lookup() uses getaddrinfo on the core's blocking pool, as Node
// does; the resolve*() family needs a DNS client (c-ares) and says so until
// it is wired.

const { getaddrinfo, AI_ADDRCONFIG, AI_ALL, AI_V4MAPPED } = internalBinding('dns');
const { register } = require('internal/loop');
const { isIP } = require('internal/net');
const { validateFunction, validateString, validateOneOf, validateBoolean, validateObject } =
  require('internal/validators');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_NOT_IMPLEMENTED }, dnsException } =
  require('internal/errors');
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

function notImplemented(name) {
  return function() {
    throw new ERR_NOT_IMPLEMENTED(`dns.${name}() (DNS queries through a resolver)`);
  };
}

const resolverMethods = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];

class Resolver {
  constructor() {
    this._servers = ['127.0.0.1'];
  }

  cancel() {}
  getServers() { return this._servers.slice(); }
  setServers(servers) { this._servers = servers.slice(); }
  setLocalAddress() {}
}
for (const m of resolverMethods) Resolver.prototype[m] = notImplemented(m);

const promises = {
  lookup(hostname, options) {
    return new Promise((resolve, reject) => {
      lookup(hostname, options, (err, address, family) => {
        if (err) return reject(err);
        resolve(Array.isArray(address) ? address : { address, family });
      });
    });
  },
  getDefaultResultOrder,
  setDefaultResultOrder,
  Resolver,
};
for (const m of resolverMethods) promises[m] = notImplemented(m);

const errorCodes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP', REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP', CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION', BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED',
};

module.exports = {
  lookup,
  lookupService: notImplemented('lookupService'),
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  getServers: () => ['127.0.0.1'],
  setServers: () => {},
  ADDRCONFIG: AI_ADDRCONFIG,
  ALL: AI_ALL,
  V4MAPPED: AI_V4MAPPED,
  ...errorCodes,
  promises,
};
for (const m of resolverMethods) module.exports[m] = notImplemented(m);
void validateString;
