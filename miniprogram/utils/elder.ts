/**
 * 长辈模式: larger text and touch targets everywhere. The resident's own choice (stored) wins;
 * without one, a large system font size turns it on.
 */
import { STORAGE_KEYS } from '../config';

/** WeChat's font size setting (px) at or above which we start in 长辈模式. */
export const LARGE_SYSTEM_FONT = 20;

type Listener = (on: boolean) => void;

let current: boolean | null = null;
const listeners = new Set<Listener>();

function systemFontSize(): number {
  try {
    if (typeof wx.getAppBaseInfo === 'function') return wx.getAppBaseInfo().fontSizeSetting || 0;
    return wx.getSystemInfoSync().fontSizeSetting || 0;
  } catch {
    return 0;
  }
}

function storedChoice(): boolean | null {
  try {
    const v: unknown = wx.getStorageSync(STORAGE_KEYS.elderMode);
    return typeof v === 'boolean' ? v : null;
  } catch {
    return null;
  }
}

/** Reads the stored choice or the system font size; called at launch and on first use. */
export function initElderMode(): boolean {
  const stored = storedChoice();
  current = stored ?? systemFontSize() >= LARGE_SYSTEM_FONT;
  return current;
}

export function isElderMode(): boolean {
  return current ?? initElderMode();
}

/** True when the resident has chosen explicitly (not inherited from the system font size). */
export function hasElderChoice(): boolean {
  return storedChoice() !== null;
}

export function setElderMode(on: boolean): void {
  current = on;
  try {
    wx.setStorageSync(STORAGE_KEYS.elderMode, on);
  } catch {
    // Storage full or unavailable: the mode still applies to this session.
  }
  listeners.forEach((fn) => fn(on));
}

export function onElderModeChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
