import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { AuditExportView, BulkApproveView, ListRequestsView, QueueRowView, RequestDetailView, ShowRequestView } from '../src/contracts/ops'
import type { AuditVerification } from '../src/domain/ops/audit-log'
import { tokenHash } from '../src/domain/ops/operators'

/**
 * `npm run ops -- <command>`: the `ops` cloud function from a terminal, invoked exactly as the CloudBase
 * console's test panel does (no OPENID: the emulator's `/_emulator/invoke` with identity null), against
 * a running local emulator. Tables for people, `--json` for scripts.
 */
export const USAGE = `usage: npm run ops -- <command> [flags]
  list [--status s[,s…]] [--type t] [--limit n] [--cursor c] [--all]   the queue by due date (default: open requests)
  show <requestId>                                                    one request, its history, what is held (counts)
  approve <requestId> [--reason text]
  complete <requestId> --outcome text                                 close a correction you carried out
  reject <requestId> --reason text                                    the user reads the reason
  bulk-approve <requestId> …                                          up to 100
  export-audit [--out audit.csv]                                      the whole audit log as CSV
  verify-audit                                                        check the audit hash chain
  new-token <name>                                                    a fresh token and its OPS_OPERATORS entry
  hash-token                                                          the OPS_OPERATORS hash of a token (stdin, or OPS_TOKEN)
flags: --url (default http://127.0.0.1:$PORT, PORT 9555 as npm start) --operator (or OPS_OPERATOR) --token (or OPS_TOKEN; prefer the env) --json`

type Reply<T = unknown> = { ok: true; data: T } | { ok: false; code: string; message: string }

export type Command =
  | { kind: 'new-token'; name: string }
  | { kind: 'hash-token'; token?: string }
  | { kind: 'call'; command: string; event: Record<string, unknown>; all: boolean; out?: string }

const OPTIONS = {
  url: { type: 'string' },
  operator: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
  status: { type: 'string' },
  type: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  all: { type: 'boolean', default: false },
  reason: { type: 'string' },
  outcome: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

export interface Parsed {
  command: Command
  url: string
  json: boolean
}

/** The command line as a command; the event it sends carries the operator, everything else is for the function to judge. */
export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  const { values: v, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS })
  const [name, ...args] = positionals
  if (v.help || name === undefined) throw new Error(USAGE)
  const url = (v.url ?? `http://127.0.0.1:${env.PORT ?? 9555}`).replace(/\/+$/, '')
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new Error(`${name}: ${what} is required\n${USAGE}`)
    return value
  }
  const id = () => need(args[0], 'a request id')
  const done = (command: Command): Parsed => ({ command, url, json: v.json })
  if (name === 'new-token') return done({ kind: 'new-token', name: need(args[0], 'an operator name') })
  if (name === 'hash-token') return done({ kind: 'hash-token', ...(v.token ?? env.OPS_TOKEN ? { token: v.token ?? env.OPS_TOKEN } : {}) })

  const operator = { name: need(v.operator ?? env.OPS_OPERATOR, '--operator (or OPS_OPERATOR)'), token: need(v.token ?? env.OPS_TOKEN, '--token (or OPS_TOKEN)') }
  const call = (event: Record<string, unknown>, extra: { all?: boolean; out?: string } = {}): Parsed =>
    done({ kind: 'call', command: name, event: { operator, ...event }, all: extra.all ?? false, ...(extra.out ? { out: extra.out } : {}) })
  const maybe = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value })
  switch (name) {
    case 'list': {
      const statuses = v.status?.split(',').filter(Boolean)
      return call(
        {
          action: 'listRequests',
          ...(statuses ? { status: statuses.length === 1 ? statuses[0] : statuses } : {}),
          ...maybe('type', v.type),
          ...(v.limit === undefined ? {} : { limit: Number(v.limit) }),
          ...maybe('cursor', v.cursor),
        },
        { all: v.all },
      )
    }
    case 'show':
      return call({ action: 'showRequest', requestId: id() })
    case 'approve':
      return call({ action: 'approve', requestId: id(), ...maybe('reason', v.reason) })
    case 'complete':
      return call({ action: 'complete', requestId: id(), outcome: need(v.outcome, '--outcome') })
    case 'reject':
      return call({ action: 'reject', requestId: id(), ...maybe('reason', v.reason) })
    case 'bulk-approve':
      return call({ action: 'bulkApprove', requestIds: args.length ? args : [id()] })
    case 'export-audit':
      return call({ action: 'exportAudit' }, v.out ? { out: v.out } : {})
    case 'verify-audit':
      return call({ action: 'verifyAudit' })
    default:
      throw new Error(`unknown command ${name}\n${USAGE}`)
  }
}

/** Columns wide enough for Chinese text (a CJK character takes two cells). */
function width(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

/** A plain-text table: a header, a rule, one line per row. */
export function table(rows: ReadonlyArray<Record<string, string>>, columns: readonly string[]): string {
  const widths = columns.map((c) => Math.max(width(c), ...rows.map((r) => width(r[c] ?? ''))))
  const line = (cells: string[]) => cells.map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell))).join('  ').trimEnd()
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n')
}

function queueRow(r: QueueRowView): Record<string, string> {
  const left = r.workingDaysLeft === null ? '?' : String(r.workingDaysLeft)
  return { request: r.requestId, type: r.type, status: r.status, due: r.dueAt, 'working days left': r.overdue ? `${left} (overdue)` : left, created: r.createdAt, category: r.category ?? '' }
}
const QUEUE_COLUMNS = ['request', 'type', 'status', 'due', 'working days left', 'created', 'category']

function detailLines(r: RequestDetailView): string {
  const facts: Array<[string, string | undefined]> = [
    ['request', r.requestId],
    ['type', r.type],
    ['status', r.status],
    ['category', r.category],
    ['created', r.createdAt],
    ['due', `${r.dueAt} (${queueRow(r)['working days left']} working days left)`],
    ['updated', r.updatedAt],
    ['detail', r.detail],
    ['reason', r.reason],
    ['outcome', r.outcome],
  ]
  const history = r.history.map((h) => ({ at: h.at, event: h.event, from: h.from, to: h.to, by: h.by, reason: h.reason ?? '' }))
  return [
    ...facts.filter((f): f is [string, string] => f[1] !== undefined).map(([k, val]) => `${k.padEnd(9)} ${val}`),
    '',
    history.length ? table(history, ['at', 'event', 'from', 'to', 'by', 'reason']) : '(no history yet)',
  ].join('\n')
}

/** How a successful reply reads for people. */
export function render(command: string, data: unknown): string {
  switch (command) {
    case 'list': {
      const page = data as ListRequestsView
      return [table(page.rows.map(queueRow), QUEUE_COLUMNS), page.nextCursor ? `more: --cursor ${page.nextCursor}` : `${page.rows.length} shown, no more`].join('\n')
    }
    case 'show': {
      const view = data as ShowRequestView
      return [detailLines(view.request), '', 'held about this user (counts only):', table(view.held.map((h) => ({ category: h.category, count: String(h.count) })), ['category', 'count'])].join('\n')
    }
    case 'approve':
    case 'complete':
    case 'reject': {
      const r = data as RequestDetailView
      return `${r.requestId}: ${r.status}`
    }
    case 'bulk-approve': {
      const b = data as BulkApproveView
      return [`approved ${b.succeeded.length}, failed ${b.failed.length}`, ...(b.failed.length ? [table(b.failed, ['requestId', 'code'])] : [])].join('\n')
    }
    case 'export-audit': {
      const written = data as { out: string; bytes: number }
      return `wrote ${written.bytes} bytes to ${written.out}`
    }
    case 'verify-audit': {
      const v = data as AuditVerification
      return v.intact ? `audit chain intact: ${v.count} entries${v.head ? `, head ${v.head.hash}` : ''}` : `audit chain BROKEN at entry ${v.seq}: ${v.problem}`
    }
    default:
      return JSON.stringify(data, null, 2)
  }
}

/** One console-style invocation of `ops`: identity null, as the CloudBase console's test panel. */
async function invoke(url: string, event: unknown): Promise<Reply> {
  const res = await fetch(`${url}/_emulator/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ops', event, identity: null }) })
  const body = (await res.json()) as { result?: Reply; error?: { code: string; message: string } }
  if (!res.ok || body.error || !body.result) throw new Error(`invoking ops failed: ${body.error ? `${body.error.code} ${body.error.message}` : `HTTP ${res.status}`}`)
  return body.result
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').trim()
}

async function main(): Promise<number> {
  const { command, url, json } = parseCommand(process.argv.slice(2), process.env)
  if (command.kind === 'new-token') {
    const token = randomBytes(32).toString('base64url')
    const hash = tokenHash(token)
    console.log(json ? JSON.stringify({ name: command.name, token, hash }) : `token for ${command.name} (hand it over privately; nothing keeps it):\n  ${token}\nadd to OPS_OPERATORS:\n  "${command.name}": "${hash}"`)
    return 0
  }
  if (command.kind === 'hash-token') {
    const token = command.token ?? (process.stdin.isTTY ? undefined : await readStdin())
    if (!token) throw new Error('hash-token: give the token on stdin or in OPS_TOKEN')
    console.log(tokenHash(token))
    return 0
  }

  // Several pages make one answer: every page of the queue, or of the audit log.
  let reply = await invoke(url, command.event)
  if (reply.ok && command.command === 'list' && command.all) {
    const rows = [...(reply.data as ListRequestsView).rows]
    for (let next = (reply.data as ListRequestsView).nextCursor; next; ) {
      const page = await invoke(url, { ...command.event, cursor: next })
      if (!page.ok) return report(page, command.command, json)
      rows.push(...(page.data as ListRequestsView).rows)
      next = (page.data as ListRequestsView).nextCursor
    }
    reply = { ok: true, data: { rows } }
  }
  if (reply.ok && command.command === 'export-audit') {
    let page = reply.data as AuditExportView
    let csv = page.csv
    while (page.nextFromSeq !== undefined) {
      const more = await invoke(url, { ...command.event, fromSeq: page.nextFromSeq })
      if (!more.ok) return report(more, command.command, json)
      page = more.data as AuditExportView
      csv += page.csv.slice(page.csv.indexOf('\r\n') + 2)
    }
    if (command.out) writeFileSync(command.out, csv)
    else if (!json) {
      // The file itself, CRLF line ends and all, so `> audit.csv` keeps it byte for byte.
      process.stdout.write(csv)
      return 0
    }
    reply = { ok: true, data: command.out ? { out: command.out, bytes: Buffer.byteLength(csv) } : { csv } }
  }
  return report(reply, command.command, json)
}

function report(reply: Reply, command: string, json: boolean): number {
  if (json) console.log(JSON.stringify(reply, null, 2))
  else if (reply.ok) console.log(render(command, reply.data))
  else console.error(`${reply.code}: ${reply.message}`)
  return reply.ok ? 0 : 1
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message)
      process.exit(2)
    },
  )
}
