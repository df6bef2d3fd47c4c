// A module whose namespace inspect_module.mjs prints.
export const x = 1;
export const arr = [1, 2, 3];
export let counter = 0;
export function bump() { counter++; }
