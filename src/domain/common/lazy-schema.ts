/**
 * A schema built the first time something reads it. Building zod schemas is most of what loading a
 * cloud function costs (a few hundred at module scope, about two thirds of a cold start), while one call
 * needs only the schemas of its own action. Every read goes through a Proxy to the built schema, so the
 * value stands wherever the schema does: parsing, composing into other schemas, `z.infer`.
 * Only for values whose own properties nobody lists: zod schemas are read, never enumerated.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined
  const schema = (): T => (built ??= build())
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(schema(), key),
    has: (_target, key) => Reflect.has(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  })
}
