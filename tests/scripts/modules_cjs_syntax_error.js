// A syntax error in a required file: printed with its file, line and caret.
console.log('requiring');
require('./modules/syntax-error.js');
