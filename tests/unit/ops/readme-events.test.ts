import { OPS_ACTIONS, opsRequest } from '../../../src/contracts/ops'
import { operatorClaimSchema } from '../../../src/domain/ops/operators'
import { OPERATORS, readmeOpsEvents } from '../../support/ops'

// The README's events must be ones the function accepts, so the how-to cannot drift from the code.
describe('README ops events', () => {
  const events = readmeOpsEvents()

  it('gives an event for every action', () => {
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(OPS_ACTIONS))
  })

  it.each(events.map((e) => [e.action, e]))('%s passes the schema, with a placeholder where the token goes', (_action, event) => {
    const { operator, ...request } = event as { operator: { name: string; token: string } }
    expect(operator.token).toBe('<token>')
    expect(operatorClaimSchema.safeParse({ ...operator, token: OPERATORS.ops_alice }).success).toBe(true)
    const parsed = opsRequest.safeParse(request)
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
  })
})
