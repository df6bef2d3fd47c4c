import chalk, { Chalk, supportsColor } from 'chalk';
const c = new Chalk({ level: 2 });
console.log(JSON.stringify(c.red('red')), JSON.stringify(c.bold.underline.blue('styled')));
console.log(JSON.stringify(c.rgb(10, 20, 30)('rgb')), JSON.stringify(c.hex('#ff8800').bgBlack('hex')));
const none = new Chalk({ level: 0 });
console.log(none.red('plain'), typeof chalk.level, typeof supportsColor);
