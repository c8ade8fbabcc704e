export default definePageConfig({ navigationBarTitleText: '商家认证' })
