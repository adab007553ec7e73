/**
 * Vocabulary of the household register (一户一档): the six elements 人、地、物、事、组织、舆情 map to
 * people, places, risk items, events, organizations and campaign answers.
 */
export const PERSON_TAGS = ['独居老人', '空巢老人', '困境儿童', '留守儿童', '孕产妇', '残疾人', '低保', '特困', '退役军人', '重点关注'] as const;
export type PersonTag = (typeof PERSON_TAGS)[number];

export function isPersonTag(v: unknown): v is PersonTag {
  return typeof v === 'string' && (PERSON_TAGS as readonly string[]).includes(v);
}

export const RELATIONS = ['户主', '配偶', '子女', '父母', '祖父母', '孙子女', '兄弟姐妹', '租户', '其他'] as const;
export type Relation = (typeof RELATIONS)[number];

export const ORG_KINDS = ['shop', 'company', 'association', 'institution', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABEL: Record<OrgKind, string> = { shop: '商铺', company: '企业', association: '社会组织', institution: '机关事业单位', other: '其他' };

export const RISK_KINDS = ['gas', 'ebike_charging', 'vacant_building', 'fire_exit', 'electrical', 'structure', 'other'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];
export const RISK_KIND_LABEL: Record<RiskKind, string> = {
  gas: '燃气安全',
  ebike_charging: '电动车违规充电',
  vacant_building: '空置房屋',
  fire_exit: '消防通道',
  electrical: '用电安全',
  structure: '房屋结构',
  other: '其他',
};

export const RISK_STATES = ['open', 'rectifying', 'resolved'] as const;
export type RiskState = (typeof RISK_STATES)[number];

export const VOLUNTEER_KINDS = ['volunteer', 'party_member'] as const;
export type VolunteerKind = (typeof VOLUNTEER_KINDS)[number];

/** Birth years the register accepts: nobody alive was born before 1890, nobody after this year. */
export function isPlausibleBirthYear(y: unknown, today: Date = new Date()): boolean {
  return typeof y === 'number' && Number.isInteger(y) && y >= 1890 && y <= today.getUTCFullYear();
}
