import { trimIconWxss } from './miniprogram';

test('the icon stylesheet keeps only glyphs some source names', () => {
  const css =
    ".t-icon{font-family:t!important;}\n.t-icon-chevron-right:before{content:'\\E1D8';}\n.t-icon-chevron-right-double:before{content:'\\E1D9';}\n.t-icon-add:before{content:'\\E008';}\n";
  const { css: out, kept } = trimIconWxss(css, ['<t-cell arrow />', "const icon = 'chevron-right';", '<t-icon name="add" />']);
  expect(kept).toEqual(['chevron-right', 'add']);
  expect(out).toContain('.t-icon{font-family:t!important;}');
  expect(out).not.toContain('chevron-right-double');
});
