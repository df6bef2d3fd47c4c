// Named exports of a CommonJS package found by cjs-module-lexer.
import semver, { satisfies, SemVer, compare } from 'semver';
console.log(typeof semver, satisfies('2.0.0', '^2'), new SemVer('3.4.5').minor, compare('1.0.0', '2.0.0'));
