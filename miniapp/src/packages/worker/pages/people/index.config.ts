export default definePageConfig({ navigationBarTitleText: '户档查询' })
