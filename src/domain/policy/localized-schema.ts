import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { LANGS } from './localized'

export const langSchema = lazySchema(() => z.enum(LANGS))

/** A user-facing string: zh-CN always present, English optional. */
export const localizedTextSchema = lazySchema(() => z.object({
  'zh-CN': z.string().check(z.minLength(1)),
  en: z.optional(z.string().check(z.minLength(1))),
}))
export type LocalizedText = z.infer<typeof localizedTextSchema>
