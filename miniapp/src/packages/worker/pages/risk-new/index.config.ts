export default definePageConfig({ navigationBarTitleText: '登记风险隐患' })
