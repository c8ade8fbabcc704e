import { createRequire } from 'node:module'

/**
 * The protobuf messages of `cloud.openapi.*` (docs/emulator.md): field numbers as in the generated
 * code inside wx-server-sdk 4.0.2. Only what the emulator reads or writes is declared; protobuf skips
 * the rest (`innerData`, `svrkitData`, …) when decoding.
 */
const SCHEMA = {
  nested: {
    KeyValuePair: {
      fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 }, contenttype: { type: 'string', id: 3 }, filename: { type: 'string', id: 4 } },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } },
    },
    CommOpenApiResp: {
      fields: { respData: { type: 'bytes', id: 1 }, contentType: { type: 'string', id: 2 }, errorCode: { type: 'int32', id: 3 }, httpCode: { type: 'uint32', id: 4 } },
    },
  },
}

/** The slice of protobufjs's reflection API used here. */
interface MessageType {
  decode(bytes: Uint8Array): object
  toObject(message: object, options: { bytes: typeof Buffer; defaults: boolean }): Record<string, unknown>
  encode(value: Record<string, unknown>): { finish(): Uint8Array }
}
interface Protobuf {
  Root: { fromJSON(json: unknown): { lookupType(name: string): MessageType } }
}

// The codec the SDK itself encodes with: protobufjs resolved from wx-server-sdk's own folder.
const sdkRequire = createRequire(require.resolve('wx-server-sdk/package.json'))
const root = (sdkRequire('protobufjs') as Protobuf).Root.fromJSON(SCHEMA)
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

/** `CommApiData.apiType` of a plain `cloud.openapi.<ns>.<method>(…)` call. */
export const OPEN_API = 0

export interface OpenApiCall {
  apiType: number
  /** The call's arguments, keys in snake_case, each value the JSON text of the argument. */
  pairs: Map<string, string>
}

/** Decodes `requestData`; throws on bytes that are not a `CommApiData`. */
export function decodeCall(bytes: Uint8Array): OpenApiCall {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { bytes: Buffer, defaults: true })
  const data = (message.openapiData ?? { pairs: [] }) as { pairs: Array<{ key: string; value: Buffer }> }
  return { apiType: message.apiType as number, pairs: new Map(data.pairs.map((p) => [p.key, p.value.toString('utf8')])) }
}

/** WeChat's reply to a call that reached the API: its JSON body, as `CommOpenApiResp` bytes. */
export function encodeReply(body: unknown): Uint8Array {
  return CommOpenApiResp.encode({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json', httpCode: 200 }).finish()
}

/** A refusal before the API runs (no permission, unknown API): only the envelope's `errorCode`. */
export function encodeSystemError(errorCode: number): Uint8Array {
  return CommOpenApiResp.encode({ errorCode }).finish()
}
