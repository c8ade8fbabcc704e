import type { PolicyCatalogue, PolicyMeta } from '../../../src/contracts/consent'
import type { ConsentDecision } from '../../../src/domain/consent/consent-event'
import type { ErrorCode, Reply } from '../../../src/domain/common/errors'

/**
 * The runner with WeChat, storage and the consent function replaced by fakes: each user decision is
 * one `consent.decide` call, transport retries and user retries resend the same request, and WeChat's
 * held call gets exactly one answer on success, refusal and error.
 */
const MOCK_V1: PolicyMeta = { version: '2026.1', hash: 'a'.repeat(64), effectiveDate: '2026-01-01', publishedAt: '2026-01-01T00:00:00.000Z', change: 'initial' }
const MOCK_CATALOGUE: PolicyCatalogue = { latest: MOCK_V1, versions: [MOCK_V1] }
const mockOk = <T>(data: T): Reply<T> => ({ ok: true, data })
const fail = (code: ErrorCode): Reply<never> => ({ ok: false, code, message: code })

const mockStorage = new Map<string, string>()
/** WeChat's agreement state and the app's privacy listener, as the fake platform holds them. */
const mockWechat: { agreed: boolean; listener?: (resolve: (r: unknown) => void, info: { referrer: string }) => void } = { agreed: false }
const mockDecide = jest.fn<Promise<Reply<unknown>>, [ConsentDecision]>()

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (k: string) => mockStorage.get(k) ?? '',
    setStorageSync: (k: string, v: string) => mockStorage.set(k, v),
    removeStorageSync: (k: string) => mockStorage.delete(k),
    getCurrentInstance: () => ({ router: { path: '/pages/index/index' } }),
  },
}))
jest.mock('@/platform', () => ({
  SCOPES: ['scope.userLocation', 'scope.writePhotosAlbum'],
  initPlatform: () => undefined,
  onNeedPrivacyAuthorization: (l: typeof mockWechat.listener) => {
    mockWechat.listener = l
    return () => undefined
  },
  getPrivacySetting: async () => ({ needAuthorization: !mockWechat.agreed, privacyContractName: 'x' }),
  getAuthSetting: async () => ({}),
}))
jest.mock('@/services/cloud', () => ({
  consent: {
    policy: async () => mockOk(MOCK_CATALOGUE),
    status: async () => mockOk({ ...MOCK_CATALOGUE, agreed: MOCK_V1, need: 'none', changes: [], consents: {} }),
    decide: (r: ConsentDecision) => mockDecide(r),
  },
}))

type Session = typeof import('../../../src/flows/privacy-session')
/** A fresh launch of the runner (its state is per module instance). */
async function launch(): Promise<Session> {
  let session!: Session
  jest.isolateModules(() => {
    session = jest.requireActual('../../../src/flows/privacy-session')
  })
  await session.startPrivacySession()
  return session
}
/** WeChat holds a privacy call; returns its resolve, which records every answer. */
function heldCall(): jest.Mock {
  const resolve = jest.fn()
  mockWechat.listener!(resolve, { referrer: 'getLocation' })
  return resolve
}

beforeEach(() => {
  mockStorage.clear()
  mockWechat.agreed = false
  mockDecide.mockReset()
})

it('agreeing is one decide call (transport failures resent as is); WeChat’s held call is answered agree once', async () => {
  const s = await launch()
  expect(s.getPrivacySession()).toMatchObject({ phase: 'first-consent', sheetOpen: true })
  const resolve = heldCall()
  mockDecide.mockResolvedValueOnce(fail('COMMON.INTERNAL')).mockImplementation(async () => {
    mockWechat.agreed = true
    return mockOk({ events: [], replayed: false, consents: {} })
  })
  expect(await s.agree(['personalised-recommendations'], s.AGREE_BUTTON_ID)).toBe(true)
  expect(mockDecide).toHaveBeenCalledTimes(2)
  expect(mockDecide.mock.calls[1]![0]).toEqual(mockDecide.mock.calls[0]![0])
  expect(mockDecide.mock.calls[0]![0].decisions.map((d) => d.target.id)).toEqual(['privacy-policy', 'account-identity', 'personalised-recommendations'])
  expect(resolve.mock.calls).toEqual([[{ event: 'agree', buttonId: 'consent-agree' }]])
  expect(s.getPrivacySession()).toMatchObject({ phase: 'agreed', sheetOpen: false })
})

it('a failed agreement still answers WeChat agree (the button synced it), once; the retry resends the same clientRequestId', async () => {
  const s = await launch()
  const resolve = heldCall()
  mockDecide.mockResolvedValue(fail('CONSENT.INVALID_EVENT'))
  expect(await s.agree([], s.AGREE_BUTTON_ID)).toBe(false)
  expect(mockDecide).toHaveBeenCalledTimes(1)
  expect(resolve.mock.calls).toEqual([[{ event: 'agree', buttonId: 'consent-agree' }]])
  expect(s.getPrivacySession()).toMatchObject({ phase: 'first-consent', sheetOpen: true, error: 'CONSENT.INVALID_EVENT' })

  mockDecide.mockResolvedValue(mockOk({ events: [], replayed: true, consents: {} }))
  mockWechat.agreed = true
  expect(await s.agree()).toBe(true)
  expect(mockDecide.mock.calls[1]![0].clientRequestId).toBe(mockDecide.mock.calls[0]![0].clientRequestId)
  expect(resolve).toHaveBeenCalledTimes(1)
})

it('refusing answers WeChat disagree before recording the refusal, remembers it, and a failed write keeps the user browsing', async () => {
  const s = await launch()
  const resolve = heldCall()
  mockDecide.mockImplementation(async () => {
    expect(resolve.mock.calls).toEqual([[{ event: 'disagree' }]])
    return fail('COMMON.INTERNAL')
  })
  await s.refuse()
  expect(mockDecide).toHaveBeenCalledTimes(3)
  expect(mockDecide.mock.calls[0]![0].decisions).toEqual([{ target: { kind: 'policy', id: 'privacy-policy' }, decision: 'deny' }])
  expect(resolve).toHaveBeenCalledTimes(1)
  expect(mockStorage.get('pc.policy.refused')).toBe(MOCK_V1.version)
  expect(s.getPrivacySession()).toMatchObject({ phase: 'browse', sheetOpen: false, error: 'COMMON.INTERNAL' })
})

it('a decision the session does not take now (still loading) is answered with a coded refusal and sends nothing', async () => {
  let s!: Session
  jest.isolateModules(() => {
    s = jest.requireActual('../../../src/flows/privacy-session')
  })
  expect(await s.recordDecision({ kind: 'purpose', id: 'store-certification' }, 'grant', 'purpose-prompt')).toMatchObject({ ok: false, code: 'COMMON.CONFLICT' })
  expect(mockDecide).not.toHaveBeenCalled()
})
