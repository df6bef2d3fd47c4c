// nextTick with arguments, ordering across nested ticks and microtasks.
process.nextTick((a, b, c) => console.log('args', a, b, c), 1, 'two', [3]);
process.nextTick(() => {
  console.log('tick 1');
  process.nextTick(() => console.log('tick 1.1'));
  Promise.resolve().then(() => console.log('promise in tick 1'));
});
process.nextTick(() => console.log('tick 2'));
Promise.resolve().then(() => {
  console.log('promise 1');
  process.nextTick(() => console.log('tick in promise'));
}).then(() => console.log('promise 2'));
