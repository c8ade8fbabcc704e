import { addWorkingDays, chineseWorkdayCalendar } from '../../src/domain/calendar'

/**
 * Whether a request filed now can get a due date: the calendar covers 15 working days ahead. Past the
 * calendar's last year requests are refused with CALENDAR.YEAR_NOT_COVERED (held by tests/unit/calendar),
 * so suites that file requests skip rather than fail on a date they cannot control.
 */
export function calendarCoversNow(): boolean {
  try {
    addWorkingDays(chineseWorkdayCalendar(), new Date().toISOString(), 15)
    return true
  } catch {
    return false
  }
}
