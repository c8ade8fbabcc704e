import { describeCall } from '../../../cloudfunctions/_shared/usecases/ops'

const TOKEN = 'alice-test-token-0123456789abcdefghijklmnop'
const ok = { ok: true as const, data: {} }
const refused = (code: 'OPS.FORBIDDEN' | 'OPS.UNAUTHENTICATED' | 'COMMON.INVALID_INPUT') => ({ ok: false as const, code, message: 'x' })

// What the audit log keeps of one ops call: who, which action, which request ids, the operator's words, the outcome.
describe('describeCall', () => {
  it('keeps an authenticated operator’s action, targets and reason, never the token', () => {
    const fields = describeCall({ event: { operator: { name: 'ops_alice', token: TOKEN }, action: 'reject', requestId: 'req_1', reason: '  记录无误  ' }, userCaller: false, operator: 'ops_alice', reply: ok })
    expect(fields).toEqual({ operator: 'ops_alice', action: 'reject', targets: ['req_1'], reason: '记录无误', outcome: 'ok' })
    expect(JSON.stringify(fields)).not.toContain(TOKEN)
  })

  it('takes a completion’s outcome as its words, and a bulk call’s failures', () => {
    expect(describeCall({ event: { action: 'complete', requestId: 'req_1', outcome: '已更正' }, userCaller: false, operator: 'ops_alice', reply: ok })).toMatchObject({ reason: '已更正' })
    const bulk = describeCall({
      event: { action: 'bulkApprove', requestIds: ['req_1', 'req_2', 'req_1', 'bad id', 7] },
      userCaller: false,
      operator: 'ops_alice',
      reply: { ok: true, data: { succeeded: ['req_1'], failed: [{ requestId: 'req_2', code: 'REQUEST.ILLEGAL_TRANSITION' }] } },
    })
    expect(bulk).toEqual({ operator: 'ops_alice', action: 'bulkApprove', targets: ['req_1', 'req_2'], outcome: 'ok', failed: [{ requestId: 'req_2', code: 'REQUEST.ILLEGAL_TRANSITION' }] })
  })

  it('names a mini-program caller only as user-caller and keeps nothing they wrote', () => {
    const fields = describeCall({ event: { operator: { name: 'ops_alice', token: TOKEN }, action: 'approve', requestId: 'req_1', reason: '我的手机 13812345678', userInfo: { openId: 'o_test_user_1' } }, userCaller: true, reply: refused('OPS.FORBIDDEN') })
    expect(fields).toEqual({ operator: 'user-caller', action: 'approve', targets: ['req_1'], outcome: 'OPS.FORBIDDEN' })
  })

  it('keeps a claimed name when the token failed, and only a well-formed one', () => {
    expect(describeCall({ event: { operator: { name: 'ops_mallory', token: 'short' }, action: 'approve', requestId: 'req_1', reason: 'please' }, userCaller: false, reply: refused('OPS.UNAUTHENTICATED') })).toEqual({
      operator: 'ops_mallory',
      action: 'approve',
      targets: ['req_1'],
      outcome: 'OPS.UNAUTHENTICATED',
    })
    expect(describeCall({ event: { operator: { name: 'Robert"); DROP' } }, userCaller: false, reply: refused('OPS.UNAUTHENTICATED') })).toMatchObject({ operator: 'anonymous', action: '(unknown)' })
  })

  it('describes any event at all without failing', () => {
    for (const event of [null, undefined, 'approve', 42, [], { action: 'dropDatabase' }, { action: { $ne: 1 } }, { requestIds: 'req_1' }]) {
      expect(describeCall({ event, userCaller: false, reply: refused('OPS.UNAUTHENTICATED') })).toEqual({ operator: 'anonymous', action: '(unknown)', targets: [], outcome: 'OPS.UNAUTHENTICATED' })
    }
  })
})
