import Taro from '@tarojs/taro'

/** weapp: the platform calls the function and attaches the user's identity itself. */
export function initTransport(): void {
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: false })
}

export async function invoke(name: string, data: Record<string, unknown>): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data })
  return res.result
}
