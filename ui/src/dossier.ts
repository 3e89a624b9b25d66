// The performance file (履职档案): the small pure helpers its screens share.
import type { DossierProgress } from './bindings'

/** The progress bar's percentage: whole numbers, 0 before the count is known, 100 only when done. */
export function progressPercent(p: DossierProgress | null): number {
  if (!p || p.total <= 0) return 0
  if (p.done >= p.total) return 100
  return Math.min(99, Math.floor((p.done * 100) / p.total))
}
