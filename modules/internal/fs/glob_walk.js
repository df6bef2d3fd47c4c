'use strict';
// fs.glob / fs.globSync / fsPromises.glob (Node 22): walks directories from
// cwd, matching paths with internal/fs/glob (the matcher path.matchesGlob
// uses) and descending only into directories a pattern can still match
// (partial matches). The walk is a generator that yields the directories it
// needs listed, so the sync and async forms share it.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateFunction, validateObject, validateString, validateBoolean } = require('internal/validators');
const { compileGlob, matchSegments, kGlobstar } = require('internal/fs/glob');
const { Dirent } = require('internal/fs/utils');
const { UV_DIRENT_DIR } = require('internal/fs/utils').constants;

let pathModule;
function path() {
  pathModule ??= require('path');
  return pathModule;
}

// An alternative made only of globstars (and a trailing slash) matches the
// starting directory itself, which Node lists as '.'.
function matchesRoot(compiled) {
  return compiled.alternatives.some((alt) => alt.length > 0 &&
    alt.every((seg, i) => seg === kGlobstar || (seg === '' && i === alt.length - 1)));
}

// Literal '.' and '..' segments are never listed by readdir: offer them.
function wantsDots(compiled) {
  return compiled.alternatives.some((alt) => alt.some((seg) => seg === '.' || seg === '..'));
}

class Glob {
  constructor(pattern, options = {}) {
    validateObject(options, 'options');
    const patterns = Array.isArray(pattern) ? pattern : [pattern];
    for (const p of patterns) validateString(p, 'patterns');
    let { cwd = process.cwd(), exclude, withFileTypes = false } = options;
    cwd = require('internal/fs/utils').toPathIfFileURL(cwd);
    validateString(cwd, 'options.cwd');
    validateBoolean(withFileTypes, 'options.withFileTypes');
    if (exclude != null && typeof exclude !== 'function' && !Array.isArray(exclude)) {
      throw new ERR_INVALID_ARG_TYPE('options.exclude', ['function', 'string[]'], exclude);
    }
    if (typeof exclude === 'function') validateFunction(exclude, 'options.exclude');
    this.cwd = cwd;
    this.withFileTypes = withFileTypes;
    this.exclude = exclude;
    this.excludeCompiled = Array.isArray(exclude) ? exclude.map((p) => compileGlob(p)) : null;
    this.patterns = patterns.map((p) => {
      const absolute = p.startsWith('/');
      return { absolute, compiled: compileGlob(absolute ? p.slice(1) : p) };
    });
  }

  excluded(rel, dirent) {
    if (this.exclude == null) return false;
    if (this.excludeCompiled) {
      const parts = rel.split('/');
      return this.excludeCompiled.some((c) => matchSegments(parts, c, false));
    }
    return !!this.exclude(this.withFileTypes ? dirent : rel);
  }

  // The walk: yields directories to list (absolute paths), gets back
  // [names, types] (or null when it cannot be listed).
  * walk() {
    const results = new Map(); // key -> result (path string or Dirent)
    for (const { absolute, compiled } of this.patterns) {
      const base = absolute ? '/' : this.cwd;
      const show = (rel) => (absolute ? `/${rel}` : rel);
      if (matchesRoot(compiled) && !absolute) {
        const key = '.';
        if (!results.has(key) && !this.excluded('.', null)) {
          results.set(key, this.withFileTypes ?
            new Dirent(path().basename(this.cwd), UV_DIRENT_DIR, path().dirname(this.cwd)) : '.');
        }
      }
      const dots = wantsDots(compiled);
      const queue = [[]];
      while (queue.length > 0) {
        const parts = queue.shift();
        const dir = parts.length === 0 ? base : path().join(base, ...parts);
        const listed = yield dir;
        if (listed === null) continue;
        let [names, types] = listed;
        if (dots) {
          names = [...names, '.', '..'];
          types = [...types, UV_DIRENT_DIR, UV_DIRENT_DIR];
        }
        for (let i = 0; i < names.length; i++) {
          const name = names[i];
          const childParts = [...parts, name];
          const rel = childParts.join('/');
          const dirent = new Dirent(name, types[i], parts.length === 0 ? (absolute ? '/' : '.') : show(parts.join('/')));
          if (this.excluded(show(rel), dirent)) continue;
          const isDir = types[i] === UV_DIRENT_DIR;
          // A directory also matches a pattern that ends in a slash or a
          // globstar ('a/' and 'a/**' name 'a').
          if (matchSegments(childParts, compiled, false) ||
              (isDir && matchSegments([...childParts, ''], compiled, false))) {
            const shown = absolute ? show(rel) : path().normalize(rel);
            if (!results.has(shown)) results.set(shown, this.withFileTypes ? dirent : shown);
          }
          if (isDir && name !== '.' && name !== '..' && matchSegments(childParts, compiled, true)) {
            queue.push(childParts);
          } else if (isDir && (name === '.' || name === '..') && matchSegments(childParts, compiled, true) &&
                     childParts.length < 64) {
            queue.push(childParts);
          }
        }
      }
    }
    return [...results.values()];
  }

  globSync() {
    const binding = internalBinding('fs');
    const gen = this.walk();
    let step = gen.next();
    while (!step.done) {
      const res = binding.readdir(step.value, true, false);
      step = gen.next(typeof res === 'number' ? null : res);
    }
    return step.value;
  }

  async glob() {
    const fsp = require('internal/fs/promises').exports;
    const gen = this.walk();
    let step = gen.next();
    while (!step.done) {
      let listed = null;
      try {
        const dirents = await fsp.readdir(step.value, { withFileTypes: true });
        listed = [dirents.map((d) => d.name), dirents.map((d) => typeType(d))];
      } catch {
        listed = null;
      }
      step = gen.next(listed);
    }
    return step.value;
  }
}

function typeType(d) {
  for (const [method, type] of [['isFile', 1], ['isDirectory', 2], ['isSymbolicLink', 3], ['isFIFO', 4],
                                ['isSocket', 5], ['isCharacterDevice', 6], ['isBlockDevice', 7]]) {
    if (d[method]()) return type;
  }
  return 0;
}

module.exports = { Glob };
