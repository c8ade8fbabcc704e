import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { type FieldVault, vaultFromEnv } from '../../cloudfunctions/_shared/adapters/field-vault'
import { applyCertEvent } from '../../src/domain/certification/application'
import { maskIdNumber, maskUscc } from '../../src/domain/certification/certification-form'
import { idCheckChar, usccCheckChar } from '../../src/domain/certification/id-checks'
import { type CertificationRecord, emptyRecord, SEALED_FIELDS, type SealedField } from '../../src/domain/certification/record'
import { maskMobile, maskName } from '../../src/domain/personal/masking'
import type { BenchSection } from './types'

const RECORDS = 5_000
const WARMUP_ROUNDS = 2
const ROUNDS = 5
/** The budget: encryption and decryption together add under 1 ms to a record. */
const BUDGET_US = 1_000
/** What the brief measures: the three personal values of the applicant. */
const THREE: readonly SealedField[] = ['idNumber', 'mobile', 'legalName']

/** A fixed pseudo-random sequence (mulberry32), so every run builds the same fictional applicants. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨赵黄周吴'
const GIVEN = '示例测试演示样本虚构'
const USCC_ENTITY = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** One fictional applicant's values: a checked ID number and credit code, a mainland mobile. */
function applicant(i: number, next: () => number): Record<SealedField, string> {
  const pick = (s: string) => s[Math.floor(next() * s.length)]!
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('')
  const birth = `${1950 + Math.floor(next() * 55)}${String(1 + Math.floor(next() * 12)).padStart(2, '0')}${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`
  const id17 = `310115${birth}${digits(3)}`
  const uscc17 = `9131011${digits(1)}${Array.from({ length: 9 }, () => pick(USCC_ENTITY)).join('')}`
  return {
    legalName: `${pick(SURNAMES)}${pick(GIVEN)}${i % 3 === 0 ? pick(GIVEN) : ''}`,
    mobile: `1${3 + Math.floor(next() * 7)}${digits(9)}`,
    idNumber: `${id17}${idCheckChar(id17)}`,
    uscc: `${uscc17}${usccCheckChar(uscc17)}`,
  }
}

/** A row as the `certification` function stores it after a submission and a start of review. */
function storedRow(i: number, values: Record<SealedField, string>, vault: FieldVault): CertificationRecord {
  const created = new Date(Date.UTC(2026, 0, 5, 2, 0, 0) + i * 60_000)
  const id = `cert_${String(i).padStart(6, '0')}_${randomBytes(6).toString('hex')}`
  let row: CertificationRecord = emptyRecord(id, `o_bench_${randomBytes(10).toString('base64url')}`, created)
  for (const f of SEALED_FIELDS) row.sealed[f] = vault.seal(values[f], `${id}/${f}`)
  row.masked = { legalName: maskName(values.legalName), mobile: maskMobile(values.mobile), idNumber: maskIdNumber(values.idNumber), uscc: maskUscc(values.uscc) }
  row.idDigest = vault.digest(values.idNumber)
  row.store = { storeName: `示例便利店 ${i} 号`, storeAddress: `上海市浦东新区演示街 ${1 + (i % 300)} 号 ${1 + (i % 9)} 楼` }
  const at = created.toISOString()
  for (const slot of ['idFront', 'idBack', 'licence'] as const) {
    row.photos[slot] = { fileID: `cloud://env-bench.7465-env-bench-1300000000/certifications/${id}/${slot}-${randomBytes(8).toString('hex')}.jpg`, bytes: 180_000 + (i % 90_000), uploadedAt: at }
  }
  row = applyCertEvent(row, 'submit', new Date(created.getTime() + 3_600_000))
  row = applyCertEvent(row, 'start-review', new Date(created.getTime() + 86_400_000))
  return { ...row, version: 1, submittedAt: row.history[0]!.at, dueAt: '2026-01-26', updatedAt: row.history.at(-1)!.at }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

/** Nanoseconds of `fn` on each of `items`, one timing per item; `sink` keeps the work from being optimised away. */
function perItem<T>(items: readonly T[], fn: (item: T) => number, out: number[]): number {
  let sink = 0
  for (const item of items) {
    const t0 = process.hrtime.bigint()
    sink += fn(item)
    out.push(Number(process.hrtime.bigint() - t0))
  }
  return sink
}

const us = (ns: number) => ns / 1_000
const fmt = (ns: number) => `${us(ns).toFixed(1)} µs`

/**
 * What field-level encryption costs a certification row, in memory (no database): a plain read
 * (`JSON.parse` of the stored row), the same read opening the sealed fields, and a write sealing them
 * and digesting the ID number. Each of 5,000 fictional rows is timed on its own; medians reported.
 */
export default async function certificationBench(): Promise<BenchSection> {
  const env = { CERT_KEYS: `bench1:${randomBytes(32).toString('base64')}`, CERT_HMAC_KEY: randomBytes(32).toString('base64') }
  const vault = vaultFromEnv(env)
  const next = random(7)
  const people = Array.from({ length: RECORDS }, (_v, i) => applicant(i, next))
  const rows = people.map((p, i) => storedRow(i, p, vault))
  const stored = rows.map((r) => JSON.stringify(r))
  const inputs = rows.map((r, i) => ({ id: r._id, values: people[i]! }))

  // Correctness once, untimed: every row parses and opens to what was sealed.
  stored.forEach((json, i) => {
    const row = JSON.parse(json) as CertificationRecord
    for (const f of SEALED_FIELDS) if (vault.open(row.sealed[f]!, `${row._id}/${f}`) !== people[i]![f]) throw new Error(`row ${i} ${f} did not round-trip`)
  })

  const read = (json: string) => (JSON.parse(json) as CertificationRecord).status.length
  const readOpen = (fields: readonly SealedField[]) => (json: string) => {
    const row = JSON.parse(json) as CertificationRecord
    let n = row.status.length
    for (const f of fields) n += vault.open(row.sealed[f]!, `${row._id}/${f}`).length
    return n
  }
  const sealDigest = (fields: readonly SealedField[]) => (input: { id: string; values: Record<SealedField, string> }) => {
    let n = 0
    for (const f of fields) n += vault.seal(input.values[f], `${input.id}/${f}`).ct.length
    return n + vault.digest(input.values.idNumber).length
  }

  const phases = {
    read: { run: (out: number[]) => perItem(stored, read, out) },
    readOpen3: { run: (out: number[]) => perItem(stored, readOpen(THREE), out) },
    seal3: { run: (out: number[]) => perItem(inputs, sealDigest(THREE), out) },
    readOpen4: { run: (out: number[]) => perItem(stored, readOpen(SEALED_FIELDS), out) },
    seal4: { run: (out: number[]) => perItem(inputs, sealDigest(SEALED_FIELDS), out) },
  }
  type Phase = keyof typeof phases
  const names = Object.keys(phases) as Phase[]
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const p of names) phases[p].run([])
  const times = Object.fromEntries(names.map((p) => [p, [] as number[]])) as Record<Phase, number[]>
  let sink = 0
  const wall0 = performance.now()
  // Rounds interleave the phases, so drift (GC, frequency) falls on all of them alike.
  for (let r = 0; r < ROUNDS; r++) for (const p of names) sink += phases[p].run(times[p])
  const wallS = (performance.now() - wall0) / 1000
  if (sink <= 0) throw new Error('nothing was measured')

  const m = Object.fromEntries(names.map((p) => [p, median(times[p])])) as Record<Phase, number>
  const p95 = Object.fromEntries(names.map((p) => [p, percentile(times[p], 95)])) as Record<Phase, number>
  const openAdded = m.readOpen3 - m.read
  const total3 = openAdded + m.seal3
  const total4 = m.readOpen4 - m.read + m.seal4
  const verdict = (ns: number) => (us(ns) < BUDGET_US ? 'within' : 'OVER')
  const rowBytes = median(stored.map((s) => Buffer.byteLength(s)))

  return {
    title: `Certification field encryption (AES-256-GCM, in memory, ${RECORDS.toLocaleString('en')} rows)`,
    rows: [
      { 'per record': '(a) read: `JSON.parse` of the stored row', median: fmt(m.read), p95: fmt(p95.read), 'vs (a)': '1.0×', added: '' },
      { 'per record': '(b) read + open 3 sealed fields (idNumber, mobile, legalName)', median: fmt(m.readOpen3), p95: fmt(p95.readOpen3), 'vs (a)': `${(m.readOpen3 / m.read).toFixed(1)}×`, added: `+${fmt(openAdded)}` },
      { 'per record': '(c) write: seal 3 fields + 1 digest', median: fmt(m.seal3), p95: fmt(p95.seal3), 'vs (a)': `${(m.seal3 / m.read).toFixed(1)}×`, added: `+${fmt(m.seal3)}` },
      { 'per record': '(b′) read + open all 4 sealed fields (+ uscc, as the function stores them)', median: fmt(m.readOpen4), p95: fmt(p95.readOpen4), 'vs (a)': `${(m.readOpen4 / m.read).toFixed(1)}×`, added: `+${fmt(m.readOpen4 - m.read)}` },
      { 'per record': '(c′) write: seal 4 fields + 1 digest', median: fmt(m.seal4), p95: fmt(p95.seal4), 'vs (a)': `${(m.seal4 / m.read).toFixed(1)}×`, added: `+${fmt(m.seal4)}` },
    ],
    notes: [
      `\`npx tsx tests/bench/run.ts certification\`. ${RECORDS.toLocaleString('en')} fictional rows (checked ID numbers and credit codes, made-up names and mobiles), each stored as the \`certification\` function stores it after a submission (4 sealed values, masks, ID digest, store, 3 photo references, 2 history entries; median ${rowBytes} bytes of JSON).`,
      `Every record timed on its own with \`process.hrtime.bigint()\`; ${WARMUP_ROUNDS} warm-up rounds, then ${ROUNDS} rounds interleaving the phases (${(ROUNDS * RECORDS).toLocaleString('en')} timings per phase, ${wallS.toFixed(1)} s). Medians and p95 over all timings; "added" is the median of the phase minus the median of (a) for reads, the whole phase for writes.`,
      `Budget: encryption and decryption add under ${BUDGET_US / 1000} ms per record. Opening 3 fields adds ${fmt(openAdded)} and sealing 3 + digest costs ${fmt(m.seal3)}: ${fmt(total3)} together, ${verdict(total3)} the budget (${(us(total3) / BUDGET_US * 100).toFixed(1)}% of it) — ${verdict(total3) === 'within' ? 'PASS' : 'FAIL'}. With all 4 sealed fields: ${fmt(total4)}, ${verdict(total4) === 'within' ? 'PASS' : 'FAIL'}.`,
      'Each open and seal builds a fresh cipher (key schedule included), as the vault does per call; a network round trip to the database (milliseconds) dwarfs either.',
    ],
  }
}
