// The floor of a runtime's memory: a program that only waits on a timer.
setInterval(() => {}, 1 << 30);
console.log('listening');
