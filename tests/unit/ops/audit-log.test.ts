import {
  AUDIT_CSV_COLUMNS,
  AUDIT_GENESIS_HASH,
  type AuditEntry,
  type AuditFields,
  auditCsv,
  csvField,
  nextAuditEntry,
  verifyAuditChain,
} from '../../../src/domain/ops/audit-log'
import { sha256Hex } from '../../../src/domain/common/hashing'
import { codeOf } from '../../support/domain'

const T0 = Date.parse('2026-03-02T02:00:00.000Z')

function call(i: number, over: Partial<AuditFields> = {}): AuditFields {
  return { at: new Date(T0 + i * 1000).toISOString(), operator: 'ops_alice', action: 'approve', targets: [`req_${i}`], outcome: 'ok', ...over }
}

function chain(n: number, over: (i: number) => Partial<AuditFields> = () => ({})): AuditEntry[] {
  const out: AuditEntry[] = []
  for (let i = 1; i <= n; i++) out.push(nextAuditEntry(out.at(-1), call(i, over(i))))
  return out
}

const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash })

/** A strict RFC 4180 reader, only for checking what auditCsv writes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      for (i++; ; ) {
        if (i >= text.length) throw new Error('unterminated quote')
        if (text[i] !== '"') field += text[i++]
        else if (text[i + 1] === '"') {
          field += '"'
          i += 2
        } else break
      }
      i++
    } else {
      for (; i < text.length && text[i] !== ',' && text[i] !== '\r'; i++) {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`)
        field += text[i]
      }
    }
    record.push(field)
    if (text[i] === ',') {
      i++
    } else if (text.startsWith('\r\n', i)) {
      records.push(record)
      record = []
      i += 2
    } else {
      throw new Error(`expected , or CRLF at ${i}`)
    }
  }
  return records
}

describe('ops audit chain', () => {
  it('has the documented genesis hash: SHA-256 of its label', () => {
    expect(AUDIT_GENESIS_HASH).toBe(sha256Hex('privacy-centre/ops-audit/genesis/v1'))
  })

  it('starts at seq 1 on the genesis hash and links each entry to the one before', () => {
    const entries = chain(3)
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(entries[0]!.prevHash).toBe(AUDIT_GENESIS_HASH)
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash)
    expect(verifyAuditChain(entries, headOf(entries))).toEqual({ intact: true, count: 3, head: headOf(entries) })
    expect(verifyAuditChain([])).toEqual({ intact: true, count: 0 })
  })

  it('is independent of key order and of storage extras such as _id', () => {
    const [e] = chain(1)
    const reordered = Object.fromEntries(Object.entries(e!).reverse())
    expect(verifyAuditChain([reordered])).toMatchObject({ intact: true })
    expect(verifyAuditChain([{ ...e, _id: 'x' }])).toEqual({ intact: false, seq: 1, problem: 'malformed' })
  })

  it('shows an edited, removed, reordered or truncated entry', () => {
    const entries = chain(5)
    const head = headOf(entries)
    const edited = entries.map((e) => (e.seq === 3 ? { ...e, outcome: 'REQUEST.ILLEGAL_TRANSITION' } : e))
    expect(verifyAuditChain(edited, head)).toEqual({ intact: false, seq: 3, problem: 'hash-mismatch' })
    const rehashed = entries.map((e) => (e.seq === 3 ? nextAuditEntry(entries[1], { ...call(3), reason: 'covered up' }) : e))
    expect(verifyAuditChain(rehashed, head)).toEqual({ intact: false, seq: 4, problem: 'prev-hash-mismatch' })
    expect(verifyAuditChain(entries.filter((e) => e.seq !== 2), head)).toEqual({ intact: false, seq: 2, problem: 'seq-gap' })
    expect(verifyAuditChain([entries[1], entries[0], ...entries.slice(2)], head)).toEqual({ intact: false, seq: 1, problem: 'seq-gap' })
    expect(verifyAuditChain(entries.slice(0, 4), head)).toEqual({ intact: false, seq: 5, problem: 'head-mismatch' })
    expect(verifyAuditChain(entries, { seq: 5, hash: entries[3]!.hash })).toEqual({ intact: false, seq: 5, problem: 'head-mismatch' })
    expect(verifyAuditChain([...entries.slice(0, 2), { seq: 3 }], head)).toEqual({ intact: false, seq: 3, problem: 'malformed' })
  })

  it('checks a long log page by page with the same answer as all at once', () => {
    const entries = chain(7)
    const first = verifyAuditChain(entries.slice(0, 3))
    expect(first).toMatchObject({ intact: true, count: 3 })
    const rest = verifyAuditChain(entries.slice(3), headOf(entries), first.intact ? first.head : undefined)
    expect(rest).toEqual(verifyAuditChain(entries, headOf(entries)))
    expect(verifyAuditChain(entries.slice(4), headOf(entries), first.intact ? first.head : undefined)).toEqual({ intact: false, seq: 4, problem: 'seq-gap' })
  })

  it('never makes an entry that would not verify', () => {
    expect(codeOf(() => nextAuditEntry(undefined, call(1, { at: 'yesterday' })))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => nextAuditEntry(undefined, call(1, { targets: ['two words'] })))).toBe('COMMON.INVALID_INPUT')
    expect(codeOf(() => nextAuditEntry(undefined, call(1, { reason: '' })))).toBe('COMMON.INVALID_INPUT')
  })
})

describe('audit CSV (RFC 4180)', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain 中文')).toBe('plain 中文')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"')
    expect(csvField('lf\nonly')).toBe('"lf\nonly"')
  })

  it('writes a header and one CRLF-terminated record per entry, which read back to the same values', () => {
    const entries = chain(4, (i) =>
      i === 2 ? { reason: '记录无误, 见 "附件"\r\n第二行' } : i === 3 ? { action: 'bulkApprove', targets: ['req_3', 'req_9'], failed: [{ requestId: 'req_9', code: 'COMMON.NOT_FOUND' }] } : i === 4 ? { operator: 'user-caller', targets: [], outcome: 'OPS.FORBIDDEN' } : {},
    )
    const csv = auditCsv(entries)
    expect(csv.endsWith('\r\n')).toBe(true)
    const records = parseCsv(csv)
    expect(records[0]).toEqual([...AUDIT_CSV_COLUMNS])
    expect(records).toHaveLength(1 + entries.length)
    expect(records[2]![5]).toBe('记录无误, 见 "附件"\r\n第二行')
    expect(records[3]!.slice(4, 8)).toEqual(['req_3 req_9', '', 'ok', 'req_9:COMMON.NOT_FOUND'])
    expect(records[4]!.slice(2, 7)).toEqual(['user-caller', 'approve', '', '', 'OPS.FORBIDDEN'])
    expect(auditCsv([])).toBe(`${AUDIT_CSV_COLUMNS.join(',')}\r\n`)
  })

  it('holds enough to re-verify the chain from the file alone', () => {
    const entries = chain(3, (i) => (i === 2 ? { reason: 'a, "b"', failed: [{ requestId: 'req_7', code: 'REQUEST.ILLEGAL_TRANSITION' }] } : {}))
    const rebuilt = parseCsv(auditCsv(entries))
      .slice(1)
      .map(([seq, at, operator, action, targets, reason, outcome, failed, prevHash, hash]) => ({
        seq: Number(seq),
        at,
        operator,
        action,
        targets: targets ? targets.split(' ') : [],
        ...(reason ? { reason } : {}),
        outcome,
        ...(failed ? { failed: failed.split(' ').map((f) => ({ requestId: f.split(':')[0], code: f.split(':')[1] })) } : {}),
        prevHash,
        hash,
      }))
    expect(verifyAuditChain(rebuilt, headOf(entries))).toMatchObject({ intact: true, count: 3 })
  })
})
