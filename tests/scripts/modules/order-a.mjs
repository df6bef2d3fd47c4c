console.log('order-a evaluates first');
export const a = 'a';
