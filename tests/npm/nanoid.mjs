import { nanoid, customAlphabet, urlAlphabet } from 'nanoid';
const id = nanoid();
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id), nanoid(10).length, urlAlphabet.length);
const hex = customAlphabet('0123456789abcdef', 8);
console.log(/^[0-9a-f]{8}$/.test(hex()));
