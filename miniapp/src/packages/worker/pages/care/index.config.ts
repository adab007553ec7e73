export default definePageConfig({ navigationBarTitleText: '走访关怀', enablePullDownRefresh: true })
