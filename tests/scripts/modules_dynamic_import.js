// import() from a CommonJS entry point: ES modules, JSON with attributes,
// built-ins with named exports, CommonJS with its exports as default.
(async () => {
  const value = await import('./modules/value.mjs');
  console.log(value.value, Object.keys(value));
  const path = await import('node:path');
  console.log(path.default === require('path'), path.join('a', 'b'));
  const cjs = await import('./modules/order-b.cjs');
  console.log(cjs.default, cjs.b);
  try {
    await import('./modules/missing.mjs');
  } catch (err) {
    console.log(err.code);
  }
})();
