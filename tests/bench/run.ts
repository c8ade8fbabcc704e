import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BenchSection } from './types'

/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn (one at a time: the machine has 2 cores)
 * and writes the tables into docs/benchmarks.md between the generated-section markers.
 */
const DOC = path.resolve(__dirname, '..', '..', 'docs', 'benchmarks.md')
const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

function table(section: BenchSection): string {
  const cols = [...new Set(section.rows.flatMap((r) => Object.keys(r)))]
  const lines = [`### ${section.title}`, '', `| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`]
  for (const row of section.rows) lines.push(`| ${cols.map((c) => String(row[c] ?? '')).join(' | ')} |`)
  if (section.notes.length) lines.push('', ...section.notes.map((n) => `- ${n}`))
  return lines.join('\n')
}

async function main(only: string[]): Promise<void> {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort()
  const sections: string[] = []
  for (const file of files) {
    console.log(`running ${file}…`)
    const bench = (await import(path.join(__dirname, file))) as { default: () => Promise<BenchSection> }
    const section = await bench.default()
    const md = table(section)
    console.log(`${md}\n`)
    sections.push(md)
  }
  const header = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`
  const doc = readFileSync(DOC, 'utf8')
  const [before, rest] = doc.split(START)
  const after = rest?.split(END)[1]
  if (after === undefined) throw new Error(`docs/benchmarks.md lacks the ${START} … ${END} markers`)
  if (only.length === 0) writeFileSync(DOC, `${before}${START}\n${header}\n\n${sections.join('\n\n')}\n${END}${after}`)
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err.message)
    process.exit(1)
  },
)
