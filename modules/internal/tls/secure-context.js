'use strict';
// Turns tls.createSecureContext() options into calls on the native
// SecureContext (internalBinding('tls')), validating them as Node does.

const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_TLS_INVALID_PROTOCOL_VERSION,
    ERR_TLS_PROTOCOL_VERSION_CONFLICT, ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED,
  },
} = require('internal/errors');
const {
  validateString, validateObject, validateInt32, validateBuffer,
} = require('internal/validators');
const binding = internalBinding('tls');

const kVersions = {
  __proto__: null,
  'TLSv1': binding.TLS1_VERSION,
  'TLSv1.1': binding.TLS1_1_VERSION,
  'TLSv1.2': binding.TLS1_2_VERSION,
  'TLSv1.3': binding.TLS1_3_VERSION,
};

// secureProtocol method names and the one version they pin (0: any).
const kMethods = {
  __proto__: null,
  TLS_method: 0, TLS_client_method: 0, TLS_server_method: 0,
  SSLv23_method: 0, SSLv23_client_method: 0, SSLv23_server_method: 0,
  TLSv1_method: binding.TLS1_VERSION, TLSv1_client_method: binding.TLS1_VERSION, TLSv1_server_method: binding.TLS1_VERSION,
  TLSv1_1_method: binding.TLS1_1_VERSION, TLSv1_1_client_method: binding.TLS1_1_VERSION,
  TLSv1_1_server_method: binding.TLS1_1_VERSION,
  TLSv1_2_method: binding.TLS1_2_VERSION, TLSv1_2_client_method: binding.TLS1_2_VERSION,
  TLSv1_2_server_method: binding.TLS1_2_VERSION,
};

function toVersion(which, v, def) {
  if (v == null) v = def;
  const n = kVersions[v];
  if (n === undefined) throw new ERR_TLS_INVALID_PROTOCOL_VERSION(v, which);
  return n;
}

// [min, max] protocol numbers for the context.
function protocolRange(secureProtocol, minVersion, maxVersion, defaults) {
  if (secureProtocol) {
    validateString(secureProtocol, 'secureProtocol');
    if (minVersion != null) throw new ERR_TLS_PROTOCOL_VERSION_CONFLICT(minVersion, secureProtocol);
    if (maxVersion != null) throw new ERR_TLS_PROTOCOL_VERSION_CONFLICT(maxVersion, secureProtocol);
    if (secureProtocol.startsWith('SSLv2') || secureProtocol.startsWith('SSLv3')) {
      throw new Error(`${secureProtocol.slice(0, 5)} methods disabled`);
    }
    const pinned = kMethods[secureProtocol];
    if (pinned === undefined) throw new TypeError(`Unknown method: ${secureProtocol}`);
    if (pinned !== 0) return [pinned, pinned];
  }
  return [
    toVersion('minimum', minVersion, defaults.min),
    toVersion('maximum', maxVersion, defaults.max),
  ];
}

function validateKeyOrCertOption(name, value) {
  if (typeof value !== 'string' && !ArrayBuffer.isView(value)) {
    throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
  }
}

// A KeyObject (node:crypto) as PEM; anything else as given.
function keyPem(key) {
  if (key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) &&
      typeof key.export === 'function' && key.type === 'private') {
    return key.export({ type: 'pkcs8', format: 'pem' });
  }
  return key;
}

function certPem(cert) {
  if (cert !== null && typeof cert === 'object' && !ArrayBuffer.isView(cert) && typeof cert.toString === 'function' &&
      typeof cert.raw === 'object' && typeof cert.fingerprint256 === 'string') {
    return cert.toString(); // an X509Certificate
  }
  return cert;
}

// Splits a cipher list into TLS 1.3 suites and the rest, as OpenSSL takes them.
function processCiphers(ciphers, name) {
  const all = ciphers.split(':');
  const list = all.filter((c) => c.length > 0 && !c.startsWith('TLS_')).join(':');
  const suites = all.filter((c) => c.length > 0 && c.startsWith('TLS_')).join(':');
  if (suites === '' && list === '') throw new ERR_INVALID_ARG_VALUE(name, ciphers);
  return { list, suites };
}

function configSecureContext(context, options = {}, name = 'options') {
  validateObject(options, name);
  const {
    ca, cert, ciphers, clientCertEngine, crl, dhparam, ecdhCurve, key, pfx,
    privateKeyIdentifier, privateKeyEngine, sessionIdContext, sessionTimeout, sigalgs, ticketKeys,
  } = options;
  let { passphrase } = options;
  if (passphrase != null) validateString(passphrase, `${name}.passphrase`);

  if (ca) {
    const list = Array.isArray(ca) ? ca : [ca];
    for (let val of list) {
      val = certPem(val);
      validateKeyOrCertOption('ca', val);
      context.addCACert(val);
    }
  } else {
    context.addRootCerts();
  }

  // The certificate before the key: OpenSSL checks that the key fits it.
  if (cert) {
    const list = Array.isArray(cert) ? cert : [cert];
    for (let val of list) {
      val = certPem(val);
      validateKeyOrCertOption('cert', val);
      context.setCert(val);
    }
  }

  if (key) {
    const list = Array.isArray(key) ? key : [key];
    for (const val of list) {
      let pem = val?.pem !== undefined ? val.pem : val;
      const pass = val?.passphrase !== undefined ? val.passphrase : passphrase;
      if (pass != null) validateString(pass, `${name}.passphrase`);
      pem = keyPem(pem);
      validateKeyOrCertOption('key', pem);
      context.setKey(pem, pass);
    }
  }

  if (sigalgs !== undefined) {
    validateString(sigalgs, `${name}.sigalgs`);
    if (sigalgs === '') throw new ERR_INVALID_ARG_VALUE(`${name}.sigalgs`, sigalgs);
    context.setSigalgs(sigalgs);
  }

  if (privateKeyIdentifier !== undefined || privateKeyEngine !== undefined || clientCertEngine != null) {
    throw new ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED();
  }

  if (ciphers != null) validateString(ciphers, `${name}.ciphers`);
  const { list, suites } = processCiphers(ciphers || require('tls').DEFAULT_CIPHERS, `${name}.ciphers`);
  if (suites !== '') context.setCipherSuites(suites);
  context.setCiphers(list);
  const { TLS1_2_VERSION, TLS1_3_VERSION } = binding;
  if (suites === '' && context.getMaxProto() > TLS1_2_VERSION && context.getMinProto() < TLS1_3_VERSION) {
    context.setMaxProto(TLS1_2_VERSION);
  }
  if (list === '' && context.getMinProto() < TLS1_3_VERSION && context.getMaxProto() > TLS1_2_VERSION) {
    context.setMinProto(TLS1_3_VERSION);
  }

  validateString(ecdhCurve ?? require('tls').DEFAULT_ECDH_CURVE, `${name}.ecdhCurve`);
  context.setECDHCurve(ecdhCurve ?? require('tls').DEFAULT_ECDH_CURVE);

  if (dhparam !== undefined) {
    validateKeyOrCertOption('dhparam', dhparam);
    context.setDHParam(dhparam);
  }

  if (crl) {
    const list = Array.isArray(crl) ? crl : [crl];
    for (const val of list) {
      validateKeyOrCertOption('crl', val);
      context.addCRL(val);
    }
  }

  if (sessionIdContext) {
    validateString(sessionIdContext, `${name}.sessionIdContext`);
    context.setSessionIdContext(sessionIdContext);
  }

  if (pfx !== undefined) {
    const list = Array.isArray(pfx) ? pfx : [pfx];
    for (const val of list) {
      const raw = val?.buf !== undefined ? val.buf : val;
      const pass = val?.passphrase !== undefined ? val.passphrase : passphrase;
      if (pass != null) validateString(pass, `${name}.passphrase`);
      if (typeof raw === 'string') context.loadPKCS12(Buffer.from(raw, 'latin1'), pass);
      else {
        validateKeyOrCertOption('pfx', raw);
        context.loadPKCS12(raw, pass);
      }
    }
  }

  if (ticketKeys !== undefined && ticketKeys !== null) {
    validateBuffer(ticketKeys, `${name}.ticketKeys`);
    if (ticketKeys.byteLength !== 48) {
      throw new ERR_INVALID_ARG_VALUE(`${name}.ticketKeys`, ticketKeys.byteLength, 'must be exactly 48 bytes');
    }
    context.setTicketKeys(ticketKeys);
  }

  if (sessionTimeout !== undefined && sessionTimeout !== null) {
    validateInt32(sessionTimeout, `${name}.sessionTimeout`, 0);
    context.setSessionTimeout(sessionTimeout);
  }
}

module.exports = { configSecureContext, protocolRange, toVersion };
