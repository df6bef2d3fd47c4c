'use strict';
// The readline Interface shared by node:readline and node:readline/promises.
//
// Without a terminal it splits its input into lines ('\n', '\r\n' and a
// lone '\r', even when '\r' and '\n' arrive in different chunks). On a
// terminal it puts the input in raw mode and edits the line itself: cursor
// movement, deletion by character and word, history, tab completion, and a
// prompt redrawn across wrapped rows.

const EventEmitter = require('events');
const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_USE_AFTER_CLOSE },
} = require('internal/errors');
const {
  validateAbortSignal, validateArray, validateNumber, validateString, validateUint32,
} = require('internal/validators');
const { kEmptyObject } = require('internal/util');
const { charLengthAt, charLengthLeft, commonPrefix } = require('internal/readline/utils');
const { clearScreenDown, cursorTo, moveCursor } = require('internal/readline/callbacks');
const { emitKeypressEvents, kSawKeyPress } = require('internal/readline/emitKeypressEvents');

const kHistorySize = 30;
const kMaxUndoRedoStackSize = 2048;
const kMincrlfDelay = 100;
// Lines end at \n, \r\n, or a \r not followed by \n.
const lineEnding = /\r?\n|\r(?!\n)/g;

const kQuestionCallback = Symbol('_questionCallback');
const kOldPrompt = Symbol('_oldPrompt');
const kPrompt = Symbol('_prompt');
const kSawReturnAt = Symbol('_sawReturnAt');
const kLineBuffer = Symbol('_line_buffer');
const kDecoder = Symbol('_decoder');
const kSubstringSearch = Symbol('kSubstringSearch');
const kUndoStack = Symbol('_undoStack');
const kRedoStack = Symbol('_redoStack');
const kPreviousKey = Symbol('_previousKey');
const kPreviousCursorCols = Symbol('_previousCursorCols');
const kLineIterator = Symbol('kLineIterator');
const kQuestion = Symbol('kQuestion');
const kQuestionCancel = Symbol('kQuestionCancel');
const kOnLine = Symbol('kOnLine');
const kTtyWrite = Symbol('kTtyWrite');
const kNormalWrite = Symbol('kNormalWrite');
const kRefreshLine = Symbol('kRefreshLine');
const kWriteToOutput = Symbol('kWriteToOutput');
const kInsertString = Symbol('kInsertString');
const kSetRawMode = Symbol('kSetRawMode');

let stringWidth;
function getStringWidth(str) {
  stringWidth ??= require('internal/util/inspect').getStringWidth;
  return stringWidth(str, false);
}

let stripVT;
function stripVTControlCharacters(str) {
  stripVT ??= require('internal/util/inspect').stripVTControlCharacters;
  return stripVT(str);
}

function InterfaceConstructor(input, output, completer, terminal) {
  EventEmitter.call(this);
  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;
  let escapeCodeTimeout = 500;
  let tabSize;

  if (input?.input) {
    // An options object.
    output = input.output;
    completer = input.completer;
    terminal = input.terminal;
    history = input.history;
    historySize = input.historySize;
    signal = input.signal;
    if (input.tabSize !== undefined) {
      validateUint32(input.tabSize, 'tabSize', true);
      tabSize = input.tabSize;
    }
    removeHistoryDuplicates = input.removeHistoryDuplicates;
    if (input.prompt !== undefined) prompt = input.prompt;
    if (input.escapeCodeTimeout !== undefined) {
      if (Number.isFinite(input.escapeCodeTimeout)) {
        escapeCodeTimeout = input.escapeCodeTimeout;
      } else {
        throw new ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', escapeCodeTimeout);
      }
    }
    if (signal) validateAbortSignal(signal, 'options.signal');
    crlfDelay = input.crlfDelay;
    input = input.input;
  }

  if (completer !== undefined && typeof completer !== 'function') {
    throw new ERR_INVALID_ARG_VALUE('completer', completer);
  }
  if (history === undefined) {
    history = [];
  } else {
    validateArray(history, 'history');
  }
  if (historySize === undefined) historySize = kHistorySize;
  validateNumber(historySize, 'historySize', 0);
  // Without an explicit choice, a terminal output means terminal mode.
  if (terminal === undefined && !(output === null || output === undefined)) {
    terminal = !!output.isTTY;
  }

  this.line = '';
  this[kSubstringSearch] = null;
  this.output = output;
  this.input = input;
  this[kUndoStack] = [];
  this[kRedoStack] = [];
  this.history = history;
  this.historySize = historySize;
  this[kPreviousCursorCols] = -1;
  // Unicode composition is not handled: the cursor counts code units.
  this.removeHistoryDuplicates = !!removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
  this.completer = completer === undefined ? undefined : wrapCompleter(completer);
  this.escapeCodeTimeout = escapeCodeTimeout;
  this.tabSize = tabSize ?? 8;
  this.setPrompt(prompt);
  this.terminal = !!terminal;
  this[kSawReturnAt] = 0;
  this[kLineBuffer] = null;
  this.isCompletionEnabled = true;
  this[kSawKeyPress] = false;
  this[kPreviousKey] = null;
  this[kQuestionCallback] = null;
  this[kOldPrompt] = '';

  const self = this;
  function onerror(err) {
    self.emit('error', err);
  }
  function ondata(data) {
    self[kNormalWrite](data);
  }
  function onend() {
    if (typeof self[kLineBuffer] === 'string' && self[kLineBuffer].length > 0) {
      self.emit('line', self[kLineBuffer]);
    }
    self.close();
  }
  function ontermend() {
    if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
    self.close();
  }
  function onkeypress(s, key) {
    self[kTtyWrite](s, key);
  }
  function onresize() {
    self[kRefreshLine]();
  }
  function onSelfCloseWithTerminal() {
    input.removeListener('keypress', onkeypress);
    input.removeListener('end', ontermend);
    input.removeListener('error', onerror);
    if (output !== null && output !== undefined) output.removeListener('resize', onresize);
  }
  function onSelfCloseWithoutTerminal() {
    input.removeListener('data', ondata);
    input.removeListener('end', onend);
    input.removeListener('error', onerror);
  }

  if (input !== undefined && input !== null) input.on('error', onerror);

  if (!this.terminal) {
    const { StringDecoder } = require('string_decoder');
    this[kDecoder] = new StringDecoder('utf8');
    input.on('data', ondata);
    input.on('end', onend);
    this.once('close', onSelfCloseWithoutTerminal);
  } else {
    emitKeypressEvents(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this[kSetRawMode](true);
    this.terminal = true;
    this.cursor = 0;
    this.historyIndex = -1;
    if (output !== null && output !== undefined) output.on('resize', onresize);
    this.once('close', onSelfCloseWithTerminal);
  }

  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      self.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }

  // The input starts flowing now: lines come as soon as data does.
  input.resume();
}
Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

// Completers may be (line) => result, (line) => Promise, or (line, cb).
function wrapCompleter(completer) {
  if (completer.length === 2) return completer;
  return (line, cb) => {
    let value;
    try {
      value = completer(line);
    } catch (err) {
      cb(err);
      return;
    }
    if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
      value.then((v) => cb(null, v), cb);
    } else {
      cb(null, value);
    }
  };
}

class Interface extends InterfaceConstructor {
  get columns() {
    if (this.output && this.output.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }

  getPrompt() {
    return this[kPrompt];
  }

  [kSetRawMode](mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this[kRefreshLine]();
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }

  [kQuestion](query, cb) {
    if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  [kWriteToOutput](stringToWrite) {
    validateString(stringToWrite, 'stringToWrite');
    if (this.output !== null && this.output !== undefined) this.output.write(stringToWrite);
  }

  _writeToOutput(stringToWrite) {
    this[kWriteToOutput](stringToWrite);
  }

  _addHistory() {
    if (this.line.length === 0) return '';
    // Nothing to remember.
    if (this.historySize === 0) return this.line;
    // Blank lines are not remembered either.
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }

  [kRefreshLine]() {
    const line = this[kPrompt] + this.line;
    const dispPos = this._getDisplayPos(line);
    const lineCols = dispPos.cols;
    const lineRows = dispPos.rows;
    const cursorPos = this.getCursorPos();
    // Back to the first row of what is on screen, then redraw from there.
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this[kWriteToOutput](line);
    // A line that fills its last row exactly: move to the next one.
    if (lineCols === 0) this[kWriteToOutput](' ');
    cursorTo(this.output, cursorPos.cols);
    const diff = lineRows - cursorPos.rows;
    if (diff > 0) moveCursor(this.output, 0, -diff);
    this.prevRows = cursorPos.rows;
  }

  _refreshLine() {
    this[kRefreshLine]();
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this[kSetRawMode](false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](d, key);
    else this[kNormalWrite](d);
  }

  [kNormalWrite](b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      // The \n of a \r\n split across chunks.
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    // Only the new part can hold a line end.
    lineEnding.lastIndex = 0;
    const hasEnding = lineEnding.test(string);
    if (typeof this[kLineBuffer] === 'string') {
      string = this[kLineBuffer] + string;
      this[kLineBuffer] = null;
    }
    if (!hasEnding) {
      if (string) this[kLineBuffer] = string;
      return;
    }
    this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
    lineEnding.lastIndex = 0;
    let start = 0;
    let m;
    while ((m = lineEnding.exec(string)) !== null) {
      const line = string.slice(start, m.index);
      start = m.index + m[0].length;
      // Even a close() from a 'line' listener does not stop the rest of
      // this chunk's lines, as in Node.
      this[kOnLine](line);
    }
    const rest = string.slice(start);
    if (rest) this[kLineBuffer] = rest;
  }

  [kInsertString](c) {
    this.beforeEdit(this.line, this.cursor);
    if (this.cursor < this.line.length) {
      const beg = this.line.slice(0, this.cursor);
      const end = this.line.slice(this.cursor, this.line.length);
      this.line = beg + c + end;
      this.cursor += c.length;
      this[kRefreshLine]();
    } else {
      const oldPos = this.getCursorPos();
      this.line += c;
      this.cursor += c.length;
      const newPos = this.getCursorPos();
      if (oldPos.rows < newPos.rows) this[kRefreshLine]();
      else this[kWriteToOutput](c);
    }
  }

  _insertString(c) {
    this[kInsertString](c);
  }

  tabComplete(lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    this.completer(string, (err, value) => {
      this.resume();
      if (err) {
        this[kWriteToOutput](`Tab completion error: ${require('internal/util/inspect').inspect(err)}`);
        return;
      }
      this.applyCompletion(lastKeypressWasTab, value);
    });
  }

  applyCompletion(lastKeypressWasTab, result) {
    if (!Array.isArray(result)) return;
    const completions = result[0];
    const completeOn = result[1] ?? '';
    if (!completions || completions.length === 0) return;
    // What all the matches share is filled in at once.
    const prefix = commonPrefix(completions.filter((e) => e !== ''));
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this[kInsertString](prefix.slice(completeOn.length));
      return;
    } else if (!completeOn.startsWith(prefix)) {
      this.line = this.line.slice(0, this.cursor - completeOn.length) + prefix +
        this.line.slice(this.cursor, this.line.length);
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this[kRefreshLine]();
      return;
    }
    if (!lastKeypressWasTab) return;
    this.beforeEdit(this.line, this.cursor);
    // A second tab lists the matches in columns.
    const widths = completions.map((e) => getStringWidth(e));
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = '\r\n';
    let lineIndex = 0;
    let whitespace = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === '' || lineIndex === maxColumns) {
        output += '\r\n';
        lineIndex = 0;
        whitespace = 0;
      } else {
        output += ' '.repeat(whitespace);
      }
      if (completion !== '') {
        output += completion;
        whitespace = width - widths[i];
        lineIndex++;
      } else {
        output += '\r\n';
      }
    }
    if (lineIndex !== 0) output += '\r\n\r\n';
    this[kWriteToOutput](output);
    this[kRefreshLine]();
  }

  // ---- moving and deleting ----

  _wordLeft() {
    if (this.cursor > 0) {
      const leading = this.line.slice(0, this.cursor);
      const reversed = [...leading].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      this._moveCursor(-match[0].length);
    }
  }

  _wordRight() {
    if (this.cursor < this.line.length) {
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(trailing);
      this._moveCursor(match[0].length);
    }
  }

  _deleteLeft() {
    if (this.cursor > 0 && this.line.length > 0) {
      this.beforeEdit(this.line, this.cursor);
      const charSize = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - charSize) + this.line.slice(this.cursor, this.line.length);
      this.cursor -= charSize;
      this[kRefreshLine]();
    }
  }

  _deleteRight() {
    if (this.cursor < this.line.length) {
      this.beforeEdit(this.line, this.cursor);
      const charSize = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + charSize, this.line.length);
      this[kRefreshLine]();
    }
  }

  _deleteWordLeft() {
    if (this.cursor > 0) {
      this.beforeEdit(this.line, this.cursor);
      let leading = this.line.slice(0, this.cursor);
      const reversed = [...leading].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      leading = leading.slice(0, leading.length - match[0].length);
      this.line = leading + this.line.slice(this.cursor, this.line.length);
      this.cursor = leading.length;
      this[kRefreshLine]();
    }
  }

  _deleteWordRight() {
    if (this.cursor < this.line.length) {
      this.beforeEdit(this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(match[0].length);
      this[kRefreshLine]();
    }
  }

  _deleteLineLeft() {
    this.beforeEdit(this.line, this.cursor);
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    this[kRefreshLine]();
  }

  _deleteLineRight() {
    this.beforeEdit(this.line, this.cursor);
    this.line = this.line.slice(0, this.cursor);
    this[kRefreshLine]();
  }

  clearLine() {
    this._moveCursor(+Infinity);
    this[kWriteToOutput]('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }

  _line() {
    const line = this._addHistory();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this[kOnLine](line);
  }

  beforeEdit(oldText, oldCursor) {
    this[kUndoStack].push({ text: oldText, cursor: oldCursor });
    if (this[kUndoStack].length > kMaxUndoRedoStackSize) this[kUndoStack].shift();
    this[kRedoStack] = [];
  }

  _undo() {
    if (this[kUndoStack].length <= 0) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }

  _redo() {
    if (this[kRedoStack].length <= 0) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }

  // History: up and down walk it; what was typed before the first step
  // narrows the walk to entries that start with it.
  _historyNext() {
    if (this.historyIndex >= 0) {
      this.beforeEdit(this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex - 1;
      while (index >= 0 && (!this.history[index].startsWith(search) ||
             this.line === this.history[index])) {
        index--;
      }
      if (index === -1) this.line = search;
      else this.line = this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    }
  }

  _historyPrev() {
    if (this.historyIndex < this.history.length && this.history.length) {
      this.beforeEdit(this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex + 1;
      while (index < this.history.length && (!this.history[index].startsWith(search) ||
             this.line === this.history[index])) {
        index++;
      }
      if (index === this.history.length) this.line = search;
      else this.line = this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    }
  }

  _getDisplayPos(str) {
    let offset = 0;
    const col = this.columns;
    let rows = 0;
    str = stripVTControlCharacters(str);
    for (const char of str) {
      if (char === '\n') {
        // Rows end early at a newline.
        rows += Math.ceil(offset / col) || 1;
        offset = 0;
        continue;
      }
      if (char === '\t') {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = getStringWidth(char);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        // A wide character does not straddle two rows.
        if ((offset + 1) % col === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % col;
    rows += (offset - cols) / col;
    return { cols, rows };
  }

  getCursorPos() {
    const strBeforeCursor = this[kPrompt] + this.line.slice(0, this.cursor);
    return this._getDisplayPos(strBeforeCursor);
  }

  _getCursorPos() {
    return this.getCursorPos();
  }

  _moveCursor(dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) {
      // Same row: move by the width between the positions.
      const diffWidth = newPos.cols - oldPos.cols;
      moveCursor(this.output, diffWidth, 0);
    } else {
      this[kRefreshLine]();
    }
  }

  // ---- keys ----

  [kTtyWrite](s, key) {
    const previousKey = this[kPreviousKey];
    key = key || kEmptyObject;
    this[kPreviousKey] = key;

    // The history search prefix is what was typed before walking history.
    if ((key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift) {
      if (this[kSubstringSearch] === null) this[kSubstringSearch] = this.line.slice(0, this.cursor);
    } else if (this[kSubstringSearch] !== null) {
      this[kSubstringSearch] = null;
      // Walked past the oldest entry without a match: start over.
      if (this.history.length === this.historyIndex) this.historyIndex = -1;
    }

    if (typeof key.name === 'string' && key.name === 'escape') return;

    if (key.ctrl && key.shift) {
      switch (key.name) {
        case 'backspace':
          this._deleteLineLeft();
          break;
        case 'delete':
          this._deleteLineRight();
          break;
        default:
      }
    } else if (key.ctrl) {
      switch (key.name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) {
            this.emit('SIGINT');
          } else {
            // With nobody to tell, Ctrl+C ends this interface.
            this.close();
          }
          break;
        case 'h': // delete left
          this._deleteLeft();
          break;
        case 'd': // delete right, or EOF on an empty line
          if (this.cursor === 0 && this.line.length === 0) this.close();
          else if (this.cursor < this.line.length) this._deleteRight();
          break;
        case 'u': // delete from the start of the line
          this._deleteLineLeft();
          break;
        case 'k': // delete to the end of the line
          this._deleteLineRight();
          break;
        case 'a': // go to the start of the line
          this._moveCursor(-Infinity);
          break;
        case 'e': // go to the end of the line
          this._moveCursor(+Infinity);
          break;
        case 'b': // back one character
          this._moveCursor(-charLengthLeft(this.line, this.cursor));
          break;
        case 'f': // forward one character
          this._moveCursor(+charLengthAt(this.line, this.cursor));
          break;
        case 'l': // clear the whole screen
          cursorTo(this.output, 0, 0);
          clearScreenDown(this.output);
          this[kRefreshLine]();
          break;
        case 'n': // next history item
          this._historyNext();
          break;
        case 'p': // previous history item
          this._historyPrev();
          break;
        case 'z':
          if (process.platform === 'win32') break;
          if (this.listenerCount('SIGTSTP') > 0) {
            this.emit('SIGTSTP');
          } else {
            process.once('SIGCONT', () => {
              // Back in the foreground: raw mode again, and the line.
              if (!this.paused) {
                this.pause();
                this.emit('SIGCONT');
              }
              this[kSetRawMode](true);
              this[kRefreshLine]();
            });
            this[kSetRawMode](false);
            process.kill(process.pid, 'SIGTSTP');
          }
          break;
        case 'w': // delete the word to the left
        case 'backspace':
          this._deleteWordLeft();
          break;
        case 'delete': // delete the word to the right
          this._deleteWordRight();
          break;
        case 'left':
          this._wordLeft();
          break;
        case 'right':
          this._wordRight();
          break;
        default:
          if (key.sequence === '\x1f') this._undo(); // Ctrl+-
          else if (key.sequence === '\x1e') this._redo(); // Ctrl+^
      }
    } else if (key.meta) {
      switch (key.name) {
        case 'b': // back one word
          this._wordLeft();
          break;
        case 'f': // forward one word
          this._wordRight();
          break;
        case 'd':
        case 'delete': // delete the word to the right
          this._deleteWordRight();
          break;
        case 'backspace': // delete the word to the left
          this._deleteWordLeft();
          break;
        default:
      }
    } else {
      // A \r\n arriving as return then enter counts once.
      if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
      switch (key.name) {
        case 'return':
          this[kSawReturnAt] = Date.now();
          this._line();
          break;
        case 'enter':
          if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this._line();
          this[kSawReturnAt] = 0;
          break;
        case 'backspace':
          this._deleteLeft();
          break;
        case 'delete':
          this._deleteRight();
          break;
        case 'left':
          this._moveCursor(-charLengthLeft(this.line, this.cursor));
          break;
        case 'right':
          this._moveCursor(+charLengthAt(this.line, this.cursor));
          break;
        case 'home':
          this._moveCursor(-Infinity);
          break;
        case 'end':
          this._moveCursor(+Infinity);
          break;
        case 'up':
          this._historyPrev();
          break;
        case 'down':
          this._historyNext();
          break;
        case 'tab':
          // Completion for a key typed, not for a pasted tab.
          if (typeof this.completer === 'function' && this.isCompletionEnabled) {
            const lastKeypressWasTab = previousKey && previousKey.name === 'tab';
            this.tabComplete(lastKeypressWasTab);
            break;
          }
        // falls through
        default:
          if (typeof s === 'string' && s) {
            // Pasted text may hold several lines.
            const lines = s.split(/\r\n|\n|\r/);
            for (let i = 0, len = lines.length; i < len; i++) {
              if (i > 0) this._line();
              this[kInsertString](lines[i]);
            }
          }
      }
    }
  }

  _ttyWrite(s, key) {
    this[kTtyWrite](s, key);
  }

  // for await (const line of rl): lines as they come, the input paused
  // while many wait to be taken. Leaving the loop early stops listening
  // (the interface stays open, as in Node 22).
  [Symbol.asyncIterator]() {
    if (this[kLineIterator] !== undefined) return this[kLineIterator];
    // Lines wait in queue[head..]; the array is emptied when all are taken.
    let queue = [];
    let head = 0;
    const waiting = [];
    let done = false;
    let error = null;
    const highWaterMark = 1024;
    const onLine = (line) => {
      if (waiting.length > 0) {
        waiting.shift().resolve({ value: line, done: false });
        return;
      }
      queue.push(line);
      if (queue.length - head >= highWaterMark && !this.paused) this.pause();
    };
    const finish = () => {
      done = true;
      this.off('line', onLine);
      this.off('close', finish);
      this.off('error', onError);
      while (waiting.length > 0) {
        const w = waiting.shift();
        if (error !== null) w.reject(error);
        else w.resolve({ value: undefined, done: true });
      }
    };
    const onError = (err) => {
      error = err;
      finish();
    };
    this.on('line', onLine);
    this.on('close', finish);
    this.on('error', onError);
    const self = this;
    const iterator = {
      next() {
        if (head < queue.length) {
          const value = queue[head++];
          if (head === queue.length) {
            queue = [];
            head = 0;
            if (self.paused && !self.closed) self.resume();
          }
          return Promise.resolve({ value, done: false });
        }
        if (error !== null) {
          const err = error;
          error = null;
          return Promise.reject(err);
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (self.paused && !self.closed) self.resume();
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        queue = [];
        head = 0;
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) {
        finish();
        return Promise.reject(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    this[kLineIterator] = iterator;
    return iterator;
  }
}

// Node's symbols for subclasses (readline, readline/promises, the REPL).
module.exports = {
  Interface,
  InterfaceConstructor,
  kQuestion,
  kQuestionCancel,
  kQuestionCallback,
  kOnLine,
  kTtyWrite,
  kNormalWrite,
  kRefreshLine,
  kWriteToOutput,
  kInsertString,
  kSetRawMode,
  kPrompt,
  kSawReturnAt,
  kSubstringSearch,
  kLineBuffer,
};
