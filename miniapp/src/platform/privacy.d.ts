// Implemented by privacy.weapp.ts and privacy.h5.ts; the build picks one (Taro multi-platform files).
export declare const PRIVACY_AGREE_BUTTON_ID: string
export declare function installPrivacyHandler(): void
export declare function ensurePrivacyAgreed(): Promise<boolean>
export declare function agreeButtonProps(onAgree: () => void): Record<string, unknown>
export declare function openPrivacyContract(): void
