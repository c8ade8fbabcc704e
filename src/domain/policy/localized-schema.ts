import { z } from 'zod/mini'
import { LANGS } from './localized'

export const langSchema = z.enum(LANGS)

/** A user-facing string: zh-CN always present, English optional. */
export const localizedTextSchema = z.object({
  'zh-CN': z.string().check(z.minLength(1)),
  en: z.optional(z.string().check(z.minLength(1))),
})
export type LocalizedText = z.infer<typeof localizedTextSchema>
