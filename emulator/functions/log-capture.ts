import { AsyncLocalStorage } from 'node:async_hooks'
import { format } from 'node:util'
import type { Clock } from '../types'

/** One line a function wrote with `console.*`, as the CloudBase console's log panel lists it. */
export interface LogLine {
  /** ISO time (UTC). */
  at: string
  level: LogLevel
  text: string
}

const LEVELS = ['debug', 'info', 'log', 'warn', 'error'] as const
type LogLevel = (typeof LEVELS)[number]

/** SCF truncates a chatty invocation's log too; here it bounds the memory one invocation can take. */
const MAX_LINES = 1000
const MAX_LINE_CHARS = 8 * 1024

interface Sink {
  lines: LogLine[]
  now: Clock
}

// Kept on `process`, like the env overlay, so two copies of this module share one capture.
const slot = process as unknown as Record<symbol, AsyncLocalStorage<Sink> | undefined>
const als: AsyncLocalStorage<Sink> = (slot[Symbol.for('privacy-centre.emulator.log-capture')] ??= new AsyncLocalStorage<Sink>())
const INSTALLED = Symbol.for('privacy-centre.emulator.log-capture.installed')

/**
 * Wraps the `console` methods (once per process) so that, inside {@link captureLogs}, each line is
 * also kept for that invocation. Output still goes where it went, for every caller.
 */
export function installLogCapture(): void {
  const holder = process as unknown as Record<symbol, boolean>
  if (holder[INSTALLED]) return
  for (const level of LEVELS) {
    const write = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      const sink = als.getStore()
      if (sink && sink.lines.length < MAX_LINES) sink.lines.push({ at: new Date(sink.now()).toISOString(), level, text: format(...args).slice(0, MAX_LINE_CHARS) })
      write(...args)
    }
  }
  holder[INSTALLED] = true
}

/** Runs `fn` with `lines` collecting what it (and everything it awaits or schedules) writes to the console. */
export function captureLogs<T>(lines: LogLine[], now: Clock, fn: () => T): T {
  installLogCapture()
  return als.run({ lines, now }, fn)
}
