export default definePageConfig({ navigationBarTitleText: '登记组织/商户' })
