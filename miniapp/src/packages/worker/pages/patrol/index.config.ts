export default definePageConfig({ navigationBarTitleText: '巡查打卡', enablePullDownRefresh: true })
