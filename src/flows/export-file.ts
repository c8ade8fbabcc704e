import Taro from '@tarojs/taro'

/**
 * Hands the user their export archive from its short-lived link. In WeChat the file goes to a chat
 * (for example 文件传输助手, to open on a PC); in the browser build it downloads.
 */
export async function deliverArchive(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
  if (statusCode !== 200) throw new Error(`download failed: ${statusCode}`)
  await Taro.shareFileMessage({ filePath: tempFilePath, fileName })
}
