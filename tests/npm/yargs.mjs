import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
const argv = yargs(hideBin(['node', 'script', 'serve', '--port', '8080', '-v', '--name=shard', 'extra']))
  .scriptName('tool')
  .command('serve', 'start the server', (y) => y.option('port', { type: 'number', default: 3000 }))
  .option('v', { alias: 'verbose', type: 'boolean' })
  .option('name', { type: 'string' })
  .strict(false)
  .parseSync();
console.log(argv._, argv.port, argv.verbose, argv.v, argv.name, argv.$0);
const help = await yargs([]).scriptName('tool').usage('$0 <cmd> [args]')
  .option('count', { alias: 'c', type: 'number', describe: 'how many' })
  .wrap(80).getHelp();
console.log(help);
