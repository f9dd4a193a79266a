/**
 * The same WXML and the same taps for WeChat's official component runtime (j-component, as
 * miniprogram-simulate runs it) and for the web preview: each handler logs its name, so the two
 * can be compared call by call. A child component (`x-btn`) catches the tap inside it and
 * re-emits `tap` with the case's options, as TDesign's button does.
 *
 * Not here: capture-bind / capture-catch. j-component (and so miniprogram-simulate) ignores
 * capture handlers, so it cannot be the reference for them; the app uses none.
 */
export interface EventCase {
  name: string;
  template: string;
  /** Options of the child's re-emitted tap (triggerEvent); absent = no child. */
  childEmits?: { bubbles?: boolean; composed?: boolean; capturePhase?: boolean };
  /** What WeChat calls, in order, where it is known for certain (else only the two must agree). */
  expected?: string[];
}

export const HANDLERS = ['outer', 'inner', 'capture', 'onBtn'];

export const CHILD_TEMPLATE = '<view class="target" catchtap="press">按钮</view>';

export const EVENT_CASES: EventCase[] = [
  {
    name: 'bind bubbles to the parent',
    template: '<view bindtap="outer"><view class="target" bindtap="inner">点这里</view></view>',
    expected: ['inner', 'outer'],
  },
  { name: 'catch stops it', template: '<view bindtap="outer"><view class="target" catchtap="inner">点这里</view></view>', expected: ['inner'] },
  {
    name: 'mut-bind: one mutated handler per tap',
    template: '<view mut-bind:tap="outer"><view class="target" mut-bind:tap="inner">点这里</view></view>',
    expected: ['inner'],
  },
  { name: 'a tap on words inside a handler’s view', template: '<view bindtap="outer"><text class="target">只是文字</text></view>', expected: ['outer'] },
  {
    name: 'a component re-emitting tap without bubbles: the wrapping view hears nothing (the dead-button bug)',
    template: '<view bindtap="outer"><x-btn bind:tap="onBtn" /></view>',
    childEmits: {},
    expected: ['onBtn'],
  },
  {
    name: 'a component re-emitting tap with bubbles and composed',
    template: '<view bindtap="outer"><x-btn bind:tap="onBtn" /></view>',
    childEmits: { bubbles: true, composed: true },
  },
  { name: 'a component re-emitting tap with bubbles only', template: '<view bindtap="outer"><x-btn bind:tap="onBtn" /></view>', childEmits: { bubbles: true } },
];
