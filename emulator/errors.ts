/**
 * An error the emulator answers with, as the cloud does: HTTP 200 and `{ code, message, requestId }`.
 * `code` is CloudBase's string code (wx-server-sdk maps it to a numeric errCode client-side).
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CloudError'
  }
}
