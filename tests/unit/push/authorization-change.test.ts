import { type AuthorizationPush, authorizationPush } from '../../../src/contracts/wxpush'
import { consentRequestSchema } from '../../../src/domain/consent/consent-event'
import { isClientSource, pushRequestId, pushWithdrawal, readPush } from '../../../src/domain/push/authorization-change'
import { codeOf } from '../../support/domain'

/** WeChat's mini-program example, with fictional ids. */
const REVOKE = {
  ToUserName: 'gh_test_app',
  FromUserName: 'o_wechat_push_service',
  CreateTime: 1_780_000_000,
  MsgType: 'event',
  Event: 'user_authorization_revoke',
  OpenID: 'o_test_user_1',
  AppID: 'wx_local_app',
  RevokeInfo: '13',
}
const parse = (event: unknown) => authorizationPush.safeParse(event)
const push = (over: Record<string, unknown> = {}): AuthorizationPush => authorizationPush.parse({ ...REVOKE, ...over })

describe('the authorization push as it arrives', () => {
  it('reads the documented fields, keys with a leading space too (as in WeChat’s JSON example)', () => {
    expect(parse(REVOKE).data).toMatchObject({ Event: 'user_authorization_revoke', OpenID: 'o_test_user_1', CreateTime: 1_780_000_000, RevokeInfo: '13' })
    const spaced = { ToUserName: 'gh_test_app', FromUserName: 'o_wechat_push_service', CreateTime: '1780000000', MsgType: 'event', Event: 'user_authorization_revoke', ' OpenID': 'o_test_user_1', ' AppID': 'wx_local_app', ' RevokeInfo': '13' }
    expect(parse(spaced).data).toEqual(parse(REVOKE).data)
    // Extra fields WeChat may add are dropped, not refused.
    expect(parse({ ...REVOKE, UnionID: 'u_test_1', Future: 1 }).success).toBe(true)
  })

  it('refuses what does not match', () => {
    for (const event of [
      null,
      [],
      'user_authorization_revoke',
      {},
      { ...REVOKE, OpenID: undefined },
      { ...REVOKE, OpenID: { $ne: null } },
      { ...REVOKE, OpenID: '../o_test_user_1' },
      { ...REVOKE, MsgType: 'text' },
      { ...REVOKE, CreateTime: 'soon' },
      { ...REVOKE, CreateTime: -1 },
      { ...REVOKE, RevokeInfo: 13 },
      { ...REVOKE, RevokeInfo: '13;14' },
      { ...REVOKE, Event: 'User Authorization Revoke' },
      // Two users under one key: no one can tell which WeChat meant.
      { ...REVOKE, ' OpenID': 'o_test_user_2' },
    ]) {
      expect(parse(event).success).toBe(false)
    }
    expect(parse({ ...REVOKE, ' OpenID': 'o_test_user_1' }).success).toBe(true)
  })

  it('takes no field from a `__proto__` key', () => {
    const { OpenID: _user, ...rest } = REVOKE
    expect(parse(JSON.parse(JSON.stringify({ ...rest, ' __proto__': { OpenID: 'o_test_user_2' } }))).success).toBe(false)
    expect(parse(JSON.parse(`{"__proto__": {"OpenID": "o_test_user_2"}, ${JSON.stringify(rest).slice(1)}`)).success).toBe(false)
  })
})

describe('what a push asks of us', () => {
  it('a revocation: 13 withdraws location, 14 the album scope and the avatar; other ids are not ours', () => {
    expect(readPush(push())).toEqual({ kind: 'revoke', openid: 'o_test_user_1', revocations: [{ id: '13', target: { kind: 'scope', id: 'scope.userLocation' }, removesAvatar: false }], notCollected: [] })
    const many = readPush(push({ RevokeInfo: '14,8,13,14' }))
    expect(many).toMatchObject({ kind: 'revoke', notCollected: ['8'] })
    expect(many.kind === 'revoke' && many.revocations.map((r) => [r.id, r.target.id, r.removesAvatar])).toEqual([
      ['14', 'scope.writePhotosAlbum', true],
      ['13', 'scope.userLocation', false],
    ])
  })

  it('a revocation from a plugin is the plugin’s; a cancellation names the gone user', () => {
    expect(readPush(push({ PluginID: 'wx_test_plugin' }))).toEqual({ kind: 'plugin-revoke' })
    expect(readPush(push({ Event: 'user_authorization_cancellation', RevokeInfo: undefined }))).toEqual({ kind: 'cancellation', openid: 'o_test_user_1' })
  })

  it('refuses another event with its own code, and a revocation that does not say what', () => {
    expect(codeOf(() => readPush(push({ Event: 'user_info_modified' })))).toBe('PUSH.UNSUPPORTED_EVENT')
    expect(codeOf(() => readPush(push({ Event: 'subscribe_msg_popup_event' })))).toBe('PUSH.UNSUPPORTED_EVENT')
    expect(codeOf(() => readPush(push({ RevokeInfo: undefined })))).toBe('COMMON.INVALID_INPUT')
  })

  it('names one request per push and id: a repeated delivery is the same request, a later revocation another', () => {
    expect(pushRequestId(push(), '13')).toBe(pushRequestId(push({ ' OpenID': 'o_test_user_1', ToUserName: 'gh_other' }), '13'))
    const ids = [pushRequestId(push(), '13'), pushRequestId(push(), '14'), pushRequestId(push({ CreateTime: 1_780_000_001 }), '13'), pushRequestId(push({ OpenID: 'o_test_user_2' }), '13')]
    expect(new Set(ids).size).toBe(4)
  })

  it('records a withdrawal the ledger accepts, citing the policy of the grant it ends', () => {
    const policy = { version: '2026.1', hash: 'a'.repeat(64) }
    const change = readPush(push())
    if (change.kind !== 'revoke') throw new Error('a revocation was expected')
    const request = pushWithdrawal(push(), change.revocations[0]!, policy)
    expect(consentRequestSchema.parse(request)).toEqual(request)
    expect(request).toMatchObject({ decision: 'withdraw', method: 'platform-push', policy, target: { kind: 'scope', id: 'scope.userLocation' }, client: { platform: 'server' } })
  })
})

describe('who may deliver a push', () => {
  it('refuses every SOURCE a mini-program user reaches a function from, relayed ones too', () => {
    for (const source of ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler', 'wx_client,scf', 'wx_devtools,scf,scf']) expect(isClientSource(source)).toBe(true)
    for (const source of [undefined, '', 'wx_unknown', 'wx_http', 'wx_trigger', 'scf', 'wx_clients']) expect(isClientSource(source)).toBe(false)
  })
})
