import { randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CloudError } from '../errors'
import type { FunctionRunner } from '../functions/runner'
import type { Outbox } from './outbox'
import { checkSubscribeMessage } from './subscribe-message'
import { OPEN_API, decodeCall, encodeReply, encodeSystemError } from './wire'

/** WeChat's system errors for a call refused before the API runs (wx-server-sdk's ERR_CODE table). */
export const API_NOT_FOUND = -604100
export const NO_PERMISSION = -604101
export const ILLEGAL_SOURCE = -604104
export const SYSTEM_ARGS_ERROR = -601002
/** The subscribe template was not accepted by the user (or its one-time quota is spent). */
export const USER_REFUSED = 43101

const MAX_BODY = 10 * 1024 * 1024

export interface OpenApiOptions {
  runner: FunctionRunner
  outbox: Outbox
}

/**
 * `cloud.openapi.*` (云调用), i.e. `POST /admin` with `action=wx.openApi` as multipart/form-data whose
 * `requestData` is a protobuf `CommApiData`, answered with a protobuf `CommOpenApiResp` (docs/emulator.md).
 * Only a running function may call, only the APIs its config.json lists, and only `subscribeMessage.send`
 * is served: accepted messages go to the outbox instead of a phone.
 */
export class OpenApi {
  constructor(private readonly opts: OpenApiOptions) {}

  /** The SDK sends `wx.*` actions as multipart/form-data; every other action is JSON. */
  static accepts(req: IncomingMessage): boolean {
    return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let bytes: Uint8Array
    try {
      const form = parseMultipart(await readBody(req), boundaryOf(req.headers['content-type'] ?? ''))
      const text = (name: string) => form.get(name)?.toString('utf8') ?? ''
      if (text('action') !== 'wx.openApi') throw new CloudError('INVALID_ACTION', `unsupported action ${text('action')}`)
      const requestData = form.get('requestData')
      if (requestData === undefined) throw new CloudError('INVALID_PARAM', 'requestData is required')
      bytes = await this.call(text('apiName'), text('wxCloudApiToken'), requestData)
    } catch (err) {
      if (!(err instanceof CloudError)) throw err
      // JSON with exactly this content-type is what node-sdk parses as a TCB error for wx.* actions.
      const body = JSON.stringify({ code: err.code, message: err.message, requestId: randomUUID() })
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
      return void res.end(body)
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength })
    res.end(bytes)
  }

  private async call(apiName: string, token: string, requestData: Buffer): Promise<Uint8Array> {
    // The token is the calling invocation's WX_API_TOKEN: it names the function, whose config.json grants APIs.
    const caller = this.opts.runner.openApiCaller(token)
    if (!caller) return encodeSystemError(ILLEGAL_SOURCE)
    if (!caller.openapi.includes(apiName)) return encodeSystemError(NO_PERMISSION)
    if (apiName !== 'subscribeMessage.send') return encodeSystemError(API_NOT_FOUND)
    let call: ReturnType<typeof decodeCall>
    try {
      call = decodeCall(requestData)
    } catch {
      return encodeSystemError(SYSTEM_ARGS_ERROR)
    }
    if (call.apiType !== OPEN_API) return encodeSystemError(SYSTEM_ARGS_ERROR)
    const checked = checkSubscribeMessage(call.pairs)
    if (!checked.ok) return encodeReply({ errcode: checked.errcode, errmsg: withRid(checked.errmsg) })
    if (this.opts.outbox.refuses(checked.message.touser, checked.message.templateId)) return encodeReply({ errcode: USER_REFUSED, errmsg: withRid('user refuse to accept the msg') })
    await this.opts.outbox.add(checked.message)
    return encodeReply({ errcode: 0, errmsg: 'ok' })
  }
}

/** WeChat ends each error message with a request id for support tickets. */
function withRid(errmsg: string): string {
  const hex = randomBytes(12).toString('hex')
  return `${errmsg} rid: ${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16)}`
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new CloudError('INVALID_PARAM', 'request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function boundaryOf(contentType: string): string {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType)
  const value = boundary?.[1] ?? boundary?.[2]
  if (!value) throw new CloudError('INVALID_PARAM', 'multipart/form-data without a boundary')
  return value
}

/** The fields of a multipart/form-data body (RFC 7578) by name, as bytes: `requestData` is binary. */
export function parseMultipart(body: Buffer, boundary: string): Map<string, Buffer> {
  const malformed = () => new CloudError('INVALID_PARAM', 'malformed multipart/form-data body')
  const delimiter = Buffer.from(`--${boundary}`)
  const next = Buffer.from(`\r\n--${boundary}`)
  const fields = new Map<string, Buffer>()
  let at = body.indexOf(delimiter)
  if (at < 0) throw malformed()
  at += delimiter.length
  while (body.subarray(at, at + 2).toString('latin1') !== '--') {
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') throw malformed()
    const headersEnd = body.indexOf('\r\n\r\n', at + 2)
    const end = headersEnd < 0 ? -1 : body.indexOf(next, headersEnd + 4)
    if (end < 0) throw malformed()
    const name = /^content-disposition:[^\r\n]*;\s*name="([^"]*)"/im.exec(body.subarray(at + 2, headersEnd).toString('utf8'))?.[1]
    if (name === undefined) throw malformed()
    fields.set(name, body.subarray(headersEnd + 4, end))
    at = end + next.length
  }
  return fields
}
