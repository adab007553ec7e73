import { useRouter } from '@tarojs/taro'

/** The page's query parameters ({} when rendered outside a routed page, e.g. in tests). */
export function useParams(): Partial<Record<string, string>> {
  const r = useRouter() as ReturnType<typeof useRouter> | null
  return (r?.params ?? {}) as Partial<Record<string, string>>
}
