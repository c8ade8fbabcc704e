import { layerViolations } from './layers'

/** `npm test`'s layer step: prints each broken rule and exits non-zero if there is one. */
const violations = layerViolations()
for (const v of violations) console.error(`✖ ${v.rule}: ${v.from} → ${v.to}`)
console.log(violations.length ? `${violations.length} layer violation(s); the rules are in docs/architecture.md` : '✔ layers: no violations')
process.exit(violations.length ? 1 : 0)
