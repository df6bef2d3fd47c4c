'use strict';
// node:module: the CommonJS Module class, which is also the module's API
// (createRequire, builtinModules, isBuiltin, ...).

module.exports = require('internal/modules/cjs/loader');
