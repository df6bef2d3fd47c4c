'use strict';
// path.win32: Windows path semantics on any platform. Both / and \ separate,
// results use \. A path starts with one of these roots:
//   C:\  (drive, absolute)     C:  (drive-relative)     \  (current drive)
//   \\server\share\  (UNC)    \\.\ and \\?\  (device namespaces)
// and the drive and UNC parts compare case-insensitively.

const { validateObject, validateString } = require('internal/validators');

const CHAR_DOT = 46;
const CHAR_COLON = 58;
const CHAR_FORWARD_SLASH = 47;
const CHAR_BACKWARD_SLASH = 92;
const CHAR_QUESTION_MARK = 63;

function isSep(code) {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
}

function isDriveLetter(code) {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

// A "X:" prefix.
function hasDrive(path) {
  return path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === CHAR_COLON;
}

// Resolves . and .. in `path` (no root), with \ as the separator. Above the
// start, .. is kept only when allowAboveRoot.
function normalizeString(path, allowAboveRoot) {
  const out = [];
  let segmentStart = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && !isSep(path.charCodeAt(i))) continue;
    const segment = path.slice(segmentStart, i);
    segmentStart = i + 1;
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
      continue;
    }
    out.push(segment);
  }
  return out.join('\\');
}

// The root at the start of `path`:
//   device: 'C:', '\\\\server\\share', '\\\\.' (namespace), or '' (none)
//   rootEnd: where the rest of the path begins
//   isAbsolute: the root ends with a separator (or is UNC)
//   uncOnly: the whole path is a UNC root (\\server\share)
function parseRoot(path) {
  const len = path.length;
  const root = { device: '', rootEnd: 0, isAbsolute: false, uncOnly: false };
  if (len === 0) return root;
  const code = path.charCodeAt(0);
  if (isSep(code)) {
    root.isAbsolute = true;
    root.rootEnd = 1;
    if (len > 1 && isSep(path.charCodeAt(1))) {
      // \\server\share: one or more non-separators, separators, then
      // one or more non-separators.
      let j = 2;
      let last = j;
      while (j < len && !isSep(path.charCodeAt(j))) j++;
      if (j < len && j !== last) {
        const server = path.slice(last, j);
        last = j;
        while (j < len && isSep(path.charCodeAt(j))) j++;
        if (j < len && j !== last) {
          last = j;
          while (j < len && !isSep(path.charCodeAt(j))) j++;
          if (server === '.' || server === '?') {
            // \\.\device or \\?\path: the namespace is the root.
            root.device = `\\\\${server}`;
            root.rootEnd = 4;
          } else if (j === len) {
            root.device = `\\\\${server}\\${path.slice(last)}`;
            root.rootEnd = j;
            root.uncOnly = true;
          } else {
            root.device = `\\\\${server}\\${path.slice(last, j)}`;
            root.rootEnd = j;
          }
        }
      }
    }
  } else if (hasDrive(path)) {
    root.device = path.slice(0, 2);
    root.rootEnd = 2;
    if (len > 2 && isSep(path.charCodeAt(2))) {
      root.isAbsolute = true;
      root.rootEnd = 3;
    }
  }
  return root;
}

// A relative path that normalizing turned into something Windows would read
// as a drive or a stream ("c:" from "./c:", "a:b" from "x/../a:b") is
// prefixed with .\ so it stays relative.
function protectRelative(path, tail) {
  if (!path.includes(':')) return tail;
  if (tail.length >= 2 && isDriveLetter(tail.charCodeAt(0)) && tail.charCodeAt(1) === CHAR_COLON) {
    return `.\\${tail}`;
  }
  let index = path.indexOf(':');
  do {
    if (index === path.length - 1 || isSep(path.charCodeAt(index + 1))) return `.\\${tail}`;
    index = path.indexOf(':', index + 1);
  } while (index !== -1);
  return tail;
}

const win32 = {
  resolve(...args) {
    let resolvedDevice = '';
    let resolvedTail = '';
    let resolvedAbsolute = false;

    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (resolvedDevice.length === 0) {
        path = process.cwd();
        // The current directory as Windows sees it.
        if (args.length === 0 || (args.length === 1 && (args[0] === '' || args[0] === '.') &&
                                  isSep(path.charCodeAt(0)))) {
          return path.replace(/\//g, '\\');
        }
      } else {
        // Each drive has its own current directory (in the hidden =C:
        // environment variable); without one, the drive's root.
        path = process.env[`=${resolvedDevice}`] || process.cwd();
        if (path === undefined ||
            (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() &&
             path.charCodeAt(2) === CHAR_BACKWARD_SLASH)) {
          path = `${resolvedDevice}\\`;
        }
      }

      const { device, rootEnd, isAbsolute } = parseRoot(path);
      if (device.length > 0) {
        if (resolvedDevice.length > 0) {
          // Another drive: this path does not apply.
          if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
        } else {
          resolvedDevice = device;
        }
      }

      if (resolvedAbsolute) {
        if (resolvedDevice.length > 0) break;
      } else {
        resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
        resolvedAbsolute = isAbsolute;
        if (isAbsolute && resolvedDevice.length > 0) break;
      }
    }

    resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute);
    if (resolvedAbsolute) return `${resolvedDevice}\\${resolvedTail}`;
    return `${resolvedDevice}${resolvedTail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isSep(path.charCodeAt(0)) ? '\\' : path;
    const root = parseRoot(path);
    // A bare UNC root gets its closing separator.
    if (root.uncOnly) return `${root.device}\\`;
    const hasDevice = root.device !== '';
    let tail = root.rootEnd < len ? normalizeString(path.slice(root.rootEnd), !root.isAbsolute) : '';
    if (tail.length === 0 && !root.isAbsolute) tail = '.';
    if (tail.length > 0 && isSep(path.charCodeAt(len - 1))) tail += '\\';
    if (!root.isAbsolute && !hasDevice) tail = protectRelative(path, tail);
    if (!hasDevice) return root.isAbsolute ? `\\${tail}` : tail;
    return root.isAbsolute ? `${root.device}\\${tail}` : `${root.device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    const code = path.charCodeAt(0);
    return isSep(code) || (len > 2 && hasDrive(path) && isSep(path.charCodeAt(2)));
  },

  join(...args) {
    if (args.length === 0) return '.';
    let joined;
    let firstPart;
    for (let i = 0; i < args.length; ++i) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) {
        if (joined === undefined) joined = firstPart = arg;
        else joined += `\\${arg}`;
      }
    }
    if (joined === undefined) return '.';
    // normalize() would read a leading \\ as a UNC root. Keep it only when
    // the first argument clearly meant one: exactly two separators and then
    // a name (join('//server', 'share') gives \\server\share\).
    let leading = 0;
    while (leading < firstPart.length && leading < 3 && isSep(firstPart.charCodeAt(leading))) leading++;
    const meantUNC = leading === 2 && firstPart.length > 2;
    if (!meantUNC && leading > 0) {
      let slashes = 0;
      while (slashes < joined.length && isSep(joined.charCodeAt(slashes))) slashes++;
      if (slashes >= 2) joined = `\\${joined.slice(slashes)}`;
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';
    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) return '';

    // Lowercasing changed the length (some non-ASCII letters): compare
    // component by component instead of by character offsets.
    if (fromOrig.length !== from.length || toOrig.length !== to.length) {
      return relativeByComponents(fromOrig, toOrig);
    }

    // Leading backslashes, and trailing ones (UNC roots), are not compared.
    let fromStart = 0;
    while (fromStart < from.length && from.charCodeAt(fromStart) === CHAR_BACKWARD_SLASH) fromStart++;
    let fromEnd = from.length;
    while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === CHAR_BACKWARD_SLASH) fromEnd--;
    const fromLen = fromEnd - fromStart;
    let toStart = 0;
    while (toStart < to.length && to.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) toStart++;
    let toEnd = to.length;
    while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === CHAR_BACKWARD_SLASH) toEnd--;
    const toLen = toEnd - toStart;

    const length = fromLen < toLen ? fromLen : toLen;
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length; i++) {
      const fromCode = from.charCodeAt(fromStart + i);
      if (fromCode !== to.charCodeAt(toStart + i)) break;
      if (fromCode === CHAR_BACKWARD_SLASH) lastCommonSep = i;
    }

    if (i !== length) {
      // They differ before sharing a directory (another drive or server).
      if (lastCommonSep === -1) return toOrig;
    } else {
      if (toLen > length) {
        // `from` is a directory above `to`.
        if (to.charCodeAt(toStart + i) === CHAR_BACKWARD_SLASH) return toOrig.slice(toStart + i + 1);
        // `from` is a drive root (C:\ compared as "c:").
        if (i === 2) return toOrig.slice(toStart + i);
      }
      if (fromLen > length) {
        if (from.charCodeAt(fromStart + i) === CHAR_BACKWARD_SLASH) lastCommonSep = i;
        else if (i === 2) lastCommonSep = 3;
      }
      if (lastCommonSep === -1) lastCommonSep = 0;
    }

    // One .. for each directory of `from` after the common part.
    let out = '';
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i === fromEnd || from.charCodeAt(i) === CHAR_BACKWARD_SLASH) out += out.length === 0 ? '..' : '\\..';
    }
    toStart += lastCommonSep;
    if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
    if (toOrig.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) ++toStart;
    return toOrig.slice(toStart, toEnd);
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolvedPath = win32.resolve(path);
    if (resolvedPath.length <= 2) return path;
    if (resolvedPath.charCodeAt(0) === CHAR_BACKWARD_SLASH) {
      if (resolvedPath.charCodeAt(1) === CHAR_BACKWARD_SLASH) {
        const code = resolvedPath.charCodeAt(2);
        if (code !== CHAR_QUESTION_MARK && code !== CHAR_DOT) {
          // \\server\share\x -> \\?\UNC\server\share\x
          return `\\\\?\\UNC\\${resolvedPath.slice(2)}`;
        }
      }
    } else if (hasDrive(resolvedPath) && resolvedPath.charCodeAt(2) === CHAR_BACKWARD_SLASH) {
      return `\\\\?\\${resolvedPath}`;
    }
    return resolvedPath;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    const { rootEnd, uncOnly } = fileRoot(path);
    // A bare UNC root is its own directory.
    if (uncOnly) return path;
    // Find the separator before the last component (trailing separators
    // skipped); only that one separator is dropped.
    let end = -1;
    let matchedSlash = true;
    for (let i = len - 1; i >= rootEnd; --i) {
      if (isSep(path.charCodeAt(i))) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) {
      if (rootEnd === 0) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    // The separator after a drive letter is not a trailing one.
    const start = hasDrive(path) ? 2 : 0;
    return lastComponent(path, start, suffix);
  },

  extname(path) {
    validateString(path, 'path');
    const start = hasDrive(path) ? 2 : 0;
    return extensionOf(path, start, lastComponentStart(path, start));
  },

  format(pathObject) {
    validateObject(pathObject, 'pathObject');
    const dir = pathObject.dir || pathObject.root;
    const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
    const base = pathObject.base || `${pathObject.name || ''}${ext}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}\\${base}`;
  },

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    const len = path.length;
    if (len === 0) return ret;
    const { rootEnd, uncOnly } = fileRoot(path);
    if (uncOnly || (rootEnd === len && rootEnd > 0 && (len === 1 || isSep(path.charCodeAt(rootEnd - 1))))) {
      // Nothing but a root.
      ret.root = ret.dir = path;
      return ret;
    }
    if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
    const partStart = lastComponentStart(path, rootEnd);
    let end = len;
    while (end > rootEnd && isSep(path.charCodeAt(end - 1))) end--;
    if (end > partStart) {
      ret.base = path.slice(partStart, end);
      ret.ext = extensionOf(path, rootEnd, partStart);
      ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
    }
    // The directory keeps all but the separator right before the base.
    if (partStart > 0 && partStart !== rootEnd) ret.dir = path.slice(0, partStart - 1);
    else ret.dir = ret.root;
    return ret;
  },

  matchesGlob(path, pattern) {
    return require('internal/fs/glob').matchGlobPattern(path, pattern, true);
  },

  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
};

function relativeByComponents(fromOrig, toOrig) {
  const fromParts = fromOrig.split('\\');
  const toParts = toOrig.split('\\');
  if (fromParts[fromParts.length - 1] === '') fromParts.pop();
  if (toParts[toParts.length - 1] === '') toParts.pop();
  const length = Math.min(fromParts.length, toParts.length);
  let i = 0;
  while (i < length && fromParts[i].toLowerCase() === toParts[i].toLowerCase()) i++;
  if (i === 0) return toOrig;
  if (i === length) {
    if (toParts.length > length) return toParts.slice(i).join('\\');
    if (fromParts.length > length) return `${'..\\'.repeat(fromParts.length - 1 - i)}..`;
    return '';
  }
  return `${'..\\'.repeat(fromParts.length - i)}${toParts.slice(i).join('\\')}`;
}

// The root as dirname() and parse() see it: a drive (C: or C:\), a single
// separator, or a UNC root \\server\share\ (any server name, ? and .
// included); uncOnly when the path is nothing but \\server\share.
function fileRoot(path) {
  const len = path.length;
  const code = path.charCodeAt(0);
  if (len === 1) return { rootEnd: isSep(code) ? 1 : 0, uncOnly: false };
  if (isSep(code)) {
    if (isSep(path.charCodeAt(1))) {
      let j = 2;
      let last = j;
      while (j < len && !isSep(path.charCodeAt(j))) j++;
      if (j < len && j !== last) {
        last = j;
        while (j < len && isSep(path.charCodeAt(j))) j++;
        if (j < len && j !== last) {
          last = j;
          while (j < len && !isSep(path.charCodeAt(j))) j++;
          if (j === len) return { rootEnd: len, uncOnly: true };
          if (j !== last) return { rootEnd: j + 1, uncOnly: false };
        }
      }
    }
    return { rootEnd: 1, uncOnly: false };
  }
  if (hasDrive(path)) {
    return { rootEnd: len > 2 && isSep(path.charCodeAt(2)) ? 3 : 2, uncOnly: false };
  }
  return { rootEnd: 0, uncOnly: false };
}

// Where the last component of path[start..] begins (trailing separators
// ignored).
function lastComponentStart(path, start) {
  let end = path.length;
  while (end > start && isSep(path.charCodeAt(end - 1))) end--;
  let i = end;
  while (i > start && !isSep(path.charCodeAt(i - 1))) i--;
  return i;
}

// The extension of the last component: from its last dot, unless that dot
// is its first character or the name is all dots up to it ("..").
function extensionOf(path, start, partStart) {
  let end = path.length;
  while (end > partStart && isSep(path.charCodeAt(end - 1))) end--;
  const base = path.slice(partStart, end);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return '';
  // "..": the dot is preceded only by dots of a two-dot name.
  if (dot === 1 && base.length === 2 && base.charCodeAt(0) === CHAR_DOT) return '';
  return base.slice(dot);
}

// basename(): the last component; a suffix matching its end is removed.
// The match runs from the end of the path backwards, so a suffix longer
// than the component, or one that spans a separator, is not removed.
function lastComponent(path, start, suffix) {
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return '';
    let extIdx = suffix.length - 1;
    let firstNonSlashEnd = -1;
    let end = -1;
    let matchedSlash = true;
    for (let i = path.length - 1; i >= start; --i) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else {
        if (firstNonSlashEnd === -1) {
          matchedSlash = false;
          firstNonSlashEnd = i + 1;
        }
        if (extIdx >= 0) {
          if (code === suffix.charCodeAt(extIdx)) {
            if (--extIdx === -1) end = i;
          } else {
            extIdx = -1;
            end = firstNonSlashEnd;
          }
        }
      }
    }
    if (start === end) end = firstNonSlashEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }
  let end = path.length;
  while (end > start && isSep(path.charCodeAt(end - 1))) end--;
  if (end === start) return '';
  return path.slice(lastComponentStart(path, start), end);
}

win32._makeLong = win32.toNamespacedPath;

module.exports = win32;
