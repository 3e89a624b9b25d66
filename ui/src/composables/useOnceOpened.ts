import { ref, watch, type Ref } from 'vue'

/**
 * True from the first time `open()` is true, for good: a dialog whose code loads when it is first opened
 * (defineAsyncComponent) is mounted from then on, so that it keeps its closing animation and its state.
 * The screen that holds it starts without that code.
 */
export function useOnceOpened(open: () => unknown): Ref<boolean> {
  const opened = ref(Boolean(open()))
  if (!opened.value) {
    const stop = watch(open, (v) => {
      if (v) {
        opened.value = true
        stop()
      }
    })
  }
  return opened
}
