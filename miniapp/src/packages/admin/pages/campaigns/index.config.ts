export default definePageConfig({ navigationBarTitleText: '走访登记活动', enablePullDownRefresh: true })
