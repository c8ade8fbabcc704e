import { ed25519 } from '@noble/curves/ed25519'
import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { isDevelopmentKey, RECEIPT_KEYS } from '@/content/receipt-keys'
import type { AnchorCheck } from '@/domain/consent/consent-anchor'
import { checkReceipt, type Ed25519Verify, type SignatureCheck } from '@/domain/consent/receipt-signature'
import { type Lang, type LocalizedText, localize } from '@/domain/policy/localized'

/**
 * What a receipt's signature and the ledger's anchor say, in words. The Ed25519 check runs here, in the
 * app, against the public keys it ships: imported only by this sub-package, so the verifier stays out of
 * the main package.
 */
const verifyEd25519: Ed25519Verify = (signature, message, publicKey) => ed25519.verify(signature, message, publicKey)

const S: Record<SignatureCheck['status'], LocalizedText> = {
  valid: { 'zh-CN': '签名有效：本凭证由密钥 {kid} 签发，签发后未被改动。', en: 'Signature valid: issued under key {kid} and unchanged since.' },
  invalid: { 'zh-CN': '签名无效：凭证内容与签名不符。', en: 'Signature invalid: the receipt does not match its signature.' },
  'unknown-key': { 'zh-CN': '无法校验：签名密钥 {kid} 不在本应用公布的公钥中。', en: 'Cannot check: key {kid} is not among the public keys this app publishes.' },
  unsigned: { 'zh-CN': '本凭证没有签名。', en: 'This receipt is not signed.' },
}
const DEV_KEY: LocalizedText = { 'zh-CN': '（开发用密钥，仅供测试，不能证明任何事。）', en: ' (A development key: for testing only, it proves nothing.)' }
const KEEP: LocalizedText = {
  'zh-CN': '复制并保存完整凭证后，即使日后数据库被改动，你仍可用公布的公钥证明当时记录的内容。',
  en: 'Copy and keep the full receipt: even if the database is changed later, the published key proves what was recorded.',
}

const A: Record<AnchorCheck['status'], LocalizedText> = {
  match: { 'zh-CN': '与 {date} 公开的锚点一致：截至第 {n} 条的记录在那之后未被改动。', en: 'Matches the anchor published on {date}: records up to number {n} are unchanged since.' },
  'not-anchored-yet': { 'zh-CN': '你的记录尚未进入锚点（每天锚定一次），明天可再校验。', en: 'Your records are not anchored yet (anchors are written daily); check again tomorrow.' },
  none: { 'zh-CN': '尚未生成锚点。', en: 'No anchor has been written yet.' },
  mismatch: { 'zh-CN': '与 {date} 的锚点不符：第 {n} 条记录在锚定后被改动过。', en: 'Does not match the anchor of {date}: record {n} was changed after it was anchored.' },
}
const ANCHOR_BROKEN: LocalizedText = { 'zh-CN': '锚点本身未通过校验（签名或内容不符），无法用它证明记录。', en: 'The anchor itself failed its check (signature or content), so it proves nothing.' }

const fill = (text: string, values: Record<string, string | number | undefined>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

export function ReceiptSignature({ receipt, lang }: { receipt: unknown; lang: Lang }) {
  const check = useMemo(() => checkReceipt(receipt, RECEIPT_KEYS, verifyEd25519), [receipt])
  const kid = 'kid' in check ? check.kid : undefined
  return (
    <View className={check.status === 'valid' ? 'receipt__signature' : 'receipt__signature receipt__signature--bad'} id='receipt-signature' data-status={check.status}>
      {fill(localize(S[check.status], lang), { kid })}
      {check.status === 'valid' && kid && isDevelopmentKey(kid) ? localize(DEV_KEY, lang) : ''}
      {check.status === 'valid' && <View className='receipt__keep'>{localize(KEEP, lang)}</View>}
    </View>
  )
}

export function AnchorResult({ anchor, lang }: { anchor: AnchorCheck; lang: Lang }) {
  const seq = 'seq' in anchor ? anchor.seq : undefined
  const date = 'date' in anchor ? anchor.date : undefined
  const text = anchor.status === 'mismatch' && anchor.reason !== 'event' ? localize(ANCHOR_BROKEN, lang) : fill(localize(A[anchor.status], lang), { date, n: seq })
  return (
    <View className={anchor.status === 'mismatch' ? 'perm__verify perm__verify--bad' : 'perm__verify'} id='verify-anchor' data-status={anchor.status}>
      {text}
    </View>
  )
}
