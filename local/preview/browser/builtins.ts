/**
 * WeChat's built-in tags the preview draws itself — input and textarea, image, canvas, picker,
 * switch, radio, checkbox, their groups and label — with WeChat's events (change, input …) fired
 * on the exparser element, so they bubble (or not) as on a phone.
 */
import { showPicker } from './ui';
import { BUILTINS, host, jComponent, type PageInstance } from './components';
import { createCanvasImage, resolveFile } from './files';

export function registerBuiltins(): void {
  for (const name of BUILTINS) if (name !== 'button') jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>' });
  registerButton();

  const field = (multiline: boolean) => ({
    tagName: multiline ? 'wx-textarea' : 'wx-input',
    template: '<slot/>',
    properties: {
      value: { type: String, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      focus: { type: Boolean, value: false },
    },
    observers: {
      'value, placeholder, disabled, type, password, maxlength'(this: PageInstance) {
        const el = (this as unknown as { __field?: HTMLInputElement | HTMLTextAreaElement }).__field;
        if (!el) return;
        const d = this.data as { value: string; placeholder: string; disabled: boolean; type: string; password: boolean; maxlength: number };
        if (el.value !== String(d.value ?? '')) el.value = String(d.value ?? '');
        el.placeholder = d.placeholder;
        el.disabled = d.disabled;
        if (d.maxlength > 0) el.maxLength = d.maxlength;
        if (el instanceof HTMLInputElement) {
          el.type = d.password ? 'password' : 'text';
          el.inputMode = d.type === 'number' || d.type === 'idcard' ? 'numeric' : d.type === 'digit' ? 'decimal' : 'text';
        }
      },
    },
    lifetimes: {
      attached(this: PageInstance & { __field?: HTMLInputElement | HTMLTextAreaElement; triggerEvent(n: string, d: unknown): void }) {
        const root = host(this);
        if (!root || this.__field) return;
        const el = document.createElement(multiline ? 'textarea' : 'input');
        el.className = 'wx-field__el';
        root.appendChild(el);
        this.__field = el;
        const d = this.data as { value: string; placeholder: string; disabled: boolean; maxlength: number };
        el.value = String(d.value ?? '');
        el.placeholder = d.placeholder;
        el.disabled = d.disabled;
        if (d.maxlength > 0) el.maxLength = d.maxlength;
        el.addEventListener('input', () => {
          (this.data as { value: string }).value = el.value;
          this.triggerEvent('input', { value: el.value, cursor: el.selectionStart ?? el.value.length, keyCode: 0 });
        });
        el.addEventListener('focus', () => this.triggerEvent('focus', { value: el.value, height: 0 }));
        el.addEventListener('blur', () => this.triggerEvent('blur', { value: el.value, cursor: el.value.length }));
        el.addEventListener('keydown', (e: Event) => {
          if ((e as KeyboardEvent).key === 'Enter' && !multiline) this.triggerEvent('confirm', { value: el.value });
        });
      },
    },
  });
  jComponent.register({ id: 'input', ...field(false) });
  jComponent.register({ id: 'textarea', ...field(true) });

  registerChoiceBuiltins();
  registerPicker();

  jComponent.register({
    id: 'image',
    tagName: 'wx-image',
    template: '<slot/>',
    properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' } },
    observers: {
      'src, mode'(this: PageInstance) {
        const root = host(this);
        if (!root) return;
        const d = this.data as { src: string; mode: string };
        const size = d.mode === 'aspectFit' ? 'contain' : d.mode === 'aspectFill' ? 'cover' : d.mode === 'widthFix' ? 'cover' : '100% 100%';
        root.style.backgroundImage = d.src ? `url("${resolveFile(d.src)}")` : '';
        root.style.backgroundSize = size;
      },
    },
  });

  jComponent.register({
    id: 'canvas',
    tagName: 'wx-canvas',
    template: '<slot/>',
    properties: { type: { type: String, value: '' }, canvasId: { type: String, value: '' } },
    lifetimes: {
      attached(this: PageInstance) {
        const root = host(this);
        if (!root || root.querySelector('canvas')) return;
        const c = document.createElement('canvas');
        c.className = 'wx-canvas__el';
        // A 2d canvas node on the phone makes its own images (canvas.createImage()).
        Object.assign(c, { createImage: createCanvasImage });
        root.appendChild(c);
        const size = () => {
          const r = root.getBoundingClientRect();
          if (r.width && (c.width !== Math.round(r.width) || c.height !== Math.round(r.height))) {
            c.width = Math.round(r.width);
            c.height = Math.round(r.height);
          }
        };
        requestAnimationFrame(size);
      },
    },
  });
}

type Builtin = PageInstance & {
  triggerEvent(name: string, detail: unknown): void;
};

/** The exparser element behind a DOM node of the component tree (a component's `this` is its method caller, not the element). */
interface WxElement {
  addListener(name: string, fn: (e: unknown) => void, opts?: Record<string, unknown>): void;
  triggerEvent(name: string, detail: unknown, opts?: Record<string, unknown>): void;
}
function wxElementOf(dom: HTMLElement | null): WxElement | null {
  return (dom as { __wxElement?: WxElement } | null)?.__wxElement ?? null;
}

/** Listens to taps on a built-in's own element (where bind:tap on it would listen too). */
function onTapOf(self: Builtin, fn: (e: unknown) => void): void {
  wxElementOf(host(self))?.addListener('tap', fn);
}

/** A DOM node of a choice control, with what its group and labels need. */
type ControlDom = HTMLElement & { __mpTap?: () => void; __mpSet?: (checked: boolean) => void; __mpValue?: () => string; __mpChecked?: () => boolean };

/** A built-in's own event (change of a radio-group …), on its element: it does not bubble, as in WeChat. */
export function fireOn(dom: HTMLElement, name: string, detail: unknown): void {
  wxElementOf(dom)?.triggerEvent(name, detail, { bubbles: false, composed: false });
}

/**
 * button: its content as a slot, with what WeChat's button knows reflected on the element —
 * disabled (a tap then does nothing, as on a phone), loading, open-type, form-type — so the
 * share sheet and the tools that look for tappable things see them.
 */
function registerButton(): void {
  jComponent.register({
    id: 'button',
    tagName: 'wx-button',
    template: '<slot/>',
    properties: {
      disabled: { type: Boolean, value: false },
      loading: { type: Boolean, value: false },
      openType: { type: String, value: '' },
      formType: { type: String, value: '' },
    },
    observers: {
      'disabled, loading, openType, formType'(this: PageInstance) {
        const root = host(this);
        if (!root) return;
        const d = this.data as { disabled: boolean; loading: boolean; openType: string; formType: string };
        root.toggleAttribute('disabled', d.disabled);
        root.toggleAttribute('loading', d.loading);
        if (d.openType) root.setAttribute('open-type', d.openType);
        else root.removeAttribute('open-type');
        if (d.formType) root.setAttribute('form-type', d.formType);
      },
    },
  });
}

/** picker (selector, date, time): a tap opens WeChat's bottom sheet; 确定 fires `change` on the picker. */
function registerPicker(): void {
  jComponent.register({
    id: 'picker',
    tagName: 'wx-picker',
    template: '<slot/>',
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: Array, value: [] },
      value: { type: null, value: '' },
      disabled: { type: Boolean, value: false },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
    },
    lifetimes: {
      attached(this: Builtin) {
        onTapOf(this, () => {
          const d = this.data as { mode: string; range: unknown[]; value: unknown; disabled: boolean };
          if (d.disabled) return;
          const mode = d.mode === 'date' || d.mode === 'time' ? d.mode : 'selector';
          void showPicker(mode, (d.range ?? []).map(String), String(d.value ?? '')).then((value) => {
            const dom = host(this);
            if (value === null || !dom) return;
            fireOn(dom, 'change', { value });
          });
        });
      },
    },
  });
}

/** switch, radio, checkbox, their groups and label: drawn like WeChat's, toggled by taps. */
function registerChoiceBuiltins(): void {
  const control = (tag: 'switch' | 'radio' | 'checkbox') => ({
    tagName: `wx-${tag}`,
    template: '<slot/>',
    properties: {
      checked: { type: Boolean, value: false },
      value: { type: String, value: '' },
      color: { type: String, value: tag === 'switch' ? '#04BE02' : '#09BB07' },
      disabled: { type: Boolean, value: false },
      type: { type: String, value: 'switch' },
    },
    observers: {
      'checked, color, disabled'(this: Builtin) {
        const root = host(this) as ControlDom | null;
        if (!root) return;
        const d = this.data as { checked: boolean; color: string; disabled: boolean };
        root.classList.toggle('wx-choice--checked', d.checked);
        root.classList.toggle('wx-choice--disabled', d.disabled);
        root.style.setProperty('--wx-choice-color', d.color);
      },
    },
    lifetimes: {
      attached(this: Builtin) {
        const root = host(this) as ControlDom | null;
        if (!root || root.querySelector(':scope > .wx-choice__box')) return;
        const box = document.createElement('span');
        box.className = `wx-choice__box wx-${tag}__box`;
        if (tag === 'switch') box.appendChild(document.createElement('span')).className = 'wx-switch__dot';
        root.insertBefore(box, root.firstChild);
        root.classList.add('wx-choice');
        const d = this.data as { checked: boolean; value: string; color: string; disabled: boolean };
        root.classList.toggle('wx-choice--checked', d.checked);
        root.style.setProperty('--wx-choice-color', d.color);
        root.__mpValue = () => String((this.data as { value: string }).value);
        root.__mpChecked = () => Boolean((this.data as { checked: boolean }).checked);
        root.__mpSet = (checked) => this.setData({ checked });
        root.__mpTap = () => {
          if ((this.data as { disabled: boolean }).disabled) return;
          const checked = (this.data as { checked: boolean }).checked;
          if (tag === 'switch') {
            this.setData({ checked: !checked });
            this.triggerEvent('change', { value: !checked });
            return;
          }
          const group = root.closest(tag === 'radio' ? 'wx-radio-group' : 'wx-checkbox-group') as HTMLElement | null;
          if (tag === 'radio') {
            if (checked) return;
            if (group) group.querySelectorAll<ControlDom>('wx-radio').forEach((r) => r !== root && r.__mpSet?.(false));
            this.setData({ checked: true });
          } else this.setData({ checked: !checked });
          if (!group) return;
          const controls = Array.from(group.querySelectorAll<ControlDom>(`wx-${tag}`));
          const value = tag === 'radio' ? (root.__mpValue?.() ?? '') : controls.filter((c) => c.__mpChecked?.()).map((c) => c.__mpValue?.() ?? '');
          fireOn(group, 'change', { value });
        };
        onTapOf(this, () => root.__mpTap?.());
      },
    },
  });
  jComponent.register({ id: 'switch', ...control('switch') });
  jComponent.register({ id: 'radio', ...control('radio') });
  jComponent.register({ id: 'checkbox', ...control('checkbox') });
  jComponent.register({
    id: 'label',
    tagName: 'wx-label',
    template: '<slot/>',
    properties: { for: { type: String, value: '' } },
    lifetimes: {
      attached(this: Builtin) {
        const root = host(this);
        if (!root) return;
        onTapOf(this, (e: unknown) => {
          const target = (e as { target?: { $$?: unknown } }).target?.$$;
          const c = root.querySelector<ControlDom>('wx-radio, wx-checkbox, wx-switch');
          if (!c || (target instanceof Node && c.contains(target))) return;
          c.__mpTap?.();
        });
      },
    },
  });
}
