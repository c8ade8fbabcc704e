import { readFileSync } from 'node:fs'
import path from 'node:path'
import { database, settled } from '../../cloudfunctions/_shared/adapters/wx'
import type { HandlerManifest } from '../../cloudfunctions/_shared/handler'
import { ERROR_CODES } from '../../src/domain/common/errors'
import { readPush } from '../../src/domain/push/authorization-change'
import type { AuthorizationPush } from '../../src/contracts/wxpush'
import { type Callable, callablesOf, TIMER_IDENTITY } from './callables'
import { type Invoked, invoker, user } from './consent'
import { ROOT, type RunningEmulator } from './emulator'

/**
 * The fuzz engine shared by tests/contract/fuzz*.test.ts: seeded hostile values, payloads per callable
 * (at least PER_CALLABLE each), and the checks every reply must pass.
 */

// ── A deterministic PRNG (mulberry32) and a few helpers on top of it.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Rng {
  int(n: number): number
  chance(p: number): boolean
  pick<T>(xs: readonly T[]): T
}

export function rngOf(seed: number): Rng {
  const next = mulberry32(seed)
  return {
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  }
}

/** A seed per name, so each callable's payloads stay the same when others are added. */
export function seedOf(name: string): number {
  let h = 0x811c9dc5
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
  return h
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
export const word = (r: Rng, min: number, max: number) => Array.from({ length: min + r.int(max - min + 1) }, () => r.pick([...ALNUM])).join('')
/** What the function receives: the event goes through JSON on its way (NaN → null, undefined dropped). */
export const wire = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)))
/** Sets an own, enumerable key, `__proto__` included (an assignment would set the prototype instead). */
export const put = (o: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })

// ── Hostile values.
export const KB10 = 'x'.repeat(10 * 1024)
export const CONTROL = '\u0000\u0001\u0007\b\t\n\r\u000b\f\u001b[31m\u007f\u0085\u009f\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ud800'
const STRINGS: readonly string[] = [
  '', ' ', ' \t\n ', KB10, '中'.repeat(3500), '😀'.repeat(2600), CONTROL, `abc${CONTROL}def`, '\u202eevil\u202c', '\u0000'.repeat(12),
  'NaN', '-NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', '1_000', 'null', 'undefined', 'true', '[]', '{}', '[object Object]',
  '../../etc/passwd', '<script>alert(1)</script>', "' OR '1'='1", '$ne', '{"$ne":null}', '__proto__', 'constructor', 'toString', 'a', 'aaaaaaaa',
  // What a `db.command` looks like once serialised, and its `_.` spelling.
  '_.neq(null)', "_.gt('')", 'db.command.exists(true)', '{"$regex":".*","$options":"i"}',
]
const NUMBERS: readonly number[] = [0, -0, -1, 1, 1.5, -2.5, 0.1, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 31, -(2 ** 31), NaN, Infinity, -Infinity]
const OPERATORS: ReadonlyArray<() => unknown> = [
  () => ({ $ne: null }),
  () => ({ $gt: '' }),
  () => ({ $gte: 0 }),
  () => ({ $regex: '.*' }),
  () => ({ $in: ['a', 'b'] }),
  () => ({ $nin: [] }),
  () => ({ $exists: true }),
  () => ({ $where: 'return true' }),
  () => ({ $or: [{}, { a: 1 }] }),
  () => ({ $elemMatch: {} }),
  () => ({ $eq: { $ne: null } }),
  // wx-server-sdk's serialised command form (`_.neq(null)` on the wire).
  () => ({ $neq: null }),
  () => ({ _internalType: 'command', operator: 'neq', operands: [null] }),
]
const PROTO: ReadonlyArray<() => unknown> = [
  () => JSON.parse('{"__proto__":{"polluted":true,"action":"inventory"}}'),
  () => JSON.parse('{"__proto__":null}'),
  () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  () => ({ prototype: { polluted: true } }),
  () => JSON.parse('{"__proto__":{"toString":"x","valueOf":1}}'),
]

export interface Known {
  /** Well-formed ids that belong to someone else, or to the caller. */
  ids: readonly string[]
}

export function junk(r: Rng, known: Known, depth = 0): unknown {
  const roll = r.int(depth > 2 ? 6 : 9)
  switch (roll) {
    case 0:
      return r.pick([null, true, false, undefined])
    case 1:
    case 2:
      return r.pick(STRINGS)
    case 3:
      return r.pick(NUMBERS)
    case 4:
      return r.pick(OPERATORS)()
    case 5:
      return r.pick(known.ids)
    case 6:
      return r.pick(PROTO)()
    case 7: {
      const n = r.int(4)
      return r.chance(0.1) ? Array.from({ length: 1000 }, (_, i) => i) : Array.from({ length: n }, () => junk(r, known, depth + 1))
    }
    default: {
      if (r.chance(0.1)) {
        // Deeply nested.
        let v: unknown = 'bottom'
        for (let i = 0; i < 100; i++) v = r.chance(0.5) ? [v] : { a: v }
        return v
      }
      const o: Record<string, unknown> = {}
      for (let i = r.int(4); i > 0; i--) put(o, r.pick(['a', 'action', '$ne', '__proto__', 'constructor', word(r, 1, 8)]), junk(r, known, depth + 1))
      return o
    }
  }
}

/** Draws until `bad` holds for the value as it arrives on the wire. */
export function drawBad(draw: () => unknown, bad: (onWire: unknown) => boolean, fallback: unknown): unknown {
  for (let i = 0; i < 30; i++) {
    const v = draw()
    if (bad(wire(v))) return v
  }
  return fallback
}

// ── What each action takes: a valid value and an invalid one per field.
export interface Field {
  valid(r: Rng): unknown
  /** A value that makes the whole request fail (checked with the rule that refuses it). */
  invalid(r: Rng): unknown
  /** The request is valid without it: a broken payload always carries its invalid value, never drops it. */
  optional?: true
}

export interface ActionSpec {
  /**
   * A write gets only payloads that are invalid by construction (at least one field is wrong, checked
   * against the rule that refuses it), so it must never answer ok. A read may answer ok, for its caller's
   * own data only.
   */
  write: boolean
  fields: Record<string, Field>
}

/** A field checked by a schema: `valid` values, and junk (or `specials`) the schema refuses in `base`. */
export function schemaField(known: Known, ok: (v: unknown) => boolean, valid: (r: Rng) => unknown, specials: readonly unknown[] = [], opts: { optional?: true } = {}): Field {
  return {
    valid,
    invalid: (r) => drawBad(() => (specials.length && r.chance(0.5) ? r.pick(specials) : junk(r, known)), (v) => !ok(v), specials[0] ?? { $ne: null }),
    ...opts,
  }
}

export const CRID = /^[A-Za-z0-9_-]{8,64}$/
export function clientRequestIdField(known: Known): Field {
  const bad = ['short', '', 'x'.repeat(65), 'has space 1234', 'has/slash-12345', '中文请求编号一二三四五', 'abcdefgh\u0000', 'abcdefgh\n', 'abcdefgh.', 'abc', 'NaN', 'Infinity!', KB10]
  return {
    valid: (r) => `fz${word(r, 6, 40)}`,
    invalid: (r) => drawBad(() => (r.chance(0.5) ? r.pick(bad) : junk(r, known)), (v) => typeof v !== 'string' || !CRID.test(v), null),
  }
}

/** A case: one event for one callable (or `(foreign)`: no action of the function), and whether it may answer ok. */
export interface Case {
  key: string
  event: unknown
  mayPass: boolean
}

const NON_OBJECTS: readonly unknown[] = [null, 0, -1, 1.5, 1e21, NaN, true, false, '', 'inventory', 'place', 'addContact', KB10, CONTROL, [], [{ action: 'inventory' }], [{ action: 'place' }], ['addContact', {}], [[[]]]]
const FOREIGN_ACTIONS: readonly unknown[] = [
  '', ' ', 'INVENTORY', 'Inventory', 'inventory ', ' inventory', 'inventory\u0000', 'addcontact', 'add_contact', 'addContact\n', 'place ', 'PLACE', 'mine()',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'record', 'history', 'verify', 'receipt', 'nearby', 'list', 'deleteAccount',
  'purgeExports', 'runCancellations', 'announcements', 'inventory', 'addContact', 'requestExport', 'place', 'mine', 'products', 'approve', 'listRequests', 'refund', 'cancel', 'admin', 'removeAll',
  'undefined', 'null', 'NaN', KB10, CONTROL, null, 0, 1, true, ['inventory'], { $ne: null }, { $in: ['inventory', 'mine'] }, '_.neq(null)',
]
const EXTRA_KEYS = ['openid', '_openid', 'OPENID', 'userInfo', '_id', 'id', 'totalFen', 'prices', 'isAdmin', '$where', '$ne', '__proto__', 'constructor', 'prototype', 'toString', 'Type', 'TriggerName', 'operator', 'SOURCE']

function withExtras(r: Rng, known: Known, e: Record<string, unknown>, own: readonly string[]): void {
  for (let i = r.chance(0.4) ? 1 + r.int(3) : 0; i > 0; i--) {
    const key = r.chance(0.8) ? r.pick(EXTRA_KEYS) : word(r, 1, 12)
    if (key !== 'action' && !own.includes(key)) put(e, key, r.chance(0.3) ? r.pick(known.ids) : junk(r, known))
  }
}

/** `count` payloads naming `action`: for a write each breaks a field; for a read fields are right, wrong, missing or extra. */
export function actionCases(key: string, action: string, spec: ActionSpec, count: number, known: Known): Case[] {
  const r = rngOf(seedOf(key))
  const names = Object.keys(spec.fields)
  if (spec.write && names.length === 0) throw new Error(`${key}: a write needs a field to break`)
  // Mostly a field past the request id, so that many payloads get past the schema to the domain's checks.
  const deeper = names.filter((n) => n !== 'clientRequestId')
  return Array.from({ length: count }, () => {
    const e: Record<string, unknown> = { action }
    if (spec.write) {
      const broken = new Set([deeper.length && r.chance(0.75) ? r.pick(deeper) : r.pick(names)])
      if (r.chance(0.3)) broken.add(r.pick(names))
      for (const name of names) {
        const f = spec.fields[name]!
        if (broken.has(name)) {
          if (!r.chance(0.12) || f.optional) put(e, name, f.invalid(r))
        } else {
          put(e, name, r.chance(0.85) ? f.valid(r) : r.chance(0.5) ? f.invalid(r) : junk(r, known))
        }
      }
    } else {
      for (const [name, f] of Object.entries(spec.fields)) if (!r.chance(0.1)) put(e, name, r.chance(0.5) ? f.valid(r) : f.invalid(r))
    }
    withExtras(r, known, e, names)
    return { key, event: e, mayPass: !spec.write }
  })
}

/** Events that are no action of the function: non-objects, unknown actions, none at all. */
export function foreignCases(fn: string, actions: readonly string[], fieldNames: readonly string[], count: number, known: Known, objectsOnly = false): Case[] {
  const r = rngOf(seedOf(`${fn}.(foreign)`))
  const out: Case[] = []
  while (out.length < count) {
    if (!objectsOnly && r.chance(0.25)) {
      out.push({ key: `${fn}.(foreign)`, event: r.pick(NON_OBJECTS), mayPass: false })
      continue
    }
    const e: Record<string, unknown> = {}
    if (r.chance(0.9)) put(e, 'action', r.chance(0.5) ? r.pick(FOREIGN_ACTIONS) : junk(r, known))
    for (let k = r.int(4); k > 0; k--) put(e, r.pick(fieldNames.length ? fieldNames : EXTRA_KEYS), junk(r, known))
    withExtras(r, known, e, [])
    const onWire = wire(e) as { action?: unknown }
    if (typeof onWire === 'object' && onWire !== null && actions.includes(onWire.action as string)) continue
    out.push({ key: `${fn}.(foreign)`, event: e, mayPass: false })
  }
  return out
}

/** A timer event as the platform sends it; only an exact one of the function's triggers runs. */
function isTimerEvent(v: unknown, triggers: readonly string[]): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const e = v as Record<string, unknown>
  return e.Type === 'Timer' && typeof e.Time === 'string' && typeof e.TriggerName === 'string' && Object.prototype.hasOwnProperty.call(Object.fromEntries(triggers.map((t) => [t, 1])), e.TriggerName)
}

/** Malformed timer events for one trigger, sent with the timer's identity: never a real run. */
export function timerCases(key: string, trigger: string, triggers: readonly string[], count: number, known: Known): Case[] {
  const r = rngOf(seedOf(key))
  const near = [trigger.toUpperCase(), `${trigger} `, `${trigger}\u0000`, `${trigger}s`, trigger.slice(1), '__proto__', 'constructor', 'hasOwnProperty', 'toString', '', 'Timer']
  const draw = (): unknown => {
    const e: Record<string, unknown> = { Type: 'Timer', TriggerName: trigger, Time: '2026-03-02T03:00:00Z' }
    switch (r.int(6)) {
      case 0:
        return r.chance(0.3) ? r.pick(NON_OBJECTS) : junk(r, known)
      case 1:
        put(e, 'TriggerName', r.chance(0.6) ? r.pick(near) : junk(r, known))
        break
      case 2:
        put(e, 'Type', r.pick(['timer', 'TIMER', 'Timer ', '', 'Cron', null, { $ne: null }, 1]))
        break
      case 3:
        put(e, 'Time', drawBad(() => junk(r, known), (v) => typeof v !== 'string', 0))
        break
      case 4:
        delete e[r.pick(['Type', 'TriggerName', 'Time'])]
        break
      default:
        put(e, r.pick(['Type', 'TriggerName', 'Time']), junk(r, known))
    }
    withExtras(r, known, e, ['Type', 'TriggerName', 'Time'])
    return e
  }
  return Array.from({ length: count }, () => ({ key, event: drawBad(draw, (v) => !isTimerEvent(v, triggers), { Type: 'Timer' }), mayPass: false }))
}

/**
 * Pushes as WeChat would send them but malformed, for another event, or a plugin's revocation (a valid
 * no-op): never one that withdraws or cancels, which the push suite covers. Decided by the function's
 * own schema and `readPush`.
 */
export function pushCases(key: string, manifest: HandlerManifest, count: number, known: Known, openids: readonly string[]): Case[] {
  const r = rngOf(seedOf(key))
  const outcome = (v: unknown): 'refused' | 'no-op' | 'acts' => {
    const parsed = manifest.request.safeParse(v)
    if (!parsed.success) return 'refused'
    try {
      return readPush(parsed.data as AuthorizationPush).kind === 'plugin-revoke' ? 'no-op' : 'acts'
    } catch {
      return 'refused'
    }
  }
  const draw = (): Record<string, unknown> => {
    const e: Record<string, unknown> = {
      ToUserName: 'gh_wx_local_app',
      FromUserName: 'o_wechat_push_service',
      CreateTime: 1772420400 + r.int(1000),
      MsgType: 'event',
      Event: r.pick(['user_authorization_revoke', 'user_authorization_cancellation']),
      OpenID: r.pick(openids),
      AppID: 'wx_local_app',
      RevokeInfo: r.pick(['13', '14', '13,14', '99']),
    }
    const fields = ['MsgType', 'Event', 'OpenID', 'CreateTime', 'RevokeInfo', 'AppID', 'ToUserName', 'FromUserName', 'UnionID', 'PluginID']
    for (let i = 1 + r.int(2); i > 0; i--) {
      const name = r.pick(fields)
      const roll = r.int(5)
      if (roll === 0) delete e[name]
      else if (roll === 1) put(e, ` ${name}`, r.chance(0.5) ? e[name] : junk(r, known))
      else if (roll === 2 && name === 'Event') put(e, name, r.pick(['subscribe', 'USER_AUTHORIZATION_REVOKE', 'user_authorization_revoke ', 'wxa_privacy_apply', 'user_info_modified', '']))
      else if (roll === 2 && name === 'OpenID') put(e, name, r.pick(['', 'o_test_user_1\u0000', 'x'.repeat(129), '../o_test_user_1', 'o test']))
      else if (roll === 2 && name === 'PluginID') put(e, name, 'wx_plugin_example')
      else put(e, name, junk(r, known))
    }
    withExtras(r, known, e, fields)
    return e
  }
  const out: Case[] = []
  while (out.length < count) {
    const e = draw()
    const o = outcome(wire(e))
    if (o !== 'acts') out.push({ key, event: e, mayPass: o === 'no-op' })
  }
  return out
}

/** Requests the open route takes (any extra key is fine), and near misses that fall to the user routes. */
export function openCases(key: string, manifest: HandlerManifest, count: number, known: Known, action: string): Case[] {
  const r = rngOf(seedOf(key))
  return Array.from({ length: count }, () => {
    const e: Record<string, unknown> = { action: r.chance(0.8) ? action : r.pick([action.toUpperCase(), `${action} `, `${action}\u0000`, { $eq: action }, [action]]) }
    withExtras(r, known, e, [])
    if (r.chance(0.3)) put(e, r.pick(['language', 'limit', 'all', 'withdrawn']), junk(r, known))
    return { key, event: e, mayPass: manifest.open!.safeParse(wire(e)).success }
  })
}

// ── Running the cases.

/** How a callable is called: a user for routes and open requests, the console with an operator for ops, the timer's and WeChat's identities. */
export type Via = 'user' | 'ops' | 'timer' | 'push'

export const viaOf = (c: Callable): Via => (c.kind === 'ops' ? 'ops' : c.kind === 'timer' ? 'timer' : c.kind === 'push' ? 'push' : 'user')

/** A short, printable form of a payload for a failure message. */
export const preview = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 60 ? `${x.slice(0, 40)}…(${x.length} chars)` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? String(v)

export async function inPool<T>(items: readonly T[], width: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++
        await run(items[i]!, i)
      }
    }),
  )
}

const CODES = new Set<string>(ERROR_CODES)

export interface FuzzOutcome {
  problems: Array<{ key: string; payload: string; reply: string; why: string }>
  /** ok replies by callable key. */
  okBy: Record<string, number>
  codes: Record<string, number>
  /** Cases per callable key. */
  sent: Record<string, number>
}

/**
 * Sends every case (users' as `me`, timers' and pushes' as the emulator issues them); answers the
 * problems found (empty when all is well) and a tally. `secrets` are another user's: a reply may hold one
 * only if the payload itself did; `never` may not be in any reply (an operator's token).
 */
export async function runCases(
  emu: RunningEmulator,
  fn: string,
  cases: readonly Case[],
  opts: { me: string; secrets: readonly string[]; never?: readonly string[]; via: (c: Case) => Via; width?: number },
): Promise<FuzzOutcome> {
  const call = invoker(emu, fn)
  const out: FuzzOutcome = { problems: [], okBy: {}, codes: {}, sent: {} }
  await inPool(cases, opts.width ?? 4, async (c) => {
    out.sent[c.key] = (out.sent[c.key] ?? 0) + 1
    const via = opts.via(c)
    const event = c.event
    const invoked: Invoked =
      via === 'push' ? await emu.control<Invoked>('/push', event) : await call(event, via === 'user' ? user(opts.me) : via === 'timer' ? TIMER_IDENTITY : null)
    const reply = invoked.result
    const text = JSON.stringify(invoked)
    const sent = JSON.stringify(event) ?? ''
    const why: string[] = []
    if (invoked.error || !reply || typeof reply !== 'object') why.push('no result')
    else if (typeof reply.ok !== 'boolean') why.push('ok is not a boolean')
    else if (reply.ok) {
      out.okBy[c.key] = (out.okBy[c.key] ?? 0) + 1
      if (!c.mayPass) why.push('ok for a payload that must be refused')
    } else {
      out.codes[String(reply.code)] = (out.codes[String(reply.code)] ?? 0) + 1
      if (!CODES.has(String(reply.code))) why.push('unknown code')
      if (reply.code === 'COMMON.INTERNAL') why.push('COMMON.INTERNAL')
      if (typeof reply.message !== 'string') why.push('no message')
    }
    for (const s of opts.secrets) if (text.includes(s) && !sent.includes(s)) why.push(`reply holds ${s}`)
    for (const s of opts.never ?? []) if (text.includes(s)) why.push('reply holds a secret it was sent')
    if (why.length) out.problems.push({ key: c.key, payload: preview(event), reply: preview(invoked).slice(0, 600), why: why.join(', ') })
  })
  return out
}

// ── Cases for a whole function, from its manifest.

export const PER_CALLABLE = 300

export interface FunctionSpecs {
  /** One spec per route action: the suite fails for an action without one. */
  routes: Record<string, ActionSpec>
  /** The open request's action (e.g. `announcements`), when the function has one. */
  openAction?: string
  /** Openids a malformed push may name. */
  pushOpenids?: readonly string[]
}

/** Every callable of `fn` gets PER_CALLABLE cases, plus a tenth more (at most PER_CALLABLE) that name no action. */
export function functionCases(fn: string, manifest: HandlerManifest, specs: FunctionSpecs, known: Known): Case[] {
  const cases: Case[] = []
  const fields = [...new Set(Object.values(specs.routes).flatMap((s) => Object.keys(s.fields)))]
  for (const c of callablesOf(fn, manifest)) {
    if (c.kind === 'route' || c.kind === 'ops') {
      const spec = specs.routes[c.name]
      if (!spec) throw new Error(`no payload generator for ${c.key}: add it to the specs in tests/support/fuzz-specs.ts`)
      cases.push(...actionCases(c.key, c.name, spec, PER_CALLABLE, known))
    } else if (c.kind === 'timer') {
      cases.push(...timerCases(c.key, c.name, manifest.timers, PER_CALLABLE, known))
    } else if (c.kind === 'push') {
      if (!specs.pushOpenids) throw new Error(`no payload generator for ${c.key}: give pushOpenids`)
      cases.push(...pushCases(c.key, manifest, PER_CALLABLE, known, specs.pushOpenids))
    } else {
      if (!specs.openAction) throw new Error(`no payload generator for ${c.key}: give openAction`)
      cases.push(...openCases(c.key, manifest, PER_CALLABLE, known, specs.openAction))
    }
  }
  if (manifest.actions.length) cases.push(...foreignCases(fn, manifest.actions, fields, Math.min(PER_CALLABLE, Math.ceil(cases.length / 10)), known))
  return cases
}

/** How each case of `fn` is sent. */
export function viaFor(fn: string, manifest: HandlerManifest): (c: Case) => Via {
  const byKey = new Map(callablesOf(fn, manifest).map((c) => [c.key, viaOf(c)]))
  const fallback: Via = manifest.audience === 'ops' ? 'ops' : manifest.audience === 'push' ? 'push' : 'user'
  return (c) => byKey.get(c.key) ?? fallback
}

// ── State before and after.

const COLLECTIONS = (JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: string[] }).collections

/** Every row of every collection (by `_id`) and every stored object (the storage index on disk). */
export async function snapshot(emu: RunningEmulator, except: readonly string[] = []): Promise<Record<string, unknown>> {
  const collections = await Promise.all(
    COLLECTIONS.filter((c) => !except.includes(c)).map(async (c) => {
      const rows = (await settled(database().collection(c).limit(1000).get())).data as Array<{ _id: string }>
      return [c, [...rows].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))] as const
    }),
  )
  const index = JSON.parse(readFileSync(path.join(emu.dataDir, 'storage', 'index.json'), 'utf8')) as { files: Record<string, unknown> }
  return { ...Object.fromEntries(collections), '(storage)': index.files }
}
