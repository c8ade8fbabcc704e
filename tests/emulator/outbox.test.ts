import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { OutboxMessage } from '../../emulator/openapi/outbox'
import { removeDataDir, ROOT, type RunningEmulator, startEmulator } from '../support/emulator'

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'openapi-functions')
const USER = 'o_test_user_51'
const MESSAGE = { touser: USER, templateId: 'tmpl_fixture_1', data: { phrase1: { value: '已通过' }, time2: { value: '15:01' } } }

// The outbox behind cloud.openapi.subscribeMessage.send: kept with the data folder, cleared on request and by reset.
describe('emulator outbox', () => {
  const running: RunningEmulator[] = []
  let dataDir: string | undefined

  const start = async () => {
    const emu = await startEmulator({ functionsDir: FIXTURES, ...(dataDir ? { dataDir } : {}) })
    dataDir = emu.dataDir
    running.push(emu)
    return emu
  }
  const send = async (emu: RunningEmulator) => (await emu.control<{ result: { errCode: number } }>('/invoke', { name: 'sender', event: { args: MESSAGE }, identity: { OPENID: USER } })).result.errCode
  const messages = async (emu: RunningEmulator) => (await emu.control<{ messages: OutboxMessage[] }>('/outbox')).messages

  afterAll(async () => {
    for (const emu of running) if (emu.child.exitCode === null && emu.child.signalCode === null) await emu.stop()
    if (dataDir) removeDataDir(dataDir)
  })

  it('keeps messages and refusals across a restart; DELETE empties the outbox, reset forgets refusals too', async () => {
    const first = await start()
    expect(await send(first)).toBe(0)
    await first.control('/outbox/refusals', { touser: 'o_test_user_52' })
    const before = await messages(first)
    expect(before).toEqual([{ id: expect.any(String), at: expect.any(String), ...MESSAGE }])
    await first.stop()

    const second = await start()
    expect(await messages(second)).toEqual(before)
    expect((await second.control<{ result: { errCode: number } }>('/invoke', { name: 'sender', event: { args: { ...MESSAGE, touser: 'o_test_user_52' } }, identity: null })).result.errCode).toBe(43101)

    await second.control('/outbox', undefined, 'DELETE')
    expect(await messages(second)).toEqual([])
    expect((await second.control<{ result: { errCode: number } }>('/invoke', { name: 'sender', event: { args: { ...MESSAGE, touser: 'o_test_user_52' } }, identity: null })).result.errCode).toBe(43101)
    await second.control('/reset', {})
    expect((await second.control<{ result: { errCode: number } }>('/invoke', { name: 'sender', event: { args: { ...MESSAGE, touser: 'o_test_user_52' } }, identity: null })).result.errCode).toBe(0)
  })

  it('refuses a refusal without a touser', async () => {
    const emu = running.at(-1)!
    await expect(emu.control('/outbox/refusals', { templateId: 'x' })).rejects.toThrow(/400/)
  })

  it('answers a malformed wx.* call with a TCB error, as JSON', async () => {
    const emu = running.at(-1)!
    const body = '--b\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.wxPayApi\r\n--b--\r\n'
    const res = await fetch(`${emu.url}/admin`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body })
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await res.json()).toMatchObject({ code: 'INVALID_ACTION' })
    const torn = await fetch(`${emu.url}/admin`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi' })
    expect(await torn.json()).toMatchObject({ code: 'INVALID_PARAM' })
  })

  it('prints and clears the outbox from the CLI', async () => {
    const emu = running.at(-1)!
    await emu.control('/outbox', undefined, 'DELETE')
    expect(await send(emu)).toBe(0)
    const cli = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'emulator', 'cli.ts'), ...args, '--url', emu.url], { cwd: ROOT })
    const printed = await cli('outbox')
    expect(printed.stdout).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\S+  ${USER}  tmpl_fixture_1\\n  phrase1: 已通过  time2: 15:01\\n$`))
    expect((await cli('outbox', 'clear')).stdout).toBe('outbox cleared\n')
    expect((await cli('outbox')).stdout).toBe('outbox is empty\n')
  })
})
