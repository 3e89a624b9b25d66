import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useAction } from '../composables/useAction'

const invalid = {
  code: 'invalid',
  message: '请检查标红的项目',
  fields: [
    { field: 'name', message: '请填写姓名' },
    { field: 'name', message: '姓名太长' },
    { field: 'mobile', message: '手机号应为 11 位' },
  ],
}
const conflict = { code: 'conflict', message: '该委员已在其他联络组', fields: [] }

const spy = (kind: 'success' | 'error') => vi.spyOn(ElMessage, kind).mockImplementation(() => ({ close() {} }))
let success: ReturnType<typeof spy>
let error: ReturnType<typeof spy>
beforeEach(() => {
  success = spy('success')
  error = spy('error')
})
afterEach(() => vi.restoreAllMocks())

/** The text of the one error toast shown. */
function errorToast(): string {
  expect(error).toHaveBeenCalledTimes(1)
  const arg = error.mock.calls[0][0] as string | { message: string }
  return typeof arg === 'string' ? arg : arg.message
}

describe('useAction', () => {
  it('is busy while the work runs, returns its result and says the success', async () => {
    const { busy, run } = useAction()
    let finish: (v: number) => void = () => {}
    const p = run(() => new Promise<number>((r) => (finish = r)), { success: (n) => `已邀请 ${n} 人` })
    expect(busy.value).toBe(true)
    finish(3)
    expect(await p).toBe(3)
    expect(busy.value).toBe(false)
    expect(success).toHaveBeenCalledWith('已邀请 3 人')
    expect(error).not.toHaveBeenCalled()
  })

  it('shows no success toast unless asked, or when the text is empty', async () => {
    const { run } = useAction()
    await run(async () => null)
    await run(async () => 0, { success: () => '' })
    expect(success).not.toHaveBeenCalled()
  })

  it('reports a failure with the error toast, returns undefined and is no longer busy', async () => {
    const { busy, run } = useAction()
    const failed = vi.fn()
    const r = await run(
      async () => {
        throw conflict
      },
      { success: '已保存', failed },
    )
    expect(r).toBeUndefined()
    expect(busy.value).toBe(false)
    expect(errorToast()).toBe('该委员已在其他联络组')
    expect(success).not.toHaveBeenCalled()
    expect(failed).toHaveBeenCalledWith(conflict)
  })

  it('says what went wrong for anything thrown, not only an AppError', async () => {
    const { run } = useAction()
    await run(async () => {
      throw new Error('disk full')
    })
    expect(errorToast()).toBe('操作失败：disk full')
  })

  it('puts field errors at the fields (the first per field) with no toast, and clears them on the next run', async () => {
    const errors = ref<Record<string, string>>({ old: '旧的错误' })
    const { run } = useAction({ errors })
    await run(async () => {
      throw invalid
    })
    expect(errors.value).toEqual({ name: '请填写姓名', mobile: '手机号应为 11 位' })
    expect(error).not.toHaveBeenCalled()
    let seen: Record<string, string> | null = null
    await run(async () => {
      seen = { ...errors.value }
    })
    expect(seen).toEqual({})
  })

  it('still toasts a failure that names no field when the errors go to the fields', async () => {
    const errors = ref<Record<string, string>>({})
    const { run } = useAction({ errors })
    await run(async () => {
      throw conflict
    })
    expect(errors.value).toEqual({})
    expect(errorToast()).toBe('该委员已在其他联络组')
  })

  it('toasts the fields’ messages joined, the error’s message, or a text of its own', async () => {
    const fail = async () => {
      throw invalid
    }
    await useAction({ fieldsToast: 'join' }).run(fail)
    expect(errorToast()).toBe('请填写姓名；手机号应为 11 位')
    error.mockClear()

    await useAction().run(fail)
    expect(errorToast()).toBe('请检查标红的项目')
    error.mockClear()

    const errors = ref<Record<string, string>>({})
    await useAction({ errors, fieldsToast: 'message' }).run(fail)
    expect(errors.value.name).toBe('请填写姓名')
    expect(errorToast()).toBe('请检查标红的项目')
    error.mockClear()

    await useAction({ errors, fieldsToast: (f) => `请按提示修改 ${Object.keys(f).length} 处` }).run(fail)
    expect(errorToast()).toBe('请按提示修改 2 处')
  })

  it('says a failure that names no field in the form instead of a toast', async () => {
    const errors = ref<Record<string, string>>({})
    const formError = ref('')
    const { run } = useAction({ errors, formError })
    await run(async () => {
      throw conflict
    })
    expect(formError.value).toBe('该委员已在其他联络组')
    expect(error).not.toHaveBeenCalled()
    await run(async () => {
      throw invalid
    })
    expect(formError.value).toBe('')
    expect(errors.value.mobile).toBe('手机号应为 11 位')
    expect(error).not.toHaveBeenCalled()
  })
})
