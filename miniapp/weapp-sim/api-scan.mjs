// Which wx.* APIs the built bundle calls. Taro reaches WeChat through `Taro.<api>` wrappers built from
// Object.keys(wx) at start, so the bundle rarely says `wx.getLocation`; it says `<obj>.getLocation(`.
// The names that can be WeChat APIs are the members of Taro's `TaroStatic` declarations
// (@tarojs/taro/types/api); every property call in the bundle with such a name is taken as a call.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listFiles } from './compile.mjs';

const require = createRequire(import.meta.url);

/** Taro's own helpers on TaroStatic that are not WeChat APIs (they never reach `wx`). */
const TARO_ONLY = new Set([
  'getCurrentInstance', 'getEnv', 'pxTransform', 'initPxTransform', 'getAppInfo', 'getRenderer', 'requirePlugin',
  'getTabBar', 'getCurrentPages', 'getApp', 'eventCenter', 'Events', 'interceptors', 'addInterceptor',
  'cleanInterceptors', 'initAppInfo', 'canIUseWebp', 'options', 'preload', 'Current', 'setIsUsingDiffAndroid',
  // values and namespaces, not calls: `Taro.env`, `Taro.router`, and `Taro.cloud` (Taro copies wx.cloud
  // at start; nothing here calls cloud functions)
  'env', 'router', 'cloud',
]);

let universe;
/** Every API name Taro declares on TaroStatic. */
export function taroApiNames() {
  if (universe) return universe;
  universe = new Set();
  const root = join(dirname(require.resolve('@tarojs/taro/package.json')), 'types/api');
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.d.ts')) {
        let inside = false;
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          if (/interface TaroStatic\b/.test(line)) inside = true;
          else if (inside && /^ {2}\}/.test(line)) inside = false;
          else if (inside) {
            const m = /^ {4}(\w+)(<[^>]*>)?\??\s*[(:]/.exec(line);
            // use* are Taro's React hooks
            if (m && !TARO_ONLY.has(m[1]) && !/^use[A-Z]/.test(m[1])) universe.add(m[1]);
          }
        }
      }
    }
  };
  walk(root);
  return universe;
}

/** The WeChat API names the JS of `dist` uses, sorted. */
export function apisCalledBy(dist) {
  const names = taroApiNames();
  const found = new Set();
  for (const file of listFiles(dist, '.js')) {
    const js = readFileSync(join(dist, file), 'utf8');
    // a call `x.name(`, an optional call (minified to `(e=x.name)||…e.call(`), or `x["name"]`; not `x.name=`
    for (const m of js.matchAll(/\.([A-Za-z_$][\w$]*)\b(?!\s*=[^=])|\[["']([A-Za-z_$][\w$]*)["']\]/g)) {
      const name = m[1] ?? m[2];
      if (names.has(name)) found.add(name);
    }
  }
  return [...found].sort();
}
