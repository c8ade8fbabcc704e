import { calculateObjectSize } from 'bson'
import { CloudError } from '../errors'
import type { Doc } from './ejson'

/** MongoDB's largest document, 16 MiB of BSON; CloudBase stores its documents in MongoDB. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

/**
 * Refuses a document larger than MongoDB stores. The size is that of its BSON encoding (the bson
 * package's count), so the cap falls where it does in the cloud, not at some size of the JSON request.
 */
export function assertDocumentSize(doc: Doc, field: string): void {
  const bytes = calculateObjectSize(doc)
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new CloudError('DATABASE_REQUEST_FAILED', `${field}: the document is ${bytes} bytes of BSON, more than the ${MAX_DOCUMENT_BYTES}-byte limit of a document`)
  }
}
