// --conditions (-C) adds export conditions for require and import.
const path = require('path');
const { createRequire } = require('module');
const fixture = path.join(__dirname, '..', 'fixtures', 'modules', 'index.js');
const fixtureRequire = createRequire(fixture);
console.log(fixtureRequire('exports-pkg/custom'));
import(fixtureRequire.resolve('exports-pkg/custom')).then((ns) => console.log(ns.default));
