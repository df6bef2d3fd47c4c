// A top-level await that never settles: exit code 13 and the warning Node 22
// prints (expected files from Node 22: NODE=node22 ./regen.sh modules_tla_unsettled).
console.log('waiting forever');
await new Promise(() => {});
console.log('never');
