'use strict';
// tls.SecureContext and tls.createSecureContext: an OpenSSL SSL_CTX
// (internalBinding('tls').SecureContext) configured from Node's options.

const { validateInteger } = require('internal/validators');
const { configSecureContext, protocolRange } = require('internal/tls/secure-context');
const { SecureContext: NativeSecureContext } = internalBinding('tls');

const SSL_OP_CIPHER_SERVER_PREFERENCE = 0x00400000;

function SecureContext(secureProtocol, secureOptions, minVersion, maxVersion) {
  if (!(this instanceof SecureContext)) {
    return new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  }
  const tls = require('tls');
  const [min, max] = protocolRange(secureProtocol, minVersion, maxVersion,
                                   { min: tls.DEFAULT_MIN_VERSION, max: tls.DEFAULT_MAX_VERSION });
  this.context = new NativeSecureContext();
  this.context.init(min, max);
  if (secureOptions) {
    validateInteger(secureOptions, 'secureOptions');
    this.context.setOptions(secureOptions);
  }
}

function createSecureContext(options) {
  if (!options) options = {};
  const { honorCipherOrder, minVersion, maxVersion, secureProtocol } = options;
  let { secureOptions } = options;
  if (honorCipherOrder) secureOptions |= SSL_OP_CIPHER_SERVER_PREFERENCE;
  const c = new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  configSecureContext(c.context, options);
  return c;
}

// Certificates come out of the binding already in Node's shape
// (getPeerCertificate); kept for code that calls it on such objects.
function translatePeerCertificate(c) {
  if (!c) return null;
  if (typeof c.infoAccess === 'string') {
    const info = c.infoAccess;
    c.infoAccess = { __proto__: null };
    for (const line of info.split('\n')) {
      const i = line.indexOf(':');
      if (i === -1) continue;
      const key = line.slice(0, i);
      (c.infoAccess[key] ??= []).push(line.slice(i + 1));
    }
  }
  return c;
}

module.exports = { SecureContext, createSecureContext, translatePeerCertificate };
