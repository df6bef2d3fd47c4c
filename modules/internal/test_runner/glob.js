'use strict';
// The file globs of `shard --test`: `*`, `?`, `[...]`, `{a,b}` and `**`
// matched against paths relative to the working directory (or absolute
// ones), walking only the directories a pattern can reach and never into
// node_modules or dot-directories.

const path = require('path');

const kMagic = /[*?[{]/;

function hasMagic(pattern) {
  return kMagic.test(pattern);
}

// The regular expression for one glob (whole-path match, `/` separated).
function globToRegExp(glob) {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      if (glob[i + 1] === '*' && atSegmentStart && glob[i + 2] === '/') {
        // "**/": any number of directories.
        re += '(?:[^/]+/)*';
        i += 2;
      } else if (glob[i + 1] === '*' && atSegmentStart && i + 2 === glob.length) {
        re += '.*';
        i += 1;
      } else {
        re += '[^/]*';
        if (glob[i + 1] === '*') i += 1;
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        re += '\\[';
      } else {
        let cls = glob.slice(i + 1, end);
        if (cls[0] === '!') cls = `^${cls.slice(1)}`;
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) {
      re += '|';
    } else if ('\\^$.|+()'.includes(ch)) {
      re += `\\${ch}`;
    } else {
      re += ch;
    }
  }
  return new RegExp(`^${re}$`);
}

// The directory a pattern's matches all lie under: its leading segments
// without wildcards.
function staticBase(pattern) {
  const segments = pattern.split('/');
  const base = [];
  for (let i = 0; i < segments.length - 1; i++) {
    if (hasMagic(segments[i])) break;
    base.push(segments[i]);
  }
  return base.join('/');
}

function walk(fs, dir, prefix, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    let isDir = entry.isDirectory();
    if (!isDir && entry.isSymbolicLink()) {
      try {
        isDir = fs.statSync(path.join(dir, name)).isDirectory();
      } catch {
        isDir = false;
      }
    }
    if (isDir) {
      out.push({ rel, isDir: true });
      walk(fs, path.join(dir, name), rel, out);
    } else {
      out.push({ rel, isDir: false });
    }
  }
}


// Paths matching any of the patterns, relative as the pattern is, sorted.
// A pattern without wildcards names a path as it is, existing or not.
function globSync(patterns, cwd) {
  const results = new Set();
  let fs;
  for (const pattern of patterns) {
    if (!hasMagic(pattern)) {
      results.add(pattern);
      continue;
    }
    fs ??= require('fs');
    const absolute = path.isAbsolute(pattern);
    const base = staticBase(pattern);
    const re = globToRegExp(pattern);
    const entries = [];
    const root = absolute ? (base || '/') : path.resolve(cwd, base || '.');
    walk(fs, root, base, entries);
    for (const { rel, isDir } of entries) {
      if (re.test(rel) && !isDir) results.add(rel);
    }
  }
  return [...results].sort();
}

module.exports = { globSync, globToRegExp, hasMagic };
