export default definePageConfig({ navigationBarTitleText: '微网格', enableShareAppMessage: true })
