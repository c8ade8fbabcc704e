import { announcementsRequest, announcementsResult, storesReplies, storesRequest } from '../../src/contracts/stores'
import { defineHandler } from '../_shared/handler'
import { currentAnnouncements } from '../_shared/usecases/announcements'
import { list, nearby } from '../_shared/usecases/stores'

export const main = defineHandler({
  request: storesRequest,
  replies: storesReplies,
  routes: { list, nearby },
  // Anyone may read the live announcements, before agreeing too: they hold no personal data.
  open: { request: announcementsRequest, reply: announcementsResult, run: currentAnnouncements },
})
