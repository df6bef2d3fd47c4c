'use strict';
// process.loadEnvFile(path) and util.parseEnv(content): dotenv syntax.

const { validateString } = require('internal/validators');

function parseEnv(content) {
  validateString(content, 'content');
  const result = {};
  const lines = content.replace(/\r\n?/g, '\n');
  const re = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*('(?:\\'|[^'])*'|"(?:\\"|[^"])*"|`(?:\\`|[^`])*`|[^#\n]*)?[^\S\n]*(?:#.*)?$/mg;
  let match;
  while ((match = re.exec(lines)) !== null) {
    const key = match[1];
    let value = (match[2] || '').trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    }
    result[key] = value;
  }
  return result;
}

function loadEnvFile(path) {
  const content = internalBinding('module_fs').readFileUtf8(`${path}`);
  const parsed = parseEnv(content);
  for (const key of Object.keys(parsed)) {
    if (process.env[key] === undefined) process.env[key] = parsed[key];
  }
}

module.exports = { parseEnv, loadEnvFile };
