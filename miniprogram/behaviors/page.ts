/**
 * Shared by every page: applies 长辈模式 to the page root. A page's root element is
 * `<view class="page {{elderClass}}">`; the theme (styles/theme.wxss) enlarges text and touch
 * targets under `.elder`. Pages already open follow a switch made elsewhere at once.
 */
import { isElderMode, onElderModeChange } from '../utils/elder';

const unsubscribers = new WeakMap<object, () => void>();

export const pageBehavior = Behavior({
  data: { elder: false, elderClass: '' },
  lifetimes: {
    attached() {
      const apply = (on: boolean) => this.setData({ elder: on, elderClass: on ? 'elder' : '' });
      apply(isElderMode());
      unsubscribers.set(this, onElderModeChange(apply));
    },
    detached() {
      unsubscribers.get(this)?.();
      unsubscribers.delete(this);
    },
  },
});

