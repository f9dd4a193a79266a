/**
 * What WeChat draws over a page: toast, loading, modal, action sheet, the scan dialog. Drawn
 * inside the phone frame (#overlay), styled like WeChat's own.
 */

import { resolveFile } from './files';

function overlay(): HTMLElement {
  const el = document.getElementById('overlay');
  if (!el) throw new Error('preview: #overlay missing');
  return el;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

let toastEl: HTMLElement | null = null;
let toastTimer: number | undefined;

export interface ToastOptions {
  title: string;
  icon?: 'success' | 'error' | 'loading' | 'none';
  duration?: number;
  mask?: boolean;
}

export function hideToast(): void {
  if (toastTimer) window.clearTimeout(toastTimer);
  toastTimer = undefined;
  toastEl?.remove();
  toastEl = null;
}

export function showToast(opts: ToastOptions, sticky = false): void {
  hideToast();
  const icon = opts.icon ?? 'success';
  const box = h('div', `wx-toast ${icon === 'none' ? 'wx-toast--text' : ''} ${opts.mask ? 'wx-toast--mask' : ''}`);
  const inner = h('div', 'wx-toast__box');
  if (icon !== 'none') inner.appendChild(h('div', `wx-toast__icon wx-toast__icon--${icon}`, icon === 'success' ? '✓' : icon === 'error' ? '✕' : ''));
  inner.appendChild(h('div', 'wx-toast__title', opts.title));
  box.appendChild(inner);
  box.setAttribute('role', 'status');
  overlay().appendChild(box);
  toastEl = box;
  if (!sticky) toastTimer = window.setTimeout(hideToast, opts.duration ?? 1500);
}

export function isToastVisible(): boolean {
  return toastEl !== null;
}

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  confirmColor?: string;
  editable?: boolean;
  placeholderText?: string;
}

export function showModal(opts: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const mask = h('div', 'wx-mask');
    const dlg = h('div', 'wx-modal');
    if (opts.title) dlg.appendChild(h('div', 'wx-modal__title', opts.title));
    let input: HTMLTextAreaElement | null = null;
    if (opts.editable) {
      input = h('textarea', 'wx-modal__input');
      input.placeholder = opts.placeholderText ?? '';
      input.value = opts.content ?? '';
      dlg.appendChild(input);
    } else if (opts.content) dlg.appendChild(h('div', 'wx-modal__content', opts.content));
    const foot = h('div', 'wx-modal__foot');
    const close = (confirm: boolean) => {
      mask.remove();
      resolve({ confirm, cancel: !confirm, content: input?.value });
    };
    if (opts.showCancel !== false) {
      const cancel = h('button', 'wx-modal__btn wx-modal__btn--cancel', opts.cancelText ?? '取消');
      cancel.onclick = () => close(false);
      foot.appendChild(cancel);
    }
    const ok = h('button', 'wx-modal__btn wx-modal__btn--ok', opts.confirmText ?? '确定');
    ok.style.color = opts.confirmColor ?? '#576b95';
    ok.onclick = () => close(true);
    foot.appendChild(ok);
    dlg.appendChild(foot);
    mask.appendChild(dlg);
    overlay().appendChild(mask);
  });
}

export function showActionSheet(items: string[], alertText?: string): Promise<number | null> {
  return new Promise((resolve) => {
    const mask = h('div', 'wx-mask wx-mask--bottom');
    const sheet = h('div', 'wx-sheet');
    if (alertText) sheet.appendChild(h('div', 'wx-sheet__alert', alertText));
    items.forEach((text, i) => {
      const b = h('button', 'wx-sheet__item', text);
      b.onclick = () => {
        mask.remove();
        resolve(i);
      };
      sheet.appendChild(b);
    });
    const cancel = h('button', 'wx-sheet__item wx-sheet__cancel', '取消');
    cancel.onclick = () => {
      mask.remove();
      resolve(null);
    };
    sheet.appendChild(cancel);
    mask.appendChild(sheet);
    overlay().appendChild(mask);
  });
}

export type PickerMode = 'selector' | 'date' | 'time';

/**
 * WeChat's picker, drawn as its bottom sheet: a list to choose from (selector), or the date or
 * time wheel (here the browser's own date/time field). Resolves to the value WeChat's `change`
 * carries — the index for a selector, 'YYYY-MM-DD' or 'HH:mm' — or null when cancelled.
 */
export function showPicker(mode: PickerMode, range: string[], value: string): Promise<string | number | null> {
  return new Promise((resolve) => {
    const mask = h('div', 'wx-mask wx-mask--bottom');
    const sheet = h('div', 'wx-sheet wx-picker');
    const bar = h('div', 'wx-picker__bar');
    const cancel = h('button', 'wx-picker__cancel', '取消');
    const ok = h('button', 'wx-picker__ok', '确定');
    bar.append(cancel, ok);
    sheet.appendChild(bar);
    let read: () => string | number;
    if (mode === 'selector') {
      const list = h('div', 'wx-picker__list');
      let chosen = Math.max(0, Math.min(range.length - 1, Number(value) || 0));
      const items = range.map((text, i) => {
        const b = h('button', `wx-picker__item${i === chosen ? ' wx-picker__item--on' : ''}`, text);
        b.onclick = () => {
          items[chosen]?.classList.remove('wx-picker__item--on');
          chosen = i;
          b.classList.add('wx-picker__item--on');
        };
        list.appendChild(b);
        return b;
      });
      sheet.appendChild(list);
      read = () => chosen;
    } else {
      const input = h('input', 'wx-picker__field');
      input.type = mode;
      input.value = value;
      sheet.appendChild(input);
      read = () => input.value;
    }
    const close = (v: string | number | null) => {
      mask.remove();
      resolve(v);
    };
    cancel.onclick = () => close(null);
    ok.onclick = () => close(read());
    mask.appendChild(sheet);
    overlay().appendChild(mask);
  });
}

export interface RecentCode {
  text: string;
  label: string;
  at: number;
}

/** 扫一扫 without a camera: pick a recent code (e.g. an organizer's check-in QR) or paste one. */
export function showScanDialog(recent: RecentCode[]): Promise<string | null> {
  return new Promise((resolve) => {
    const mask = h('div', 'wx-mask wx-mask--scan');
    const dlg = h('div', 'wx-scan');
    dlg.appendChild(h('div', 'wx-scan__title', '扫一扫'));
    dlg.appendChild(h('div', 'wx-scan__frame'));
    dlg.appendChild(h('div', 'wx-scan__hint', '预览中没有摄像头：选一个最近出现的二维码，或粘贴二维码内容'));
    const done = (v: string | null) => {
      mask.remove();
      resolve(v);
    };
    if (recent.length) {
      const list = h('div', 'wx-scan__list');
      for (const r of recent) {
        const b = h('button', 'wx-scan__item');
        b.appendChild(h('span', 'wx-scan__label', r.label));
        b.appendChild(h('span', 'wx-scan__time', new Date(r.at).toLocaleTimeString('zh-CN', { hour12: false })));
        b.onclick = () => done(r.text);
        list.appendChild(b);
      }
      dlg.appendChild(list);
    }
    const input = h('textarea', 'wx-scan__input');
    input.placeholder = '粘贴二维码内容';
    dlg.appendChild(input);
    const foot = h('div', 'wx-modal__foot');
    const cancel = h('button', 'wx-modal__btn wx-modal__btn--cancel', '取消');
    cancel.onclick = () => done(null);
    const ok = h('button', 'wx-modal__btn wx-modal__btn--ok', '识别');
    ok.onclick = () => (input.value.trim() ? done(input.value.trim()) : input.focus());
    foot.append(cancel, ok);
    dlg.appendChild(foot);
    mask.appendChild(dlg);
    overlay().appendChild(mask);
  });
}

/** wx.previewImage: the pictures full screen, one at a time; tap the sides to turn, 关闭 to leave. */
export function showImages(urls: string[], current: string): void {
  let index = Math.max(0, urls.indexOf(current));
  const mask = h('div', 'wx-mask wx-viewer');
  const img = h('img', 'wx-viewer__img');
  const count = h('div', 'wx-viewer__count');
  const show = () => {
    img.src = resolveFile(urls[index]);
    count.textContent = urls.length > 1 ? `${index + 1} / ${urls.length}` : '';
  };
  const prev = h('button', 'wx-viewer__turn wx-viewer__turn--prev', '‹');
  const next = h('button', 'wx-viewer__turn wx-viewer__turn--next', '›');
  prev.setAttribute('aria-label', '上一张');
  next.setAttribute('aria-label', '下一张');
  prev.onclick = () => {
    index = (index + urls.length - 1) % urls.length;
    show();
  };
  next.onclick = () => {
    index = (index + 1) % urls.length;
    show();
  };
  const close = h('button', 'wx-viewer__close', '关闭');
  close.onclick = () => mask.remove();
  mask.append(img, count, close);
  if (urls.length > 1) mask.append(prev, next);
  show();
  overlay().appendChild(mask);
}
