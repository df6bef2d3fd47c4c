import { z } from 'zod';
const User = z.object({
  name: z.string().min(2),
  age: z.number().int().positive(),
  email: z.string().email().optional(),
  tags: z.array(z.enum(['a', 'b'])).default([]),
});
console.log(User.parse({ name: 'Ada', age: 36 }));
const bad = User.safeParse({ name: 'A', age: -1, email: 'nope', tags: ['c'] });
console.log(bad.success, bad.error.issues.map((i) => [i.path.join('.'), i.code]));
const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), r: z.number() }),
  z.object({ kind: z.literal('square'), side: z.number() }),
]);
console.log(Shape.parse({ kind: 'square', side: 2 }), z.coerce.number().parse('42'));
console.log(JSON.stringify(z.toJSONSchema ? z.toJSONSchema(z.object({ a: z.string() })) : 'no json schema'));
