import { randomUUID } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { CloudError } from '../errors'
import { writeFileDurable } from '../storage/durable'
import type { Clock } from '../types'
import type { SubscribeMessage } from './subscribe-message'

/** One message WeChat accepted; the shape `GET /_emulator/outbox` answers (the `/_console` page reads it). */
export interface OutboxMessage extends SubscribeMessage {
  id: string
  /** When it was accepted (ISO). */
  at: string
}

/** A user who did not accept a template (or any template when `templateId` is absent): sends get 43101. */
export interface Refusal {
  touser: string
  templateId?: string
}

interface OutboxFile {
  version: 1
  messages: OutboxMessage[]
  refusals: Refusal[]
}

/** The outbox keeps the newest messages only; it is a development aid, not an archive. */
export const OUTBOX_LIMIT = 1000

/**
 * Subscribe messages the emulator "delivered", newest last, and the users who refused them. Kept in
 * `<dir>/outbox.json`, replaced atomically on each change, so it survives a restart like the database.
 */
export class Outbox {
  private state: OutboxFile = { version: 1, messages: [], refusals: [] }
  private writes: Promise<unknown> = Promise.resolve()
  private readonly file: string

  constructor(private readonly opts: { dir: string; now: Clock }) {
    this.file = path.join(opts.dir, 'outbox.json')
  }

  async open(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true })
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    const parsed = JSON.parse(text) as Partial<OutboxFile>
    if (parsed.version !== 1 || !Array.isArray(parsed.messages) || !Array.isArray(parsed.refusals)) throw new Error(`${this.file}: not an outbox file`)
    this.state = parsed as OutboxFile
  }

  messages(): OutboxMessage[] {
    return [...this.state.messages]
  }

  refuses(touser: string, templateId: string): boolean {
    return this.state.refusals.some((r) => r.touser === touser && (r.templateId === undefined || r.templateId === templateId))
  }

  async add(message: SubscribeMessage): Promise<OutboxMessage> {
    const sent: OutboxMessage = { id: randomUUID(), at: new Date(this.opts.now()).toISOString(), ...message }
    this.state.messages = [...this.state.messages, sent].slice(-OUTBOX_LIMIT)
    await this.persist()
    return sent
  }

  /** Records that a user did not accept a template: the next sends to them are refused with 43101. */
  async refuse(body: Record<string, unknown>): Promise<void> {
    const { touser, templateId } = body
    if (typeof touser !== 'string' || touser === '') throw new CloudError('INVALID_PARAM', 'touser is required')
    if (templateId !== undefined && (typeof templateId !== 'string' || templateId === '')) throw new CloudError('INVALID_PARAM', 'templateId must be a non-empty string')
    this.state.refusals = [...this.state.refusals, { touser, ...(templateId === undefined ? {} : { templateId }) }]
    await this.persist()
  }

  /** Empties the outbox; with `refusals`, forgets those too (an emulator reset). */
  async clear(opts: { refusals?: boolean } = {}): Promise<void> {
    this.state = { version: 1, messages: [], refusals: opts.refusals ? [] : this.state.refusals }
    await this.persist()
  }

  /** Writes the state as it is now, after any earlier write; the caller learns whether its own write failed. */
  private persist(): Promise<void> {
    const text = `${JSON.stringify(this.state)}\n`
    const write = this.writes.then(() => writeFileDurable(this.file, text))
    this.writes = write.catch(() => undefined)
    return write
  }
}
