import { open, type FileHandle } from 'node:fs/promises'
import type { Durability } from '../types'

interface Waiter {
  resolve(): void
  reject(err: Error): void
}

interface Pending {
  line: string
  waiter: Waiter | null
}

/**
 * The append-only journal, one line per committed mutation, with group commit: lines appended
 * while a write (+ fdatasync) is in flight go out together in the next one, so concurrent
 * writers share one disk round trip before their acknowledgements.
 *
 * - `fsync`: append() resolves after write() and fdatasync();
 * - `write`: after write() (in the page cache: survives kill -9, not a power cut);
 * - `off`: at once, the write happens in the background.
 */
export class Journal {
  private queue: Pending[] = []
  private flushing: Promise<void> | null = null
  private scheduled = false
  private paused = false
  private failure: Error | null = null

  private constructor(
    private readonly fh: FileHandle,
    private size: number,
    private readonly durability: Durability,
  ) {}

  /** Opens (or creates) the journal for appending; `size` is its current, valid length. */
  static async open(file: string, size: number, durability: Durability): Promise<Journal> {
    const fh = await open(file, 'a')
    return new Journal(fh, size, durability)
  }

  get bytes(): number {
    return this.size
  }

  /** Queues one line (without its newline); resolves when it is as durable as the mode promises. */
  append(line: string): Promise<void> {
    if (this.durability === 'off') {
      this.queue.push({ line, waiter: null })
      this.kick()
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, waiter: { resolve, reject } })
      this.kick()
    })
  }

  /** Resolves once everything appended so far is written (and synced, except with `off`). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.scheduled) {
      this.kick()
      await (this.flushing ?? new Promise((r) => setImmediate(r)))
    }
  }

  /**
   * Empties the journal after `beforeTruncate` ran (it writes the snapshot that replaces it).
   * Lines queued before the call are dropped (the caller has already discarded their effect);
   * their writers are acknowledged once the journal is truncated.
   */
  async rewrite(beforeTruncate: () => Promise<void>): Promise<void> {
    const dropped = this.queue
    this.queue = []
    this.paused = true
    try {
      while (this.flushing) await this.flushing
      await beforeTruncate()
      await this.fh.truncate(0)
      await this.fh.datasync()
      this.size = 0
    } finally {
      this.paused = false
      for (const p of dropped) p.waiter?.resolve()
      this.kick()
    }
  }

  async close(): Promise<void> {
    await this.drain()
    await this.fh.datasync()
    await this.fh.close()
  }

  /** Starts a flush on the next turn of the event loop, so requests read in the same turn share it. */
  private kick(): void {
    if (this.flushing || this.scheduled || this.paused || this.queue.length === 0) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (this.flushing || this.paused || this.queue.length === 0) return
      this.flushing = this.flushLoop().finally(() => {
        this.flushing = null
        this.kick()
      })
    })
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0 && !this.paused) {
      const batch = this.queue
      this.queue = []
      let text = ''
      for (const p of batch) text += `${p.line}\n`
      try {
        if (this.failure) throw this.failure
        const buf = Buffer.from(text, 'utf8')
        let done = 0
        while (done < buf.length) done += (await this.fh.write(buf, done, buf.length - done)).bytesWritten
        if (this.durability === 'fsync') await this.fh.datasync()
        this.size += buf.length
        for (const p of batch) p.waiter?.resolve()
      } catch (err) {
        await this.recover(err as Error)
        for (const p of batch) p.waiter?.reject(err as Error)
        if (this.durability === 'off') console.error(`[emulator] journal write failed: ${(err as Error).message}`)
      }
    }
  }

  /** After a failed write, cuts the journal back to its last whole line so later lines stay readable. */
  private async recover(err: Error): Promise<void> {
    try {
      await this.fh.truncate(this.size)
      this.failure = null
    } catch {
      this.failure = err
    }
  }
}
