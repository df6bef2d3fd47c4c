'use strict';
// node:trace_events. shard has no trace event recorder: the module loads,
// getEnabledCategories() says none are on, and createTracing() checks its
// options as Node does, then throws ERR_TRACE_EVENTS_UNAVAILABLE (Node's error
// in builds without tracing).

const {
  codes: { ERR_TRACE_EVENTS_CATEGORY_REQUIRED, ERR_TRACE_EVENTS_UNAVAILABLE },
} = require('internal/errors');
const { validateObject, validateStringArray } = require('internal/validators');

function createTracing(options) {
  validateObject(options, 'options');
  validateStringArray(options.categories, 'options.categories');
  if (options.categories.length <= 0) throw new ERR_TRACE_EVENTS_CATEGORY_REQUIRED();
  throw new ERR_TRACE_EVENTS_UNAVAILABLE();
}

function getEnabledCategories() {
  return undefined;
}

module.exports = { createTracing, getEnabledCategories };
