import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { sdkEnv } from '../../emulator/env-recipe'
import type { Identity } from '../../emulator/types'
import { DEV_RECEIPT_ENV } from './receipt-keys'

export const ROOT = path.resolve(__dirname, '..', '..')

export interface RunningEmulator {
  url: string
  adminUrl: string
  envId: string
  dataDir: string
  child: ChildProcess
  /** POST/GET/DELETE to the `/_emulator` control API. */
  control<T = unknown>(route: string, body?: unknown, method?: string): Promise<T>
  /** SIGTERM and wait. */
  stop(): Promise<void>
  /** SIGKILL (crash) and wait. */
  kill(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  functionsDir?: string
  durability?: 'fsync' | 'write' | 'off'
  timers?: boolean
  extraArgs?: string[]
  /** Extra environment for the emulator process; functions see it as their configured variables (e.g. `OPS_OPERATORS`). The development receipt key is always set (`RECEIPT_SIGNING_KEY: ''` removes it). */
  env?: Record<string, string>
}

/** Starts the emulator CLI as a child process on a free port, as `npm run emulator` does. */
export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'pc-emu-'))
  const args = [
    '--import', 'tsx', path.join(ROOT, 'emulator', 'cli.ts'),
    '--port', '0', '--data', dataDir,
    '--functions', opts.functionsDir ?? path.join(ROOT, 'build', 'cloudfunctions'),
    '--durability', opts.durability ?? 'fsync',
    ...(opts.timers ? [] : ['--no-timers']),
    ...(opts.extraArgs ?? []),
  ]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test', ...DEV_RECEIPT_ENV, ...opts.env } })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const first = await new Promise<{ url: string; adminUrl: string; envId: string }>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! })
    rl.once('line', (line) => {
      try {
        resolve(JSON.parse(line))
      } catch {
        reject(new Error(`unexpected emulator output: ${line}\n${stderr}`))
      }
    })
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${stderr}`)))
  })
  const waitExit = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))
  return {
    ...first,
    dataDir,
    child,
    async control<T>(route: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
      const res = await fetch(`${first.url}/_emulator${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const json = (await res.json()) as T
      if (!res.ok) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(json)}`)
      return json
    },
    async stop() {
      child.kill('SIGTERM')
      await waitExit()
    },
    async kill() {
      child.kill('SIGKILL')
      await waitExit()
    },
  }
}

/** Removes a data folder made by startEmulator. */
export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * Points the real wx-server-sdk in this (test) process at the emulator, with an optional identity
 * as `getWXContext()` would see it inside a function.
 */
export function useSdk(emulator: Pick<RunningEmulator, 'adminUrl' | 'envId'>, identity: Identity = {}): void {
  Object.assign(process.env, sdkEnv(emulator.adminUrl, emulator.envId))
  for (const key of ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'TCB_SOURCE']) delete process.env[key]
  if (identity.OPENID !== undefined) process.env.WX_OPENID = identity.OPENID
  if (identity.APPID !== undefined) process.env.WX_APPID = identity.APPID
  if (identity.UNIONID !== undefined) process.env.WX_UNIONID = identity.UNIONID
  if (identity.CLIENTIP !== undefined) process.env.WX_CLIENTIP = identity.CLIENTIP
  if (identity.SOURCE !== undefined) process.env.TCB_SOURCE = identity.SOURCE
}

/**
 * The real wx-server-sdk in this (test) process, pointed at the emulator and initialised, as a cloud
 * function would have it. Untyped on purpose: contract tests send what the SDK's typings forbid.
 */
export function connectSdk(emulator: Pick<RunningEmulator, 'adminUrl' | 'envId'>, identity: Identity = {}): any {
  useSdk(emulator, identity)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}
