import type { LogLevel } from './log-capture'

/**
 * Messages between the runner (main thread) and an instance host (a worker thread holding function
 * instances, i.e. loaded modules). Plain data only: they cross threads by structured clone.
 */

/** Load `file` afresh as the instance of `name`, its top level run with `vars` as its env (a console-like call). */
export interface LoadSpec {
  name: string
  file: string
  vars: Record<string, string>
}

export type HostRequest =
  | { type: 'load'; load: LoadSpec }
  | {
      type: 'invoke'
      /** Tells the replies of concurrent invocations on one host apart. */
      id: number
      name: string
      /** How to load the function; sent the first time a host runs it. */
      load?: LoadSpec
      /** Run on a new instance (the module loaded afresh) even if a warm one is idle. */
      cold: boolean
      /** The event as JSON text. */
      event: string
      /** The invocation's own env variables (identity, token, SDK recipe). */
      vars: Record<string, string>
      timeoutMs: number
      /** SCF's context object minus `getRemainingTimeInMillis`, which the host adds. */
      context: Record<string, unknown>
      captureLogs: boolean
    }

export type HostReply =
  | { type: 'loaded'; error?: string }
  /** The module is loaded and `main` is about to be called: the timeout runs from here, as SCF's excludes the cold start. */
  | { type: 'started'; id: number }
  | { type: 'log'; id: number; level: LogLevel; text: string }
  /** `result` is the JSON text of what `main` returned; `error` why it failed. */
  | { type: 'done'; id: number; result?: string; error?: string }

/** What a thrown value says, for an error that crosses the thread boundary as text. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message
  if (typeof err === 'string') return err
  try {
    return JSON.stringify(err) ?? String(err)
  } catch {
    return String(err)
  }
}
