// What every button that asks core for something does: a busy flag while it runs, the success toast,
// and on failure the field errors at their fields and the error toast (showError), or the message
// in the form. Written once here instead of a try/catch per handler.
import { ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { errorMessage, fieldErrors } from '../api'
import { showError } from '../store'

export interface ActionOptions {
  /** The field errors of a failure go here (field → message); cleared when the action starts. */
  errors?: Ref<Record<string, string>>
  /** A failure that names no field is said here instead of a toast; cleared when the action starts. */
  formError?: Ref<string>
  /**
   * The toast for a failure that names fields: 'none' (the messages sit at the fields; the default
   * when `errors` is given), 'message' (the error's own message, as showError; the default without
   * `errors`), 'join' (the fields' messages joined by '；') or a text made from the fields.
   */
  fieldsToast?: 'none' | 'message' | 'join' | ((fields: Record<string, string>) => string)
}

export interface RunOptions<T> {
  /** The toast after the work succeeded: a text, or one made from what it returned (empty: none). */
  success?: string | ((result: T) => string)
  /** Called after a failure was reported (e.g. to reload what the failed change left stale). */
  failed?: (e: unknown) => unknown
}

export interface Action {
  /** True while a run is under way: for :loading. */
  busy: Ref<boolean>
  /** Run `work`; its result, or undefined when it failed (the failure already reported). */
  run: <T>(work: () => Promise<T>, options?: RunOptions<T>) => Promise<T | undefined>
}

export function useAction(options: ActionOptions = {}): Action {
  const busy = ref(false)
  const { errors, formError } = options
  const fieldsToast = options.fieldsToast ?? (errors ? 'none' : 'message')

  function report(e: unknown) {
    const fields = fieldErrors(e)
    if (errors) errors.value = fields
    const named = Object.keys(fields).length > 0
    if (!named) {
      if (formError) formError.value = errorMessage(e)
      else showError(e)
    } else if (fieldsToast === 'message') {
      showError(e)
    } else if (fieldsToast !== 'none') {
      const message = fieldsToast === 'join' ? Object.values(fields).join('；') : fieldsToast(fields)
      ElMessage.error({ message, grouping: true })
    }
  }

  async function run<T>(work: () => Promise<T>, opts: RunOptions<T> = {}): Promise<T | undefined> {
    busy.value = true
    if (errors) errors.value = {}
    if (formError) formError.value = ''
    try {
      const result = await work()
      const { success } = opts
      const text = typeof success === 'function' ? success(result) : success
      if (text) ElMessage.success(text)
      return result
    } catch (e) {
      report(e)
      await opts.failed?.(e)
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
