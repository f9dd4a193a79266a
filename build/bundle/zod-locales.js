// zod's locales as bundled into the cloud functions: only English, which zod configures by
// default (messages shown to residents are the functions' own zh-CN ones). Every other locale
// would add about 250 KB to each function's cold start.
module.exports = { en: require('zod/v4/locales/en.cjs').default };
