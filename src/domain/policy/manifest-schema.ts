import { z } from 'zod/mini'
import { lazySchema } from '../common/lazy-schema'
import { MAINLAND_REGIONS } from '../common/region'
import { idSchema } from './ids'
import { localizedTextSchema } from './localized-schema'
import { WX_PRIVACY_API_NAMES, WX_SCOPES } from './privacy-apis'

/** Who a datum is collected from. Append-only. */
export const ROLES = ['consumer', 'merchant'] as const
export type Role = (typeof ROLES)[number]

/** Basic functions are what the service is; extended ones the user may refuse without losing it (GB/T 35273 5.3). */
export const FUNCTION_KINDS = ['basic', 'extended'] as const
export type FunctionKind = (typeof FUNCTION_KINDS)[number]

/** PIPL Art. 13 grounds we rely on; `separate-consent` is Art. 29 for sensitive PI. Append-only. */
export const LEGAL_BASES = ['consent', 'separate-consent', 'contract', 'legal-obligation'] as const
export type LegalBasis = (typeof LEGAL_BASES)[number]

/** What ends a retention period. Append-only. */
export const RETENTION_ENDS = ['fixed-period', 'account-cancellation', 'withdrawal'] as const

export const retentionClassSchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  period: localizedTextSchema,
  endsOn: z.enum(RETENTION_ENDS),
  /** Upper bound in days for the scheduled purge; absent when an event (cancellation, withdrawal) ends it. */
  maxDays: z.optional(z.number().check(z.int(), z.minimum(1))),
  /** Categories this class covers in a particular state (e.g. rejected certifications) besides those naming it. */
  appliesTo: z.optional(z.array(idSchema)),
}))
export type RetentionClass = z.infer<typeof retentionClassSchema>

export const dataCategorySchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  examples: localizedTextSchema,
  /** PIPL Art. 28 sensitive PI: emphasised in the policy, separate consent, encrypted and masked. */
  sensitive: z.boolean(),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
  retention: idSchema,
}))
export type DataCategory = z.infer<typeof dataCategorySchema>

export const purposeSchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  description: localizedTextSchema,
  kind: z.enum(FUNCTION_KINDS),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
  dataCategories: z.array(idSchema),
  legalBasis: z.enum(LEGAL_BASES),
  /** What happens if the user refuses: PIPL Art. 30 asks for the impact to be stated. */
  ifRefused: localizedTextSchema,
  /** Who else receives the data for this purpose, if anyone. */
  recipients: z.optional(z.array(localizedTextSchema)),
}))
export type Purpose = z.infer<typeof purposeSchema>

export const featureSchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  purpose: idSchema,
  scope: z.optional(z.enum(WX_SCOPES)),
  privacyApis: z.array(z.enum(WX_PRIVACY_API_NAMES)),
  /** Account identity comes from `cloud.getWXContext()`, which needs no client API. */
  identity: z.optional(z.literal('openid')),
  /** The purpose line shown before the system dialog; its zh-CN text is also `app.json` `permission.desc` (≤ 30 chars). */
  useNote: localizedTextSchema,
}))
export type Feature = z.infer<typeof featureSchema>

export const sdkSchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  provider: localizedTextSchema,
  purpose: localizedTextSchema,
  dataCategories: z.array(idSchema),
  url: z.string(),
  /** Marks sample entries so nobody mistakes them for a real integration. */
  fictional: z.boolean(),
}))
export type Sdk = z.infer<typeof sdkSchema>

/** Entrusted processors (PIPL Art. 21): they process on our behalf, not for their own purposes. */
export const processorSchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  service: localizedTextSchema,
}))
export type Processor = z.infer<typeof processorSchema>

const emailSchema = lazySchema(() => z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/)))

export const controllerSchema = lazySchema(() => z.object({
  name: localizedTextSchema,
  appName: localizedTextSchema,
  address: localizedTextSchema,
  email: emailSchema,
  /** Public address of the policy; a version is appended for receipts. */
  policyUrl: z.string(),
}))
export type Controller = z.infer<typeof controllerSchema>

/** How a recipient gets personal information: on our behalf (PIPL Art. 21) or for its own handling (Art. 23). */
export const SHARING_METHODS = ['entrusted-processing', 'provision'] as const
export type SharingMethod = (typeof SHARING_METHODS)[number]

/**
 * One recipient of personal information with everything PIPL Art. 23 asks us to tell: name, contact,
 * purpose, method, the kinds of data and the legal basis. The sharing table and the 第三方共享清单 are
 * both built from this list (from 2026.3 on; older manifests have none and keep their bytes).
 */
export const sharingSchema = lazySchema(() => z.object({
  id: idSchema,
  name: localizedTextSchema,
  /** How to reach the recipient about your data. */
  contact: localizedTextSchema,
  method: z.enum(SHARING_METHODS),
  /** How the data is handed over, in words ("shown in the merchant console for that order only"). */
  how: localizedTextSchema,
  /** Purposes (ids) for which the recipient gets data; their names fill the purpose column. */
  purposes: z.array(idSchema).check(z.minLength(1)),
  dataCategories: z.array(idSchema).check(z.minLength(1)),
  /** Required for a provision; an entrusted processor works under each purpose's own basis. */
  legalBasis: z.optional(z.enum(LEGAL_BASES)),
  /** The processors entry this recipient is, for entrusted processing. */
  processor: z.optional(idSchema),
}))
export type Sharing = z.infer<typeof sharingSchema>

/** A contact point besides the controller's own, e.g. the personal information protection officer (PIPL Art. 52). */
export const contactSchema = lazySchema(() => z.object({
  id: idSchema,
  role: localizedTextSchema,
  email: emailSchema,
  address: localizedTextSchema,
}))
export type Contact = z.infer<typeof contactSchema>

/**
 * Editions of the words the tables are rendered with. Absent: the 2026.1 wording (2026.1, 2026.2 render as
 * published). 2: from 2026.3, the collection table shows each purpose's legal basis and the clipboard is
 * "write only". A published manifest keeps its edition, so new wording never changes what users agreed to.
 */
export const TABLE_EDITIONS = [2] as const
export type TableEdition = (typeof TABLE_EDITIONS)[number]

export const privacyManifestSchema = lazySchema(() => z.object({
  schemaVersion: z.literal(1),
  controller: controllerSchema,
  storage: z.object({ region: z.enum(MAINLAND_REGIONS), location: localizedTextSchema }),
  /** How a user withdraws consent in the app; quoted in every receipt. */
  withdrawalMethod: localizedTextSchema,
  retentionClasses: z.array(retentionClassSchema),
  dataCategories: z.array(dataCategorySchema),
  purposes: z.array(purposeSchema),
  features: z.array(featureSchema),
  sdks: z.array(sdkSchema),
  processors: z.array(processorSchema),
  /** Optional so that the manifests of 2026.1 and 2026.2 keep their bytes and hashes. */
  sharing: z.optional(z.array(sharingSchema)),
  contacts: z.optional(z.array(contactSchema)),
  tableEdition: z.optional(z.literal(2)),
}))
export type PrivacyManifest = z.infer<typeof privacyManifestSchema>
