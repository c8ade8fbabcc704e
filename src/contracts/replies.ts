import type { z } from 'zod/mini'

/** The `action` names of a function's request union. */
export type ActionOf<Req> = Req extends { action: infer A extends string } ? A : never

/**
 * One reply schema per action a function serves, shared by the function (which checks each result
 * before replying) and the app (which checks each reply it gets). A missing or extra action is a type error.
 */
export type ReplySchemas<Req extends { action: string }> = { readonly [A in ActionOf<Req>]: z.ZodMiniType }

/** The reply of one action, as its schema types it. */
export type ReplyOf<R, A extends keyof R> = R[A] extends z.ZodMiniType ? z.infer<R[A]> : never
