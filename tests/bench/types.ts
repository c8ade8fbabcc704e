/** One table in docs/benchmarks.md: what a `*.bench.ts` default export resolves to. */
export interface BenchSection {
  title: string
  rows: Array<Record<string, string | number>>
  notes: string[]
}
