'use strict';
// node:test/reporters: the built-in reporters, each an async generator
// function taking the stream of test events and yielding text.

let dot;
let spec;
let tap;

Object.defineProperties(module.exports, {
  dot: {
    configurable: true,
    enumerable: true,
    get() {
      dot ??= require('internal/test_runner/reporter/dot');
      return dot;
    },
  },
  spec: {
    configurable: true,
    enumerable: true,
    get() {
      spec ??= require('internal/test_runner/reporter/spec');
      return spec;
    },
  },
  tap: {
    configurable: true,
    enumerable: true,
    get() {
      tap ??= require('internal/test_runner/reporter/tap');
      return tap;
    },
  },
});
