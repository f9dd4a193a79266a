import { FUNCTION_BUNDLE_BUDGET, MAIN_PACKAGE_BUDGET, measureFunctionBundles, measureMainPackage } from '../../scripts/size';

test('the main package (code, wxml, wxss, json, assets and the npm components it uses) stays under 500 KB', async () => {
  const report = await measureMainPackage();
  expect(report.groups.wxml).toBeGreaterThan(0);
  expect(report.groups.scripts).toBeGreaterThan(0);
  // subpackage pages are not counted
  expect(report.files.some((f) => f.file.startsWith('packageAdmin/') || f.file.startsWith('packageOrganizer/'))).toBe(false);
  expect(report.total).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
});

test.each(measureFunctionBundles())('cloud function $name: its cold start loads a bundle within budget, and it installs what it loads on demand', (bundle) => {
  expect(bundle.bytes).toBeLessThanOrEqual(FUNCTION_BUNDLE_BUDGET);
  for (const lib of bundle.lazy) expect(bundle.dependencies).toContain(lib);
});
