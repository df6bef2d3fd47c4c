'use strict';
const { Command, Option } = require('commander');

function makeProgram() {
  const program = new Command();
  program.name('tool').description('a test tool').version('1.0.0')
    .option('-d, --debug', 'output extra debugging')
    .option('-p, --pizza-type <type>', 'flavour of pizza', 'margherita')
    .addOption(new Option('-s, --size <size>', 'size').choices(['small', 'large']))
    .argument('[files...]', 'files to read')
    .exitOverride()
    .configureOutput({ writeOut: (s) => console.log(s.trimEnd()), writeErr: (s) => console.log('ERR', s.trimEnd()) });
  return program;
}

const program = makeProgram();
program.parse(['-d', '--pizza-type', 'hawaiian', '--size', 'large', 'a.txt', 'b.txt'], { from: 'user' });
console.log(program.opts(), program.args);
console.log(makeProgram().helpInformation());
try {
  makeProgram().parse(['--size', 'huge'], { from: 'user' });
} catch (err) {
  console.log(err.code, err.exitCode);
}

const cli = new Command().exitOverride();
cli.command('greet <name>').option('--loud').action((name, opts) => {
  console.log(`hello ${opts.loud ? name.toUpperCase() : name}`);
});
cli.parse(['greet', 'shard', '--loud'], { from: 'user' });
