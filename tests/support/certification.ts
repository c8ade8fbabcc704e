import { vaultFromEnv } from '../../cloudfunctions/_shared/adapters/field-vault'
import { idCheckChar, usccCheckChar } from '../../src/domain/certification/id-checks'
import { maskIdNumber, maskUscc } from '../../src/domain/certification/certification-form'
import type { CertStatus } from '../../src/domain/certification/application'
import { emptyRecord, SEALED_FIELDS } from '../../src/domain/certification/record'
import { maskMobile, maskName } from '../../src/domain/personal/masking'

/**
 * Fictional keys for the `certification` and `ops` functions in tests: fixed, so a data folder written
 * by one run opens in the next, and never used anywhere else. `k2` exists for the rotation test.
 */
export const CERT_KEY_1 = Buffer.alloc(32, 0x11).toString('base64')
export const CERT_KEY_2 = Buffer.alloc(32, 0x22).toString('base64')
export const CERT_HMAC_KEY = Buffer.alloc(32, 0x33).toString('base64')
export const CERT_ENV = { CERT_KEYS: `k1:${CERT_KEY_1}`, CERT_HMAC_KEY }

/** A valid fictional resident ID number born on `birth` (`YYYYMMDD`) in district `region`. */
export function fictionalId(birth = '19900307', region = '110105', seq = '123'): string {
  const first17 = `${region}${birth}${seq}`
  return `${first17}${idCheckChar(first17)}`
}

/** A valid fictional unified social credit code. */
export function fictionalUscc(body = '91310115MA1K4ABC0'): string {
  return `${body}${usccCheckChar(body)}`
}

/** A form that passes every check; override any field. */
export function validCertFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    legalName: '张三',
    mobile: '13912345678',
    idNumber: fictionalId(),
    uscc: fictionalUscc(),
    storeName: '张三的示例小店',
    storeAddress: '上海市浦东新区示例路 18 号',
    ...over,
  }
}

/** A small JPEG: SOI, an APP0 stub and EOI are what the function checks. */
export function tinyJpeg(fill: number, size = 800): string {
  const bytes = new Uint8Array(size).fill(fill)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.set([0xff, 0xd9], size - 2)
  return Buffer.from(bytes).toString('base64')
}

/**
 * A `certifications` row as the function stores it, sealed with the test keys: submitted at `submittedAt`
 * and sitting in `status`; without photos (a row for the review queue, not for viewing photos).
 */
export function certificationRow(input: { id: string; openid: string; submittedAt: Date; status?: CertStatus; dueAt?: string }): Record<string, unknown> {
  const vault = vaultFromEnv(CERT_ENV)
  const fields = validCertFields()
  const row = emptyRecord(input.id, input.openid, input.submittedAt)
  const at = input.submittedAt.toISOString()
  const masks = { legalName: maskName, mobile: maskMobile, idNumber: maskIdNumber, uscc: maskUscc }
  for (const f of SEALED_FIELDS) {
    row.sealed[f] = vault.seal(fields[f]!, `${input.id}/${f}`)
    row.masked[f] = masks[f](fields[f]!)
  }
  row.idDigest = vault.digest(fields.idNumber!)
  row.store = { storeName: fields.storeName, storeAddress: fields.storeAddress }
  const status = input.status ?? 'submitted'
  const { _id, ...doc } = { ...row, status, version: 1, submittedAt: at, dueAt: input.dueAt ?? '2026-03-23', history: [{ at, event: 'submit' as const, from: 'draft' as const, to: 'submitted' as const, by: 'merchant' as const }] }
  return { _id, ...doc }
}
