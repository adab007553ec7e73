import { useRouter } from '@tarojs/taro'

type Params = Partial<Record<string, string>>

/** The page's query parameters ({} when rendered outside a routed page, e.g. in tests). */
export function useParams(): Params {
  // (no `typeof useRouter` here: Taro's babel plugin rewrites the name to a member expression)
  const r: { params?: Params } | null = useRouter()
  return r?.params ?? {}
}
