import { z } from 'zod/mini'
import { lazySchema } from '../domain/common/lazy-schema'
import type { ExportRequest, PersonalRequest } from './personal'
import type { ReplySchemas } from './replies'

/**
 * What the `personal` and `export` functions answer. Apart from their requests (personal.ts), whose
 * rules load the manifest, the calendar and the JPEG decoder: the app's pages that read these replies
 * (two sub-packages) then do not carry those into the main package.
 */
/** One field of a record as the personal centre shows it: masked unless revealed by its owner. */
const fieldView = lazySchema(() => z.object({ key: z.string(), value: z.string() }))
export type FieldView = z.infer<typeof fieldView>

const recordView = lazySchema(() => z.object({
  id: z.string(),
  collectedAt: z.string(),
  fields: z.array(fieldView),
  /** The owner may reveal the unmasked values. */
  revealable: z.boolean(),
  /** A short-lived link to an image held in this record (the avatar), shown as a thumbnail. */
  thumbnailUrl: z.optional(z.string()),
  isDefault: z.optional(z.boolean()),
}))
export type RecordView = z.infer<typeof recordView>

/** One manifest category as held for the caller; names, purposes and periods come from the manifest. */
const categoryView = lazySchema(() => z.object({
  category: z.string(),
  purposes: z.array(z.string()),
  retention: z.string(),
  /** Third parties it goes to (localised in the manifest); empty when it is not shared. */
  sharedWith: z.number(),
  count: z.number(),
  lastCollectedAt: z.optional(z.string()),
  records: z.array(recordView),
}))
export type CategoryView = z.infer<typeof categoryView>

export const inventoryView = lazySchema(() => z.object({ generatedAt: z.string(), categories: z.array(categoryView) }))
export type InventoryView = z.infer<typeof inventoryView>

/** The caller's profile as they set it; `avatar.url` is a temp link valid for `maxAge` seconds. */
export const profileView = lazySchema(() => z.object({
  nickname: z.optional(z.string()),
  avatar: z.optional(z.object({ url: z.string(), maxAge: z.number(), sha256: z.string(), size: z.number(), updatedAt: z.string() })),
}))
export type ProfileView = z.infer<typeof profileView>

export const contactView = lazySchema(() => z.object({ id: z.string(), name: z.string(), mobile: z.string(), regionId: z.string(), addressLine: z.string(), isDefault: z.boolean() }))
export type ContactView = z.infer<typeof contactView>
const contactsView = lazySchema(() => z.object({ contacts: z.array(contactView) }))

export const requestView = lazySchema(() => z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  category: z.optional(z.string()),
  /** What the user wrote: a correction's reason, a message to us, a deletion's note. */
  detail: z.optional(z.string()),
  /** A deletion's legal trigger. */
  trigger: z.optional(z.string()),
  /** The categories a deletion is about. */
  categories: z.optional(z.array(z.string())),
  /** What ops delivered: for a question or complaint, the answer. */
  outcome: z.optional(z.string()),
  /** Why the request is in its status; always there when it was rejected. */
  reason: z.optional(z.string()),
}))
export type RequestView = z.infer<typeof requestView>

/** The reply of each action. */
export const personalReplies = {
  inventory: inventoryView,
  reveal: contactView,
  profile: profileView,
  setNickname: profileView,
  setAvatar: profileView,
  removeAvatar: profileView,
  addContact: contactsView,
  updateContact: contactsView,
  deleteContact: contactsView,
  setDefaultContact: contactsView,
  requestCorrection: requestView,
  requests: z.object({ requests: z.array(requestView) }),
  requestDeletion: requestView,
  sendMessage: requestView,
} satisfies ReplySchemas<PersonalRequest>

/**
 * An export archive as its owner sees it. `building` while the invocation that makes it runs;
 * `failed` when it could not be built (the request went to ops); `ready` until `expiresAt` (7 days,
 * the manifest's `exports` retention); `expired` once the archive is deleted, or due to be.
 */
export const exportView = lazySchema(() => z.union([
  z.object({ requestId: z.string(), status: z.enum(['building', 'failed']), createdAt: z.string() }),
  z.object({
    requestId: z.string(),
    status: z.literal('ready'),
    createdAt: z.string(),
    expiresAt: z.string(),
    /** SHA-256 of the zip, lower-case hex: the user can check the file they downloaded. */
    sha256: z.string(),
    /** Bytes. */
    size: z.number(),
  }),
  z.object({ requestId: z.string(), status: z.literal('expired'), createdAt: z.string(), sha256: z.string(), expiredAt: z.optional(z.string()) }),
]))
export type ExportView = z.infer<typeof exportView>

/** What `requestExport` answers: the rights request (completed, outcome = the archive's SHA-256) and the archive. */
export const exportReply = lazySchema(() => z.object({ request: requestView, archive: exportView }))
export type ExportReply = z.infer<typeof exportReply>

/** What `exportUrl` answers: a temp URL to GET the zip from, and when it stops working. */
export const exportUrlView = lazySchema(() => z.object({
  requestId: z.string(),
  url: z.string(),
  /** The link's lifetime in seconds: at most 600, never past the archive's expiry. */
  maxAge: z.number(),
  sha256: z.string(),
  size: z.number(),
}))
export type ExportUrlView = z.infer<typeof exportUrlView>

/** The reply of each action of the `export` function. */
export const exportReplies = { requestExport: exportReply, exportStatus: exportView, exportUrl: exportUrlView } satisfies ReplySchemas<ExportRequest>
