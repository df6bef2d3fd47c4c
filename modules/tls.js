'use strict';
// node:tls. Sockets, servers and contexts live in _tls_wrap and
// _tls_common; TLS itself runs in C under the socket (io/tls.c).

const net = require('net');
const {
  codes: { ERR_TLS_CERT_ALTNAME_INVALID, ERR_TLS_CERT_ALTNAME_FORMAT },
} = require('internal/errors');
const { validateString } = require('internal/validators');
const common = require('_tls_common');
const wrap = require('_tls_wrap');
const tlsBinding = internalBinding('tls');

const DEFAULT_CIPHERS =
  'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
  'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:' +
  'DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:' +
  'DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';

// ---- host name checks (RFC 6125) ----

function unfqdn(host) {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function splitHost(host) {
  return unfqdn(host).toLowerCase().split('.');
}

// Whether the host's labels match a certificate name, '*' allowed in the
// leftmost label of names with at least three labels.
function matchName(hostParts, pattern, wildcards) {
  if (!pattern) return false;
  const parts = splitHost(pattern);
  if (parts.length !== hostParts.length || parts.includes('')) return false;
  // Names with blanks, control or non-ASCII characters never match.
  for (const p of parts) {
    if (/[^\u0021-\u007F]/u.test(p)) return false;
  }
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i] !== hostParts[i]) return false;
  }
  const host = hostParts[0];
  const first = parts[0];
  const pieces = first.split('*', 3);
  if (pieces.length === 1 || first.includes('xn--')) return host === first;
  if (!wildcards || pieces.length > 2 || parts.length <= 2) return false;
  const [prefix, suffix] = pieces;
  return prefix.length + suffix.length <= host.length && host.startsWith(prefix) && host.endsWith(suffix);
}

// The canonical text of an IP address (IPv6 shortened as RFC 5952).
function canonicalizeIP(ip) {
  const family = net.isIP(ip);
  if (family === 4) return ip.split('.').map((n) => String(Number(n))).join('.');
  if (family !== 6) return ip;
  let head = ip;
  let tail = '';
  const dbl = ip.indexOf('::');
  if (dbl !== -1) {
    head = ip.slice(0, dbl);
    tail = ip.slice(dbl + 2);
  }
  const toGroups = (s) => {
    if (s === '') return [];
    const out = [];
    for (const g of s.split(':')) {
      if (g.includes('.')) {
        const b = g.split('.').map(Number);
        out.push((b[0] << 8) | b[1], (b[2] << 8) | b[3]);
      } else {
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const h = toGroups(head);
  const t = toGroups(tail);
  const groups = dbl === -1 ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  // The longest run of two or more zero groups becomes '::'.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

// subjectaltname split on ', ', honouring the quotes Node puts around names
// that contain separators.
function splitAltNames(altNames) {
  if (!altNames.includes('"')) return altNames.split(', ');
  const out = [];
  let cur = '';
  for (let i = 0; i < altNames.length; i++) {
    const c = altNames[i];
    if (c === ',' && altNames[i + 1] === ' ') {
      out.push(cur);
      cur = '';
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let quoted = '';
      for (; j < altNames.length && altNames[j] !== '"'; j++) {
        if (altNames[j] === '\\') j++;
        quoted += altNames[j];
      }
      if (j >= altNames.length) throw new ERR_TLS_CERT_ALTNAME_FORMAT();
      cur += quoted;
      i = j;
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = '' + hostname;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalizeIP(name.slice(11)));
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  hostname = unfqdn(hostname);
  // As Node 22: only an IPv4 host is checked against the IP addresses; an
  // IPv6 one is taken as a name.
  if (net.isIPv4(hostname)) {
    valid = ips.includes(canonicalizeIP(hostname));
    if (!valid) reason = `IP: ${hostname} is not in the cert's list: ` + ips.join(', ');
  } else if (dnsNames.length > 0 || subject?.CN) {
    const hostParts = splitHost(hostname);
    const wildcard = (pattern) => matchName(hostParts, pattern, true);
    if (dnsNames.length > 0) {
      valid = dnsNames.some(wildcard);
      if (!valid) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      // The common name counts only when the certificate has no altnames.
      const cn = subject.CN;
      valid = Array.isArray(cn) ? cn.some(wildcard) : wildcard(cn);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) return new ERR_TLS_CERT_ALTNAME_INVALID(reason, hostname, cert);
  return undefined;
}

// ---- the root certificates: the system store, as PEM strings ----

let rootCertificates;
function getRootCertificates() {
  if (rootCertificates !== undefined) return rootCertificates;
  const fs = require('fs');
  const list = [];
  for (const file of ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt',
    '/etc/ssl/cert.pem']) {
    let text;
    try {
      text = fs.readFileSync(file, 'latin1');
    } catch {
      continue;
    }
    const re = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
    let m;
    while ((m = re.exec(text)) !== null) list.push(m[0]);
    break;
  }
  rootCertificates = Object.freeze(list);
  return rootCertificates;
}

function getCiphers() {
  return [...new Set(tlsBinding.getCiphers())].sort();
}

function createSecurePair() {
  throw new Error('tls.createSecurePair() is not supported: use tls.TLSSocket');
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  getCiphers,
  convertALPNProtocols: wrap.convertALPNProtocols,
  checkServerIdentity,
  createSecureContext: common.createSecureContext,
  SecureContext: common.SecureContext,
  TLSSocket: wrap.TLSSocket,
  Server: wrap.Server,
  createServer: wrap.createServer,
  connect: wrap.connect,
  createSecurePair,
};

Object.defineProperty(module.exports, 'rootCertificates', {
  enumerable: true,
  configurable: false,
  get: getRootCertificates,
});

void validateString;
