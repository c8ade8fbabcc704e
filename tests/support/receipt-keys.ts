import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The development receipt-signing key (config/dev-receipt-key.json), as a function's environment: every
 * emulator the tests start has it (tests/support/emulator.ts), as `npm start` does, so receipts and
 * anchors verify against the `dev-…` key of src/content/receipt-keys.json. Never used outside development.
 */
export const DEV_RECEIPT_ENV: { RECEIPT_SIGNING_KEY: string } = {
  RECEIPT_SIGNING_KEY: (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'config', 'dev-receipt-key.json'), 'utf8')) as { RECEIPT_SIGNING_KEY: string }).RECEIPT_SIGNING_KEY,
}
