console.log('order-b (CommonJS) evaluates second');
process.nextTick(() => console.log('nextTick from order-b'));
module.exports = { b: 'b' };
