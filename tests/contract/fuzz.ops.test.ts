import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import { OPS_AUDIT } from '../../cloudfunctions/_shared/repositories/ops-audit'
import { RIGHTS_REQUESTS } from '../../cloudfunctions/_shared/repositories/rights-requests'
import { CERT_ENV } from '../support/certification'
import { cloudSuite } from '../support/consent'
import { type RunningEmulator } from '../support/emulator'
import { type Case, junk, type Known, put, rngOf } from '../support/fuzz'
import { fuzzFunction, OPS_REQUESTS } from '../support/fuzz-specs'
import { OPERATORS, OPS_ENV, operator, requestRow } from '../support/ops'

/**
 * Seeded fuzzing of the staff-only `ops` function, as the CloudBase console calls it (no OPENID): see
 * fuzz.test.ts. Most payloads carry a valid operator, so they reach the schema and the domain; some a
 * broken claim. Every call, refused ones included, appends exactly one audit entry and nothing else.
 */
describe('fuzz: ops', () => {
  let emu: RunningEmulator
  const OTHER = 'o_fuzz_other_user'
  const FILED = new Date(Date.UTC(2026, 2, 2, 2, 0, 0))
  const auditEntries = async () => {
    const rows: unknown[] = []
    for (let page: unknown[] = [null]; page.length; rows.push(...page)) page = (await settled(database().collection(OPS_AUDIT).skip(rows.length).limit(1000).get())).data
    return rows
  }
  const countAudit = async () => (await settled(database().collection(OPS_AUDIT).where({ _id: database().command.neq('head') }).count())).total

  cloudSuite((e) => (emu = e), { ...OPS_ENV, ...CERT_ENV })

  it('ops: 300 seeded payloads per action, each audited once', async () => {
    await emu.control('/seed', {
      collections: {
        [RIGHTS_REQUESTS]: [
          requestRow({ id: OPS_REQUESTS.submitted, openid: OTHER, filedAt: FILED }),
          requestRow({ id: OPS_REQUESTS.processing, openid: OTHER, filedAt: FILED, status: 'processing' }),
          requestRow({ id: OPS_REQUESTS.completed, openid: OTHER, filedAt: FILED, status: 'completed' }),
        ],
      },
    })
    const known: Known = { ids: [...Object.values(OPS_REQUESTS), 'ops_alice', 'a'.repeat(20)] }
    const r = rngOf(0x0b5)
    const claims: ReadonlyArray<() => unknown> = [
      () => ({ name: 'ops_alice', token: OPERATORS.ops_bob }),
      () => ({ name: 'ops_mallory', token: OPERATORS.ops_alice }),
      () => ({ name: 'ops_alice' }),
      () => ({ name: 'ops_alice', token: { $ne: null } }),
      () => ({ name: { $gt: '' }, token: OPERATORS.ops_alice }),
      () => JSON.parse('{"__proto__":{"name":"ops_alice"}}'),
      () => junk(r, known),
    ]
    // The operator rides in the event, as staff paste it into the console; one in twelve claims is broken.
    const withOperator = (cases: Case[]) =>
      cases.map((c) => {
        if (c.event === null || typeof c.event !== 'object' || Array.isArray(c.event)) return c
        const event = { ...(c.event as Record<string, unknown>) }
        put(event, 'operator', r.chance(1 / 12) ? r.pick(claims)() : operator(r.pick(['ops_alice', 'ops_bob'] as const)))
        return { ...c, event }
      })
    // The calls that read the whole audit log go first, while it is short: every call appends to it.
    const readsLog = (c: Case) => c.key === 'ops.verifyAudit' || c.key === 'ops.exportAudit'
    const prepare = (cases: Case[]) => {
      const wrapped = withOperator(cases)
      return [...wrapped.filter(readsLog), ...wrapped.filter((c) => !readsLog(c))]
    }
    const audited = await countAudit()

    const run = await fuzzFunction(emu, 'ops', { known, ids: { me: 'o_fuzz_unused' }, secrets: [OTHER], never: Object.values(OPERATORS), except: [OPS_AUDIT], prepare, width: 2 })

    expect(run.problems).toEqual([])
    expect(run.short).toEqual([])
    expect(run.after).toEqual(run.before)
    expect(await countAudit()).toBe(audited + run.cases.length)
    const audit = JSON.stringify(await auditEntries())
    for (const token of Object.values(OPERATORS)) expect(audit).not.toContain(token)
    expect(audit).not.toContain(OTHER)
    expect(run.okBy).toMatchObject({ 'ops.listRequests': expect.any(Number), 'ops.showRequest': expect.any(Number), 'ops.verifyAudit': expect.any(Number), 'ops.listAnnouncements': expect.any(Number) })
    expect(Object.keys(run.codes)).toEqual(expect.arrayContaining(['COMMON.INVALID_INPUT', 'COMMON.NOT_FOUND', 'OPS.UNAUTHENTICATED', 'REQUEST.ILLEGAL_TRANSITION', 'REQUEST.REASON_REQUIRED']))
  }, 900_000)
})
