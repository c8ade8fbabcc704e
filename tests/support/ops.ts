import { readFileSync } from 'node:fs'
import path from 'node:path'
import { chineseWorkdayCalendar } from '../../src/domain/calendar'
import { tokenHash } from '../../src/domain/ops/operators'
import { type RequestStatus, type RequestType, newRequest } from '../../src/domain/requests/rights-request'
import { ROOT } from './emulator'

/** Fictional operators for tests; their tokens exist only here. */
export const OPERATORS = {
  ops_alice: 'alice-test-token-0123456789abcdefghijklmnop',
  ops_bob: 'bob-test-token-0123456789abcdefghijklmnopqrs',
} as const

/** The `ops` function's environment for the emulator: the operators' token hashes, never the tokens. */
export const OPS_ENV = { OPS_OPERATORS: JSON.stringify(Object.fromEntries(Object.entries(OPERATORS).map(([name, token]) => [name, tokenHash(token)]))) }

export const operator = (name: keyof typeof OPERATORS = 'ops_alice') => ({ name, token: OPERATORS[name] })

/** The JSON events of the README's ops section: what staff paste into the console's test panel. */
export function readmeOpsEvents(): Array<Record<string, unknown>> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const section = readme.split('### Rights requests: the `ops` function')[1]?.split(/\n## /)[0]
  if (!section) throw new Error('README lacks the "Rights requests: the `ops` function" section')
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
}

const calendar = chineseWorkdayCalendar()

/**
 * A `rights_requests` row as the personal function stores it: filed at `filedAt` (in a year the calendar
 * covers, so its due date is real), owned by `openid`, sitting in `status`.
 */
export function requestRow(input: { id: string; openid: string; filedAt: Date; type?: RequestType; status?: RequestStatus; detail?: string }): Record<string, unknown> {
  const type = input.type ?? 'correction'
  const { id, ...request } = newRequest({ id: input.id, type, now: input.filedAt, calendar, ...(input.detail ? { detail: input.detail } : {}) })
  return { _id: id, openid: input.openid, ...request, status: input.status ?? 'submitted', ...(type === 'correction' ? { category: 'order-records' } : {}) }
}
