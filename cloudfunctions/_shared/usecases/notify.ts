import { CANCELLATION_NOTICE_PAGE, type CancellationNotice, cancellationTemplateId, miniprogramState, noticeData } from '../../../src/domain/cancellation/notice'
import { sendSubscribeMessage, wxErrCode } from '../adapters/wx'

/** The owner of a request, and whether they accepted the subscribe message when they filed it. */
export interface NoticeRecipient {
  openid: string
  notify: boolean
}

/**
 * Tells the owner of cancellation `requestId` that it changed, if they accepted the message: one message,
 * to their own openid only, sent after the change is stored (at most once: a crash in between loses it
 * rather than repeating it). Never throws: the change stands whatever WeChat answers. Logs name the
 * request and WeChat's code, never the openid or the message.
 */
export async function notifyCancellation(to: NoticeRecipient, requestId: string, notice: CancellationNotice, at: Date): Promise<void> {
  if (!to.notify) return
  try {
    const outcome = await sendSubscribeMessage({
      touser: to.openid,
      templateId: cancellationTemplateId(process.env.CANCELLATION_TEMPLATE_ID),
      page: CANCELLATION_NOTICE_PAGE,
      data: noticeData(notice, at),
      miniprogramState: miniprogramState(process.env.SUBSCRIBE_MINIPROGRAM_STATE),
      lang: 'zh_CN',
    })
    // Each acceptance allows one message, so a later change may find none left: expected, not an error.
    if (outcome === 'refused') console.info(`[notify] request ${requestId}: no accepted subscription left for the ${notice.stage} message`)
  } catch (err) {
    console.warn(`[notify] request ${requestId}: the ${notice.stage} message was not sent (${wxErrCode(err) ?? (err instanceof Error ? err.message : 'unknown error')})`)
  }
}
