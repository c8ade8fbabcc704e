import { AsyncLocalStorage } from 'node:async_hooks'
import { format } from 'node:util'

/** One line a function wrote with `console.*`, as the CloudBase console's log panel lists it. */
export interface LogLine {
  /** ISO time (UTC). */
  at: string
  level: LogLevel
  text: string
}

const LEVELS = ['debug', 'info', 'log', 'warn', 'error'] as const
export type LogLevel = (typeof LEVELS)[number]

/** Receives each line one invocation writes, formatted and truncated. */
export type LogSink = (level: LogLevel, text: string) => void

/** SCF truncates a chatty invocation's log too; here it bounds the memory one invocation can take. */
const MAX_LINES = 1000
const MAX_LINE_CHARS = 8 * 1024

// Kept on `process`, like the env overlay, so two copies of this module share one capture.
const slot = process as unknown as Record<symbol, AsyncLocalStorage<LogSink> | undefined>
const als: AsyncLocalStorage<LogSink> = (slot[Symbol.for('privacy-centre.emulator.log-capture')] ??= new AsyncLocalStorage<LogSink>())
const INSTALLED = Symbol.for('privacy-centre.emulator.log-capture.installed')

/**
 * Wraps the `console` methods (once per process or worker) so that, inside {@link captureLogs}, each
 * line also goes to that invocation's sink. Output still goes where it went, for every caller.
 */
export function installLogCapture(): void {
  const holder = process as unknown as Record<symbol, boolean>
  if (holder[INSTALLED]) return
  for (const level of LEVELS) {
    const write = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      als.getStore()?.(level, format(...args).slice(0, MAX_LINE_CHARS))
      write(...args)
    }
  }
  holder[INSTALLED] = true
}

/** Runs `fn` with `sink` receiving what it (and everything it awaits or schedules) writes to the console. */
export function captureLogs<T>(sink: LogSink, fn: () => T): T {
  installLogCapture()
  let lines = 0
  return als.run((level, text) => {
    if (lines++ < MAX_LINES) sink(level, text)
  }, fn)
}
