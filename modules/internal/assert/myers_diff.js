'use strict';
// Line diff for assertion messages: Myers' O(ND) shortest edit script
// between the inspected `actual` and `expected`, printed the way Node 22
// prints it ("+" for actual, "-" for expected, long unchanged runs folded).

const colors = require('internal/util/colors');

const kDelete = -1; // a line only in expected
const kKeep = 0;
const kInsert = 1; // a line only in actual

// Unchanged lines shown after a change before the rest of a run is folded.
const kContextLines = 5;

// With `commaBlind`, two lines that differ only by a trailing comma count as
// equal (an object's last property loses its comma when a property is added
// after it).
function linesEqual(a, b, commaBlind) {
  if (a === b) return true;
  return commaBlind && (a + ',' === b || a === b + ',');
}

// Returns the edit script as [op, line] pairs from the last line to the
// first (the order the backtrack produces them).
function myersDiff(actual, expected, commaBlind = false) {
  const n = actual.length;
  const m = expected.length;
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  // trace[d] is the furthest-reaching x on each diagonal before step d.
  const trace = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) {
        x = v[offset + k + 1]; // step down: take a line of expected
      } else {
        x = v[offset + k - 1] + 1; // step right: take a line of actual
      }
      let y = x - k;
      while (x < n && y < m && linesEqual(actual[x], expected[y], commaBlind)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, actual, expected, commaBlind, offset);
    }
  }
  return [];
}

function backtrack(trace, actual, expected, commaBlind, offset) {
  let x = actual.length;
  let y = expected.length;
  const script = [];
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      // Of two comma-blind equal lines, show the one with the comma unless
      // actual's lacks it.
      const line = commaBlind && !actual[x - 1].endsWith(',') ? expected[y - 1] : actual[x - 1];
      script.push([kKeep, line]);
      x--;
      y--;
    }
    if (d > 0) {
      if (x > prevX) {
        script.push([kInsert, actual[--x]]);
      } else {
        script.push([kDelete, expected[--y]]);
      }
    }
  }
  return script;
}

// Characters of both strings with the changed ones coloured (a diff of two
// short strings on a colour terminal).
function printSimpleMyersDiff(script) {
  let out = '';
  for (let i = script.length - 1; i >= 0; i--) {
    const [op, text] = script[i];
    const color = op === kInsert ? colors.green : op === kDelete ? colors.red : colors.white;
    out += `${color}${text}${colors.white}`;
  }
  return `\n${out}`;
}

// The line diff: each changed line with its sign, up to kContextLines
// unchanged lines after a change, the one unchanged line just before the
// next change, and "..." for what is folded in between.
function printMyersDiff(script, operator) {
  let out = '';
  let skipped = false;
  let keptRun = 0;
  for (let i = script.length - 1; i >= 0; i--) {
    const [op, text] = script[i];
    const prevOp = i < script.length - 1 ? script[i + 1][0] : null;
    if (prevOp === kKeep && op !== kKeep) {
      // A run of unchanged lines ended: show its end if it was folded.
      if (keptRun === kContextLines + 1) {
        out += `${colors.white}  ${script[i + 1][1]}\n`;
      } else if (keptRun === kContextLines + 2) {
        out += `${colors.white}  ${script[i + 2][1]}\n`;
        out += `${colors.white}  ${script[i + 1][1]}\n`;
      } else if (keptRun > kContextLines + 2) {
        out += `${colors.blue}...${colors.white}\n`;
        out += `${colors.white}  ${script[i + 1][1]}\n`;
        skipped = true;
      }
      keptRun = 0;
    }
    if (op === kInsert) {
      if (operator === 'partialDeepStrictEqual') {
        out += `${colors.gray}${colors.hasColors ? ' ' : '+'} ${text}${colors.white}\n`;
      } else {
        out += `${colors.green}+${colors.white} ${text}\n`;
      }
    } else if (op === kDelete) {
      out += `${colors.red}-${colors.white} ${text}\n`;
    } else {
      if (keptRun < kContextLines) out += `${colors.white}  ${text}\n`;
      keptRun++;
    }
  }
  return { message: `\n${out.trimEnd()}`, skipped };
}

module.exports = { myersDiff, printMyersDiff, printSimpleMyersDiff };
