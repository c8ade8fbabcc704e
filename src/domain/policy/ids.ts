import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'

// The two identifiers every consent event cites, apart from the manifest and policy schemas that
// define them so that the consent event (checked in the app's main package) does not carry those.

/** Stable ids: lower-case kebab, safe in URLs, database keys and hashes. */
export const idSchema = lazySchema(() => z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/)))

/** Dotted numbers, e.g. "2026.1"; compared numerically, segment by segment. */
export const versionSchema = lazySchema(() => z.string().check(z.regex(/^\d+(\.\d+){0,3}$/)))
