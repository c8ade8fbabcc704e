import path from 'node:path'
import { parseArgs } from 'node:util'
import { sdkEnvShell } from './env-recipe'
import { buildAuthorizationPush, PUSH_FUNCTION } from './functions/push'
import type { OutboxMessage } from './openapi/outbox'
import { createEmulator } from './server'
import type { Durability } from './types'

const USAGE = `usage:
  npm run emulator -- [--port 9555] [--data .data/emulator] [--functions build/cloudfunctions] [--static dist/h5] [--durability fsync|write|off] [--no-timers]
  npm run emulator -- invoke <function> '<json event>' [--url http://127.0.0.1:9555]   # console-style call: no OPENID
  npm run emulator -- reset [--url …]
  npm run emulator -- seed <file.json> [--url …]        # {"collections": {"name": [docs…]}}
  npm run emulator -- outbox [clear] [--url …]          # subscribe messages the functions sent, oldest first
  npm run emulator -- push revoke <openid> <RevokeInfo> [--url …]   # WeChat's authorization push: 13 location, 14 photos
  npm run emulator -- push cancellation <openid> [--url …]          # … the user's WeChat account is gone
  (serve: --push-function <name> routes pushes to another function than ${PUSH_FUNCTION})`

/** Runs the local CloudBase in the foreground, or talks to a running one (invoke/reset/seed/outbox). */
async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '9555' },
      data: { type: 'string', default: '.data/emulator' },
      functions: { type: 'string', default: 'build/cloudfunctions' },
      static: { type: 'string' },
      durability: { type: 'string', default: 'fsync' },
      'no-timers': { type: 'boolean', default: false },
      'push-function': { type: 'string', default: PUSH_FUNCTION },
      /** The emulator's AppID, as a push names it. */
      appid: { type: 'string', default: 'wx_local_app' },
      env: { type: 'string', default: 'local-env' },
      url: { type: 'string', default: 'http://127.0.0.1:9555' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return void console.log(USAGE)
  const [command, ...rest] = positionals

  if (command === undefined || command === 'serve') {
    const durability = values.durability as Durability
    if (!['fsync', 'write', 'off'].includes(durability)) throw new Error(`--durability must be fsync, write or off`)
    const emulator = await createEmulator({
      port: Number(values.port),
      dataDir: path.resolve(values.data),
      functionsDir: path.resolve(values.functions),
      staticDir: values.static ? path.resolve(values.static) : undefined,
      envId: values.env,
      durability,
      timers: !values['no-timers'],
      pushFunction: values['push-function'],
    })
    // First line is machine-readable: test harnesses and scripts wait for it.
    console.log(JSON.stringify({ event: 'listening', url: emulator.url, adminUrl: emulator.adminUrl, envId: emulator.envId }))
    console.error(`local CloudBase on ${emulator.url} (admin ${emulator.adminUrl}); point the real wx-server-sdk at it with:\n${sdkEnvShell(emulator.adminUrl, emulator.envId)}`)
    const stop = () => void emulator.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return
  }

  const call = async (route: string, body?: unknown, method = 'POST') => {
    const res = await fetch(`${values.url}/_emulator${route}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${route} failed (${res.status}): ${text}`)
    return JSON.parse(text) as unknown
  }
  switch (command) {
    case 'invoke': {
      const [name, json = '{}'] = rest
      if (!name) throw new Error(USAGE)
      console.log(JSON.stringify(await call('/invoke', { name, event: JSON.parse(json), identity: null }), null, 2))
      return
    }
    case 'reset':
      await call('/reset', {})
      return void console.log('reset')
    case 'seed': {
      const file = rest[0]
      if (!file) throw new Error(USAGE)
      const { readFile } = await import('node:fs/promises')
      await call('/seed', JSON.parse(await readFile(file, 'utf8')))
      return void console.log('seeded')
    }
    case 'outbox': {
      if (rest[0] === 'clear') return void (await call('/outbox', undefined, 'DELETE'), console.log('outbox cleared'))
      if (rest[0] !== undefined) throw new Error(USAGE)
      const { messages } = (await call('/outbox', undefined, 'GET')) as { messages: OutboxMessage[] }
      if (messages.length === 0) return void console.log('outbox is empty')
      for (const m of messages) {
        console.log(`${m.at}  ${m.touser}  ${m.templateId}${m.page ? `  ${m.page}` : ''}`)
        console.log(`  ${Object.entries(m.data).map(([k, v]) => `${k}: ${v.value}`).join('  ')}`)
      }
      return
    }
    case 'push': {
      const [kind, openid, revokeInfo] = rest
      const event = kind === 'revoke' ? 'user_authorization_revoke' : kind === 'cancellation' ? 'user_authorization_cancellation' : undefined
      if (!event || !openid || (kind === 'revoke') !== (revokeInfo !== undefined)) throw new Error(USAGE)
      const push = buildAuthorizationPush({ event, openid, revokeInfo, appId: values.appid, now: Date.now() })
      console.log(JSON.stringify(await call('/push', push), null, 2))
      return
    }
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`)
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message)
  process.exit(1)
})
