export default definePageConfig({ navigationBarTitleText: '商家认证 · 单独同意' })
