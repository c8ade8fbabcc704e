export default definePageConfig({ navigationBarTitleText: '删除证明' })
