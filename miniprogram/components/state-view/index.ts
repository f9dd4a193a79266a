/**
 * Loading, empty and error states of a page or section, with a retry button; the content
 * (slot) shows once `state` is "ready". Emits `retry`.
 */
export type ViewState = 'loading' | 'empty' | 'error' | 'ready';

Component({
  options: { multipleSlots: true },
  properties: {
    state: { type: String, value: 'loading' },
    emptyText: { type: String, value: '这里还没有内容' },
    emptyHint: { type: String, value: '' },
    errorText: { type: String, value: '加载失败了' },
    /** A line under the error, e.g. what the resident can do; none by default. */
    errorHint: { type: String, value: '' },
    loadingText: { type: String, value: '正在加载…' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
