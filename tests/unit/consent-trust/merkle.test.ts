import { createHash } from 'node:crypto'
import { type AnchorLeaf, leafHash, merkleRoot } from '../../../src/domain/consent/merkle'

const h = (...parts: Array<Buffer | Uint8Array>) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest()
const hex64 = (c: string) => c.repeat(64)
const leaf = (subject: string, seq = 1, hash = hex64('a')): AnchorLeaf => ({ subject: hex64(subject), seq, hash })

describe('merkleRoot (RFC 6962, SHA-256)', () => {
  it('hashes a leaf as SHA-256(0x00 ‖ canonical JSON), keys sorted', () => {
    const l = leaf('1', 3, hex64('b'))
    const json = `{"hash":"${l.hash}","seq":3,"subject":"${l.subject}"}`
    expect(Buffer.from(leafHash(l)).toString('hex')).toBe(h(Buffer.of(0), Buffer.from(json)).toString('hex'))
  })

  it('builds the tree RFC 6962 describes: empty, one leaf, and an unbalanced five split 4 + 1', () => {
    expect(merkleRoot([])).toBe(h().toString('hex'))
    const leaves = ['1', '2', '3', '4', '5'].map((s) => leaf(s))
    expect(merkleRoot(leaves.slice(0, 1))).toBe(Buffer.from(leafHash(leaves[0]!)).toString('hex'))
    const [a, b, c, d, e] = leaves.map((l) => Buffer.from(leafHash(l)))
    const node = (x: Buffer, y: Buffer) => h(Buffer.of(1), x, y)
    expect(merkleRoot(leaves)).toBe(node(node(node(a!, b!), node(c!, d!)), e!).toString('hex'))
    expect(merkleRoot(leaves.slice(0, 3))).toBe(node(node(a!, b!), c!).toString('hex'))
  })

  it('does not depend on the order the heads were read in', () => {
    const leaves = ['3', '1', 'f', '2', '9', '0', 'c'].map((s, i) => leaf(s, i + 1))
    expect(merkleRoot([...leaves].reverse())).toBe(merkleRoot(leaves))
  })

  it('changes when any field of any leaf changes, or a leaf is added or dropped', () => {
    const leaves = ['1', '2', '3', '4', '5', '6'].map((s) => leaf(s))
    const root = merkleRoot(leaves)
    const changed = (i: number, over: Partial<AnchorLeaf>) => merkleRoot(leaves.map((l, j) => (j === i ? { ...l, ...over } : l)))
    expect(changed(4, { seq: 2 })).not.toBe(root)
    expect(changed(0, { hash: hex64('b') })).not.toBe(root)
    expect(changed(5, { subject: hex64('7') })).not.toBe(root)
    expect(merkleRoot(leaves.slice(1))).not.toBe(root)
    expect(merkleRoot([...leaves, leaf('7')])).not.toBe(root)
  })
})
