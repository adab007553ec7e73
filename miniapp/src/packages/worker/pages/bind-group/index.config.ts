export default definePageConfig({ navigationBarTitleText: '绑定微网格群', enableShareAppMessage: true })
