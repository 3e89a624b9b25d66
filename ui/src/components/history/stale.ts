// A save from a form loaded before someone else changed the record is refused by core (此记录已被修改,
// a conflict that says who and when): the form offers to reload the record.
import { ElMessageBox } from 'element-plus'
import { isAppError } from '../../api'

/** The first words core gives a stale save (db::STALE_PREFIX). */
export const STALE_PREFIX = '此记录已被修改'

export function isStale(e: unknown): boolean {
  return isAppError(e) && e.code === 'conflict' && e.message.startsWith(STALE_PREFIX)
}

/** Say who changed the record and offer to reload it (the user's edits are not saved). */
export async function offerReload(reload: () => unknown, message?: string) {
  try {
    await ElMessageBox.confirm(message ?? `${STALE_PREFIX}，请重新载入后再编辑。`, '此记录已被修改', {
      confirmButtonText: '重新载入',
      cancelButtonText: '取消',
      type: 'warning',
    })
    await reload()
  } catch {
    /* kept as it is */
  }
}
