import { computed, ref, watch, type Ref } from 'vue'

/**
 * A list shown a page at a time in the window (the rows are all loaded): a district's year holds hundreds
 * of activities and proposals, and a table draws each row with its tags and controls, so drawing them
 * all makes the screen slow to appear. A reload (after an edit) keeps the page, within range; the screen
 * sets `page` to 1 when its filters change.
 */
export function usePaged<T>(rows: Ref<T[]>, size = 50) {
  const page = ref(1)
  const pageSize = ref(size)
  const paged = computed(() => rows.value.slice((page.value - 1) * pageSize.value, page.value * pageSize.value))
  watch(rows, (now) => {
    page.value = Math.min(page.value, Math.max(1, Math.ceil(now.length / pageSize.value)))
  })
  watch(pageSize, () => (page.value = 1))
  return { page, pageSize, paged }
}
