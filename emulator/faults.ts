import { CloudError } from './errors'

export interface FaultPlan {
  /** Fail the nth matching database call from now on (1 = the next one). */
  nth: number
  /** CloudBase string code to answer with, e.g. `DATABASE_REQUEST_FAILED`. */
  code: string
  message?: string
  /** Only count calls of this action (e.g. `database.insertDocument`); all database calls when absent. */
  action?: string
}

/** Test-only fault injection: armed through `/_emulator/faults`, consulted before each database call. */
export class FaultInjector {
  private plans: Array<FaultPlan & { seen: number }> = []
  private latencyMs = 0

  arm(plan: FaultPlan): void {
    if (!Number.isInteger(plan.nth) || plan.nth < 1) throw new CloudError('INVALID_PARAM', 'nth must be a positive integer')
    if (typeof plan.code !== 'string' || plan.code === '') throw new CloudError('INVALID_PARAM', 'code is required')
    this.plans.push({ ...plan, seen: 0 })
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new CloudError('INVALID_PARAM', 'latencyMs must be >= 0')
    this.latencyMs = ms
  }

  clear(): void {
    this.plans = []
    this.latencyMs = 0
  }

  /** Delays and/or throws for this call according to the armed plans. */
  async before(action: string): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs))
    for (const plan of this.plans) {
      if (plan.action !== undefined && plan.action !== action) continue
      plan.seen += 1
      if (plan.seen === plan.nth) {
        this.plans = this.plans.filter((p) => p !== plan)
        throw new CloudError(plan.code, plan.message ?? `injected fault on ${action}`)
      }
    }
  }
}
