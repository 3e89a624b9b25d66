// A fake Tauri backend for component tests: handlers by command name.
import { vi } from 'vitest'

export type Handler = (args: Record<string, unknown>) => unknown
export const handlers: Record<string, Handler> = {}
export const calls: Array<{ cmd: string; args: Record<string, unknown> }> = []

export const invokeMock = vi.fn(async (cmd: string, args?: Record<string, unknown>) => {
  calls.push({ cmd, args: args ?? {} })
  const h = handlers[cmd]
  if (!h) throw { code: 'not_found', message: `未模拟的命令 ${cmd}`, fields: [] }
  return h(args ?? {})
})

export function resetBackend() {
  for (const k of Object.keys(handlers)) delete handlers[k]
  calls.length = 0
  invokeMock.mockClear()
}
