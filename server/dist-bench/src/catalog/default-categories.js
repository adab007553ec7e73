/** The categories a new deployment starts with (common 12345 / 蓉e报 classes); admins edit them later. */
export const DEFAULT_CATEGORIES = [
    { code: 'sanitation', name: '环境卫生', icon: 'trash', sort: 10 },
    { code: 'road', name: '道路设施', icon: 'road', sort: 20 },
    { code: 'streetlight', name: '路灯照明', icon: 'bulb', sort: 30 },
    { code: 'greenery', name: '园林绿化', icon: 'tree', sort: 40 },
    { code: 'parking', name: '违规停车', icon: 'car', sort: 50 },
    { code: 'noise', name: '噪音扰民', icon: 'sound', sort: 60 },
    { code: 'fire_safety', name: '消防安全', icon: 'fire', sort: 70 },
    { code: 'ebike', name: '电动车违规充电', icon: 'bolt', sort: 80 },
    { code: 'water_gas', name: '水电气故障', icon: 'drop', sort: 90 },
    { code: 'dispute', name: '矛盾纠纷', icon: 'people', sort: 100 },
    { code: 'property', name: '物业管理', icon: 'home', sort: 110 },
    { code: 'other', name: '其他', icon: 'more', sort: 999 },
];
//# sourceMappingURL=default-categories.js.map