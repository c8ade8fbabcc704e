import { sha256 } from '@noble/hashes/sha256'
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils'
import { canonicalJson } from '../common/hashing'

/**
 * The Merkle tree hash of RFC 6962 §2.1 (Certificate Transparency), SHA-256: leaves are hashed with a
 * 0x00 prefix and inner nodes with 0x01, so a leaf can never pass for a node; an unbalanced tree splits
 * at the largest power of two below its size. Anyone can recompute a root from the published leaves.
 */

/** One chain head as anchored: the subject pseudonym, and the seq and hash of its last event. */
export interface AnchorLeaf {
  subject: string
  seq: number
  hash: string
}

const LEAF = Uint8Array.of(0)
const NODE = Uint8Array.of(1)

/** SHA-256(0x00 ‖ canonical JSON of the leaf). */
export function leafHash(leaf: AnchorLeaf): Uint8Array {
  return sha256(concatBytes(LEAF, utf8ToBytes(canonicalJson({ subject: leaf.subject, seq: leaf.seq, hash: leaf.hash }))))
}

/** Leaves in their one canonical order: by subject (one head per subject), then seq and hash. */
export function sortLeaves(leaves: readonly AnchorLeaf[]): AnchorLeaf[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return [...leaves].sort((a, b) => cmp(a.subject, b.subject) || a.seq - b.seq || cmp(a.hash, b.hash))
}

function treeHash(hashes: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from
  if (n === 1) return hashes[from]!
  let k = 1
  while (k * 2 < n) k *= 2
  return sha256(concatBytes(NODE, treeHash(hashes, from, from + k), treeHash(hashes, from + k, to)))
}

/** The root over `leaves` in canonical order (the input order does not matter), hex. Empty: SHA-256 of nothing. */
export function merkleRoot(leaves: readonly AnchorLeaf[]): string {
  if (leaves.length === 0) return bytesToHex(sha256(new Uint8Array(0)))
  return bytesToHex(treeHash(sortLeaves(leaves).map(leafHash), 0, leaves.length))
}
