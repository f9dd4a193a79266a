import { MAIN_PACKAGE_BUDGET, measureMainPackage } from '../../scripts/size';

test('the main package (code, wxml, wxss, json, assets and the npm components it uses) stays under 500 KB', async () => {
  const report = await measureMainPackage();
  expect(report.groups.wxml).toBeGreaterThan(0);
  expect(report.groups.scripts).toBeGreaterThan(0);
  // subpackage pages are not counted
  expect(report.files.some((f) => f.file.startsWith('packageAdmin/') || f.file.startsWith('packageOrganizer/'))).toBe(false);
  expect(report.total).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
});
