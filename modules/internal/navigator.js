'use strict';
// The navigator global (Node 21+): a Navigator whose getters say how many
// processors the program may use, the default locale, the platform and the
// runtime. Values are computed on first read and kept.

const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');

const kInternal = Symbol('kInternal');
const kCache = Symbol('kCache');

function platformName() {
  const os = require('os');
  const names = { linux: 'Linux', darwin: 'Darwin', win32: 'Win32', freebsd: 'FreeBSD', openbsd: 'OpenBSD' };
  const name = names[process.platform] ?? process.platform;
  return `${name} ${os.machine()}`;
}

class Navigator {
  constructor(key) {
    if (key !== kInternal) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kCache] = { __proto__: null };
  }

  get hardwareConcurrency() {
    return (this[kCache].hardwareConcurrency ??= require('os').availableParallelism());
  }

  get language() {
    // The default locale of ICU, as Intl sees it.
    return (this[kCache].language ??= new Intl.Collator().resolvedOptions().locale);
  }

  get languages() {
    return (this[kCache].languages ??= Object.freeze([this.language]));
  }

  get userAgent() {
    const major = process.version.slice(1).split('.')[0];
    return (this[kCache].userAgent ??= `Node.js/${major}`);
  }

  get platform() {
    return (this[kCache].platform ??= platformName());
  }
}

Object.defineProperties(Navigator.prototype, {
  hardwareConcurrency: { enumerable: true },
  language: { enumerable: true },
  languages: { enumerable: true },
  userAgent: { enumerable: true },
  platform: { enumerable: true },
});

const navigator = new Navigator(kInternal);
// Node shows it as `Navigator {}`: the cache stays hidden.
Object.defineProperty(navigator, kCache, { enumerable: false });

module.exports = { Navigator, navigator };
