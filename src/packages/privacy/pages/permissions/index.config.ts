export default definePageConfig({ navigationBarTitleText: '权限与同意' })
