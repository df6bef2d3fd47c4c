'use strict';
// node:console: the global console, writing to process.stdout/stderr.

const { Console } = require('internal/console/constructor');

const globalConsole = new Console({ stdout: process.stdout, stderr: process.stderr });
globalConsole.Console = Console;

module.exports = globalConsole;
