// The recording `wx` of the simulator. Each API the weapp build uses (apisCalledBy lists them from the
// bundle; the simulator refuses to start when one is missing here) is implemented the way WeChat's
// documentation describes its success and failure shapes, and every call is recorded in
// `sim.calls` ({api, args, at}). Network APIs reach a real server; what only a phone has (camera
// roll, GPS, the user's answers to WeChat's own dialogs) comes from what the test set on `sim.user`.
import { randomBytes, webcrypto } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/** WeChat APIs that need the user's agreement to the privacy guide first (__usePrivacyCheck__). */
export const PRIVACY_APIS = new Set(['getLocation', 'chooseLocation', 'chooseMedia', 'chooseImage', 'startLocationUpdate', 'getClipboardData', 'setClipboardData', 'saveImageToPhotosAlbum', 'chooseAddress', 'getWeRunData']);

/** PNG/JPEG width and height from the file header (what getImageInfo and chooseMedia report). */
function imageSize(buf) {
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    for (let i = 2; i < buf.length - 9; ) {
      if (buf[i] !== 0xff) break;
      const marker = buf[i + 1];
      const len = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc3) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return { width: 0, height: 0 };
}

function parseQuery(q) {
  const out = {};
  for (const part of (q ?? '').split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = decodeURIComponent(i < 0 ? part : part.slice(0, i));
    out[k] = i < 0 ? '' : decodeURIComponent(part.slice(i + 1));
  }
  return out;
}

/** `/pages/x/index?a=1` → { route: 'pages/x/index', query: {a: '1'} } */
export function parseUrl(url, from) {
  const [path, q] = url.split('?');
  let route = path;
  if (!route.startsWith('/')) {
    const base = (from ?? '').split('/').slice(0, -1);
    for (const seg of route.split('/')) {
      if (seg === '..') base.pop();
      else if (seg !== '.') base.push(seg);
    }
    route = base.join('/');
  }
  return { route: route.replace(/^\//, ''), query: parseQuery(q) };
}

/**
 * Builds the `wx` object for `sim`. `sim` gives: record(api, args), toContext(value) (copies a value
 * into the VM's realm), user (the test's phone and person), server ({apiBase, builtApiBase,
 * wechatDevBase}), navigation (navigateTo… implemented by the page stack), tapActive(), fail(msg).
 */
export function createWx(sim) {
  // kept on the phone across launches (WeChat keeps storage per user and mini-program)
  const storage = sim.storage;
  const listeners = { network: new Set(), privacy: null, error: new Set(), unhandled: new Set(), pageNotFound: new Set() };
  const tmpFiles = new Map(); // wxfile://… → host path
  let tmpSeq = 0;
  const tmpPath = (hostPath) => {
    const p = `wxfile://tmp_${++tmpSeq}${extname(hostPath) || '.bin'}`;
    tmpFiles.set(p, hostPath);
    return p;
  };

  /** Runs an async API body and answers through success/fail/complete (and the returned promise). */
  function asyncApi(api, options, body) {
    const opts = options ?? {};
    sim.record(api, opts);
    // Without success/fail/complete, WeChat's async APIs return a Promise (base library ≥ 2.10.2);
    // Taro relies on that for the APIs it does not wrap itself.
    const promised = !opts.success && !opts.fail && !opts.complete;
    let settle;
    const promise = promised ? new sim.ctxPromise((resolve, reject) => (settle = { resolve, reject })) : undefined;
    const finish = (ok, res) => {
      if (!ok) sim.failed.push({ api, errMsg: res.errMsg });
      const out = sim.toContext(res);
      setTimeout(() => {
        if (promised) (ok ? settle.resolve : settle.reject)(out);
        else {
          if (ok) opts.success?.(out);
          else opts.fail?.(out);
          opts.complete?.(out);
        }
      }, 0);
    };
    Promise.resolve()
      .then(() => privacyGate(api))
      .then(() => body(opts))
      .then(
        (res) => finish(true, { errMsg: `${api}:ok`, ...res }),
        (e) => finish(false, { errMsg: `${api}:fail ${e?.wxMessage ?? e?.message ?? e}`, ...(e?.errno ? { errno: e.errno } : {}) }),
      );
    return promise;
  }
  const wxError = (message, errno) => Object.assign(new Error(message), { wxMessage: message, errno });

  // --- privacy (WeChat's __usePrivacyCheck__ behaviour) -------------------------------------------
  const privacy = { agreed: false, pending: [], agreeButtons: new Set() };
  /**
   * A privacy API before agreement: WeChat calls the page's onNeedPrivacyAuthorization listener and
   * holds the call until it resolves with `{event:'agree', buttonId}` naming an
   * agreePrivacyAuthorization button the user tapped; without a listener, or on disagree, the call
   * fails with errno 104. Either way the simulator records it, so a journey can assert that no
   * privacy API ran before the user agreed.
   */
  function privacyGate(api) {
    if (!PRIVACY_APIS.has(api) || privacy.agreed || !sim.privacyCheck) return undefined;
    sim.privacyEvents.push({ api, at: 'before-agreement' });
    if (!listeners.privacy) {
      sim.violations.push(`${api} called before the privacy agreement and no onNeedPrivacyAuthorization listener shows one`);
      return Promise.reject(wxError('privacy permission is not authorized', 104));
    }
    return new Promise((resolve, reject) => {
      const resolver = (answer) => {
        sim.record('(privacy resolve)', answer);
        if (answer?.event === 'agree') {
          if (!answer.buttonId || !privacy.agreeButtons.has(answer.buttonId)) {
            sim.violations.push(`privacy resolved as agreed with buttonId ${answer?.buttonId} that is not a tapped agreePrivacyAuthorization button`);
            reject(wxError('privacy agree buttonId invalid', 104));
            return;
          }
          privacy.agreed = true;
          resolve();
        } else reject(wxError('privacy permission is not authorized', 104));
      };
      listeners.privacy(sim.toFn(resolver), sim.toContext({ referrer: api }));
    });
  }

  const sys = {
    brand: 'devtools', model: 'weigrid-sim', pixelRatio: 2, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 724,
    statusBarHeight: 44, language: 'zh_CN', version: '8.0.50', system: 'iOS 17.0', platform: 'ios', SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 }, theme: 'light', fontSizeSetting: 16,
  };

  const api = (url) => {
    const { builtApiBase, apiBase } = sim.server;
    // The build has its API base compiled in; the simulator sends those requests to the server the
    // test started. Anything else is outside the mini-program's request domain list.
    if (url.startsWith(builtApiBase)) return apiBase + url.slice(builtApiBase.length);
    throw wxError(`url not in domain list: ${url}`);
  };
  const headersOf = (h) => Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k, String(v)]));
  const parseBody = (text, dataType) => {
    if (dataType === 'json' || dataType === undefined) {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    return text;
  };

  const wx = {
    // --- network ---
    request(options) {
      const controller = new AbortController();
      asyncApi('request', options, async (o) => {
        const method = (o.method ?? 'GET').toUpperCase();
        let url = api(o.url);
        const headers = { ...headersOf(o.header) };
        let body;
        if (method === 'GET' && o.data && typeof o.data === 'object') {
          const qs = new URLSearchParams(Object.entries(o.data).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
          if (qs) url += (url.includes('?') ? '&' : '?') + qs;
        } else if (o.data !== undefined && method !== 'GET') {
          const ct = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
          if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = ct;
          body = typeof o.data === 'string' ? o.data : ct.includes('json') ? JSON.stringify(o.data) : new URLSearchParams(o.data).toString();
        }
        const timer = setTimeout(() => controller.abort(), o.timeout ?? 60000);
        try {
          const r = await fetch(url, { method, headers, body, signal: controller.signal });
          const text = await r.text();
          sim.network.push({ method, url, status: r.status, body: body ?? null });
          return { statusCode: r.status, data: parseBody(text, o.dataType), header: Object.fromEntries(r.headers), cookies: [] };
        } catch (e) {
          throw wxError(controller.signal.aborted ? 'timeout' : `${e.message}`);
        } finally {
          clearTimeout(timer);
        }
      });
      return sim.toContext({ abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {} }, true);
    },
    uploadFile(options) {
      let progress = () => {};
      asyncApi('uploadFile', options, async (o) => {
        const host = tmpFiles.get(o.filePath);
        if (!host) throw wxError(`file not found: ${o.filePath}`);
        const form = new FormData();
        for (const [k, v] of Object.entries(o.formData ?? {})) form.append(k, String(v));
        const buf = readFileSync(host);
        const type = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' }[extname(host).toLowerCase()] ?? 'application/octet-stream';
        form.append(o.name, new Blob([buf], { type }), basename(o.filePath.replace('wxfile://', '')));
        const url = api(o.url);
        const r = await fetch(url, { method: 'POST', headers: headersOf(o.header), body: form });
        const text = await r.text();
        progress({ progress: 100, totalBytesSent: buf.length, totalBytesExpectedToSend: buf.length });
        sim.network.push({ method: 'POST', url, status: r.status, body: `(file ${basename(host)}, ${buf.length} B)` });
        return { statusCode: r.status, data: text };
      });
      return sim.toContext({ abort() {}, onProgressUpdate: (fn) => (progress = (p) => fn(sim.toContext(p))), offProgressUpdate() {} }, true);
    },
    downloadFile(options) {
      asyncApi('downloadFile', options, async (o) => {
        const r = await fetch(api(o.url), { headers: headersOf(o.header) });
        const buf = Buffer.from(await r.arrayBuffer());
        const host = join(sim.tmpDir, `download_${++tmpSeq}${extname(new URL(o.url).pathname) || '.bin'}`);
        writeFileSync(host, buf);
        return { statusCode: r.status, tempFilePath: tmpPath(host) };
      });
      return sim.toContext({ abort() {}, onProgressUpdate() {}, offProgressUpdate() {} }, true);
    },
    getNetworkType(o) {
      return asyncApi('getNetworkType', o, async () => ({ networkType: sim.user.online ? 'wifi' : 'none' }));
    },
    onNetworkStatusChange(fn) {
      sim.record('onNetworkStatusChange', {});
      listeners.network.add(fn);
    },
    offNetworkStatusChange(fn) {
      sim.record('offNetworkStatusChange', {});
      if (fn) listeners.network.delete(fn);
      else listeners.network.clear();
    },

    // --- login, open data ---
    login(o) {
      return asyncApi('login', o, async () => {
        if (!sim.user.openid) throw wxError('no WeChat user (set sim.user.openid)');
        return { code: `test:${sim.user.openid}` };
      });
    },
    getShareInfo(o) {
      return asyncApi('getShareInfo', o, async ({ shareTicket }) => {
        const opengid = sim.user.groups?.[shareTicket];
        if (!opengid) throw wxError('invalid shareTicket');
        const r = await fetch(`${sim.server.wechatDevBase}/__dev/share-info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: sim.user.openid, opengid }) });
        if (!r.ok) throw wxError(`share info: ${r.status} ${await r.text()}`);
        const { encryptedData, iv } = await r.json();
        return { encryptedData, iv, cloudID: undefined };
      });
    },
    requestSubscribeMessage(o) {
      const inTap = sim.tapActive();
      asyncApi('requestSubscribeMessage', o, async ({ tmplIds }) => {
        if (!inTap) {
          sim.violations.push('requestSubscribeMessage called outside a tap');
          throw wxError('can only be invoked by user TAP gesture.', 20004);
        }
        if (!Array.isArray(tmplIds) || tmplIds.length === 0 || tmplIds.length > 3) throw wxError('invalid tmplIds', 10001);
        sim.subscribeAsked.push([...tmplIds]);
        return Object.fromEntries(tmplIds.map((id) => [id, sim.user.subscribeAnswer ?? 'accept']));
      });
    },
    showShareMenu(o) {
      return asyncApi('showShareMenu', o, async (x) => {
        sim.shareMenu = { withShareTicket: !!x.withShareTicket };
        return {};
      });
    },

    // --- device, media, location ---
    chooseMedia(o) {
      return asyncApi('chooseMedia', o, async (x) => {
        const files = sim.user.media.splice(0, x.count ?? 9);
        if (!files.length) throw wxError('cancel');
        return {
          type: 'image',
          tempFiles: files.map((host) => {
            const buf = readFileSync(host);
            return { tempFilePath: tmpPath(host), size: buf.length, fileType: 'image', ...imageSize(buf) };
          }),
        };
      });
    },
    compressImage(o) {
      // The simulator does not re-encode: the picture goes on as it is (WeChat's quality setting is recorded).
      asyncApi('compressImage', o, async ({ src }) => {
        if (!tmpFiles.has(src)) throw wxError(`file not found: ${src}`);
        return { tempFilePath: src };
      });
    },
    previewImage(o) {
      return asyncApi('previewImage', o, async () => ({}));
    },
    openDocument(o) {
      return asyncApi('openDocument', o, async ({ filePath }) => {
        if (!tmpFiles.has(filePath)) throw wxError(`file not found: ${filePath}`);
        return {};
      });
    },
    getLocation(o) {
      return asyncApi('getLocation', o, async (x) => {
        if (sim.user.locationPermission === 'denied') throw wxError('auth deny');
        if (!sim.user.location) throw wxError('system permission denied');
        if (x.type !== 'gcj02') sim.violations.push(`getLocation without type gcj02 (${x.type ?? 'wgs84 by default'})`);
        return { latitude: sim.user.location.latitude, longitude: sim.user.location.longitude, accuracy: 15, speed: 0, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 15 };
      });
    },
    chooseLocation(o) {
      return asyncApi('chooseLocation', o, async () => {
        if (!sim.user.chosenLocation) throw wxError('cancel');
        return { name: '', address: '', ...sim.user.chosenLocation };
      });
    },
    setClipboardData(o) {
      // the admin invite page's copy button; the simulator keeps what was copied
      return asyncApi('setClipboardData', o, async (x) => {
        sim.clipboard = String(x.data ?? '');
        return {};
      });
    },
    openLocation(o) {
      // WeChat's own map page with the 导航 button: the simulator records where it was asked to go.
      return asyncApi('openLocation', o, async (x) => {
        if (typeof x.latitude !== 'number' || typeof x.longitude !== 'number') throw wxError('invalid latitude/longitude');
        return {};
      });
    },
    makePhoneCall(o) {
      // the home page's 拨打 (the grid worker) and the task page's 联系上报人: the simulator records the number
      return asyncApi('makePhoneCall', o, async (x) => {
        if (typeof x.phoneNumber !== 'string' || !x.phoneNumber) throw wxError('invalid phoneNumber');
        (sim.calls ??= []).push(x.phoneNumber);
        return {};
      });
    },
    openSetting(o) {
      return asyncApi('openSetting', o, async () => ({ authSetting: { 'scope.userLocation': sim.user.locationPermission !== 'denied' } }));
    },
    getRandomValues(o) {
      return asyncApi('getRandomValues', o, async ({ length }) => {
        const bytes = new Uint8Array(length);
        webcrypto.getRandomValues(bytes);
        return { randomValues: bytes.buffer };
      });
    },
    getSystemInfoSync() {
      sim.record('getSystemInfoSync', {});
      return sim.toContext(sys);
    },

    // --- storage (values kept as WeChat keeps them: serialised) ---
    getStorageSync(key) {
      sim.record('getStorageSync', { key });
      return storage.has(key) ? sim.toContext(JSON.parse(storage.get(key))) : '';
    },
    setStorageSync(key, value) {
      sim.record('setStorageSync', { key });
      storage.set(key, JSON.stringify(value === undefined ? null : value));
    },
    removeStorageSync(key) {
      sim.record('removeStorageSync', { key });
      storage.delete(key);
    },

    // --- launch and navigation ---
    getEnterOptionsSync() {
      sim.record('getEnterOptionsSync', {});
      return sim.toContext(sim.enterOptions);
    },
    navigateTo(o) {
      return asyncApi('navigateTo', o, async ({ url }) => sim.navigate('navigateTo', url));
    },
    redirectTo(o) {
      return asyncApi('redirectTo', o, async ({ url }) => sim.navigate('redirectTo', url));
    },
    switchTab(o) {
      return asyncApi('switchTab', o, async ({ url }) => sim.navigate('switchTab', url));
    },
    navigateBack(o) {
      return asyncApi('navigateBack', o, async ({ delta }) => sim.navigate('navigateBack', delta ?? 1));
    },

    // --- interface ---
    showToast(o) {
      return asyncApi('showToast', o, async ({ title }) => {
        sim.toasts.push(title);
        return {};
      });
    },
    showModal(o) {
      return asyncApi('showModal', o, async ({ title, content }) => {
        sim.modals.push({ title, content });
        const confirm = sim.user.modalAnswer !== 'cancel';
        return { confirm, cancel: !confirm };
      });
    },
    pageScrollTo(o) {
      return asyncApi('pageScrollTo', o, async () => ({}));
    },
    stopPullDownRefresh(o) {
      return asyncApi('stopPullDownRefresh', o, async () => {
        sim.pullDownStopped++;
        return {};
      });
    },
    nextTick(fn) {
      Promise.resolve().then(fn);
    },

    // --- privacy ---
    onNeedPrivacyAuthorization(fn) {
      sim.record('onNeedPrivacyAuthorization', {});
      listeners.privacy = fn;
    },
    openPrivacyContract(o) {
      return asyncApi('openPrivacyContract', o, async () => {
        sim.privacyContractOpened++;
        return {};
      });
    },

    // --- app events ---
    onError(fn) {
      listeners.error.add(fn);
    },
    onUnhandledRejection(fn) {
      listeners.unhandled.add(fn);
    },
    onPageNotFound(fn) {
      listeners.pageNotFound.add(fn);
    },
  };

  return {
    wx,
    /** The user taps a button with open-type="agreePrivacyAuthorization" (WeChat records the agreement). */
    agreeButtonTapped(id) {
      privacy.agreeButtons.add(id);
    },
    get privacyAgreed() {
      return privacy.agreed;
    },
    setOnline(online) {
      sim.user.online = online;
      for (const fn of listeners.network) fn(sim.toContext({ isConnected: online, networkType: online ? 'wifi' : 'none' }));
    },
    tmpFile: (p) => tmpFiles.get(p),
    storage,
    randomId: () => randomBytes(4).toString('hex'),
    statSync,
  };
}
