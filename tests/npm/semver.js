'use strict';
const semver = require('semver');
const Range = require('semver/classes/range');
console.log(semver.valid('1.2.3'), semver.valid('a.b.c'), semver.clean('  =v1.2.3   '));
console.log(semver.satisfies('1.2.3', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'), semver.gt('1.2.3', '9.8.7'));
console.log(semver.inc('1.2.3', 'prerelease', 'beta'), semver.coerce('v2.x').version);
console.log(semver.sort(['1.10.0', '1.2.0', '1.2.0-alpha', '0.9.9']));
console.log(semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0'], '~1.2.0'), new Range('>=1.2.7 <1.3.0').range);
console.log(semver.parse('1.2.3-rc.1+build.5'));
