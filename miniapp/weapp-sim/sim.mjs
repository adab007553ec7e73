// A simulated WeChat runtime for the built weapp package (dist/weapp), in a Node VM context.
//
// Logic layer: app.js, the webpack runtime/taro/vendors/common chunks and each page's JS run as
// WeChat runs them — CommonJS-style `require` inside the package, globals `wx`, `App`, `Page`,
// `Component`, `Behavior`, `getApp`, `getCurrentPages` — with the recording `wx` of wx.mjs.
// View layer: each page's data (kept by `setData`, which Taro calls with its path keys) is rendered
// by the page's render function from WeChat's own WXML compiler (wcc) into WeChat's virtual tree;
// tests read that tree by text and tap it, and a tap runs the `bindtap` handlers of the tapped
// node and its ancestors with the event WeChat would pass. What the tree cannot show (native
// components' pixels: map, camera, canvas; CSS layout) is not simulated — see docs/miniapp.md.
import vm from 'node:vm';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { compileWxml, listFiles, loadGwx } from './compile.mjs';
import { apisCalledBy } from './api-scan.mjs';
import { createWx, parseUrl } from './wx.mjs';

const compiled = new Map(); // dist → { gwx, app, apis }

/** wcc's render functions and app.json of a build, compiled once per process. */
function prepare(dist) {
  if (!compiled.has(dist)) {
    const { js } = compileWxml(dist);
    compiled.set(dist, { gwx: loadGwx(js), app: JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')), apis: apisCalledBy(dist), apiBase: builtApiBase(dist) });
  }
  return compiled.get(dist);
}

/** The API base compiled into the build (TARO_APP_API_BASE): the one absolute `…/api/v1` URL in its JS. */
function builtApiBase(dist) {
  const found = new Set();
  for (const f of listFiles(dist, '.js')) for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/"(https?:\/\/[^"\s]+\/api\/v1)"/g)) found.add(m[1]);
  if (found.size !== 1) throw new Error(`expected one API base URL in the build, found ${[...found].join(', ') || 'none'}`);
  return [...found][0];
}

/** One node of a rendered page: tag without `wx-`, attributes as wcc names them, children. */
class Node {
  constructor(tag, attr, parent) {
    this.tag = tag;
    this.attr = attr ?? {};
    this.children = [];
    this.parent = parent;
    this.value = undefined; // text nodes
  }
  get text() {
    if (this.tag === '#text') return this.value;
    return this.children.map((c) => c.text).join('');
  }
  *walk() {
    yield this;
    for (const c of this.children) yield* c.walk();
  }
  get classes() {
    return String(this.attr.class ?? '').split(/\s+/).filter(Boolean);
  }
  toString() {
    const lines = [];
    const show = (n, d) => {
      if (n.tag === '#text') {
        if (n.value.trim()) lines.push(`${'  '.repeat(d)}"${n.value}"`);
        return;
      }
      const cls = n.attr.class ? `.${n.classes.join('.')}` : '';
      const extra = ['openType', 'placeholder', 'value', 'src', 'disabled'].filter((k) => n.attr[k] !== undefined && n.attr[k] !== '' && n.attr[k] !== false).map((k) => ` ${k}=${JSON.stringify(n.attr[k])}`).join('');
      lines.push(`${'  '.repeat(d)}<${n.tag}${cls}${extra}>`);
      for (const c of n.children) show(c, d + 1);
    };
    show(this, 0);
    return lines.join('\n');
  }
}

const frame = () => new Promise((r) => setTimeout(r, 16));

/** Taro's and WeChat's setData path syntax: `root.cn.[0].cn[2].v` → ['root','cn',0,'cn',2,'v']. */
function pathKeys(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export class WeappSim {
  /**
   * @param {object} o
   * @param {string} o.dist the weapp build
   * @param {{apiBase: string, builtApiBase: string, wechatDevBase: string}} o.server where requests go
   * @param {object} [o.user] the phone's person and answers: openid, location, media (host paths
   *   chooseMedia hands out, in order), groups (shareTicket → opengid), subscribeAnswer, modalAnswer
   */
  constructor(o) {
    this.dist = o.dist;
    this.server = o.server;
    this.user = { online: true, media: [], groups: {}, location: null, ...o.user };
    this.calls = [];
    this.network = [];
    this.violations = [];
    /** wx calls that answered fail, with their errMsg */
    this.failed = [];
    this.errors = [];
    this.toasts = [];
    this.modals = [];
    this.subscribeAsked = [];
    this.privacyEvents = [];
    this.shares = [];
    this.privacyContractOpened = 0;
    this.pullDownStopped = 0;
    this.stack = [];
    this.tabPages = new Map();
    this.storage = new Map();
    this.tmpDir = mkdtempSync(join(tmpdir(), 'weigrid-sim-'));
    this.tapDepth = 0;
    const { gwx, app, apis, apiBase } = prepare(this.dist);
    this.server = { builtApiBase: apiBase, ...o.server };
    this.gwx = gwx;
    this.appJson = app;
    this.privacyCheck = app.__usePrivacyCheck__ === true;
    this.wxApisUsed = apis;
  }

  record(api, args) {
    const plain = {};
    for (const [k, v] of Object.entries(args ?? {})) if (typeof v !== 'function') plain[k] = v;
    this.calls.push({ api, args: plain, at: this.stack.at(-1)?.route ?? '(app)' });
  }

  /** Calls of one API, in order. */
  callsOf(api) {
    return this.calls.filter((c) => c.api === api);
  }

  tapActive() {
    return this.tapDepth > 0;
  }

  /**
   * Loads the package and launches it as WeChat would open it: `path` and `query` of the entry page,
   * `scene` (1001 a plain start, 1044 a group card with a shareTicket, 1047 a mini-program code).
   */
  async launch({ path, query = {}, scene = 1001, shareTicket } = {}) {
    // a cold start: the previous run's pages and JS are gone, the phone's storage stays
    for (const p of this.stack.splice(0).reverse()) p.lifecycle('onUnload');
    this.tabPages = new Map();
    const entry = path ?? this.appJson.pages[0];
    this.enterOptions = { path: entry, query, scene, ...(shareTicket ? { shareTicket } : {}), referrerInfo: {}, apiCategory: 'default' };
    this.control = createWx(this);
    const { wx } = this.control;
    const missing = this.wxApisUsed.filter((name) => typeof wx[name] !== 'function');
    if (missing.length) throw new Error(`the build calls wx APIs the simulator lacks: ${missing.join(', ')} (add them to weapp-sim/wx.mjs)`);
    this.wx = wx;
    this.context = vm.createContext(this.globals());
    this.ctxJSON = vm.runInContext('JSON', this.context);
    this.ctxPromise = vm.runInContext('Promise', this.context);
    this.ctxCopy = vm.runInContext(
      `(function copy(v, isBuf, mkBuf) {
        if (v === null || typeof v !== 'object') return v;
        if (isBuf(v)) return mkBuf(v);
        if (Array.isArray(v)) return v.map(function (x) { return copy(x, isBuf, mkBuf); });
        var o = {};
        Object.keys(v).forEach(function (k) { o[k] = copy(v[k], isBuf, mkBuf); });
        return o;
      })`,
      this.context,
    );
    this.ctxUint8 = vm.runInContext('Uint8Array', this.context);
    this.modules = new Map();
    this.pageConfigs = new Map();
    this.componentConfigs = new Map();
    this.requireFile('app.js', '');
    if (!this.app) throw new Error('app.js did not call App()');
    this.app.onLaunch?.call(this.app, this.toContext(this.enterOptions));
    this.app.onShow?.call(this.app, this.toContext(this.enterOptions));
    await this.open(entry, query, 'launch');
    return this.page;
  }

  globals() {
    const sim = this;
    const g = {
      console: {
        log: () => {},
        info: () => {},
        debug: () => {},
        warn: (...a) => sim.errors.push({ level: 'warn', message: a.map(String).join(' ') }),
        error: (...a) => sim.errors.push({ level: 'error', message: a.map((x) => (x instanceof Error || x?.stack ? x.stack : String(x))).join(' ') }),
      },
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      wx: this.wx,
      App(config) {
        sim.app = config;
      },
      Page(config) {
        if (!sim.loadingRoute) throw new Error('Page() called outside a page file');
        sim.pageConfigs.set(sim.loadingRoute, config);
      },
      Component(config) {
        sim.componentConfigs.set(sim.loadingRoute ?? sim.loadingFile, config);
      },
      Behavior(config) {
        return config;
      },
      getApp() {
        return sim.app;
      },
      getCurrentPages() {
        return sim.ctxArray(sim.stack.map((p) => p.inst));
      },
      requirePlugin() {
        throw new Error('plugins are not simulated');
      },
      __wxConfig: { envVersion: 'develop', platform: 'ios', pages: this.appJson.pages },
    };
    return g;
  }

  ctxArray(items) {
    const a = vm.runInContext('[]', this.context);
    for (const x of items) a.push(x);
    return a;
  }

  /** A copy of plain data made in the VM's realm (so `instanceof Object` and friends hold there). */
  toContext(value, keepFunctions = false) {
    if (value === null || typeof value !== 'object') return value;
    if (keepFunctions) {
      const o = vm.runInContext('({})', this.context);
      Object.assign(o, value);
      return o;
    }
    return this.ctxCopy(
      value,
      (v) => v instanceof ArrayBuffer,
      (v) => {
        const u = new this.ctxUint8(v.byteLength);
        u.set(new Uint8Array(v));
        return u.buffer;
      },
    );
  }

  toFn(fn) {
    return fn;
  }

  /** CommonJS `require` inside the package, as WeChat resolves it (relative to the calling file). */
  requireFile(path, from) {
    let file = posix.normalize(from ? posix.join(posix.dirname(from), path) : path);
    if (!file.endsWith('.js')) file += '.js';
    if (this.modules.has(file)) return this.modules.get(file).exports;
    const full = join(this.dist, file);
    if (!existsSync(full)) throw new Error(`require: ${file} is not in the package`);
    const module = { exports: {} };
    this.modules.set(file, module);
    const fn = vm.runInContext(`(function (require, module, exports) {${readFileSync(full, 'utf8')}\n})`, this.context, { filename: file });
    const prev = this.loadingFile;
    this.loadingFile = file;
    try {
      fn((p) => this.requireFile(p, file), module, module.exports);
    } finally {
      this.loadingFile = prev;
    }
    return module.exports;
  }

  get tabRoutes() {
    return (this.appJson.tabBar?.list ?? []).map((t) => t.pagePath);
  }

  allRoutes() {
    return [...this.appJson.pages, ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  }

  /** Creates a page instance (loading its JS once) and runs onLoad → onShow → onReady. */
  async createPage(route, query) {
    if (!this.allRoutes().includes(route)) throw new Error(`no page ${route} in app.json`);
    if (!this.pageConfigs.has(route)) {
      this.loadingRoute = route;
      try {
        this.requireFile(`${route}.js`, '');
      } finally {
        this.loadingRoute = undefined;
      }
      if (!this.pageConfigs.has(route)) throw new Error(`${route}.js did not call Page()`);
    }
    const config = this.pageConfigs.get(route);
    const inst = vm.runInContext('({})', this.context);
    for (const [k, v] of Object.entries(config)) if (k !== 'data') inst[k] = v;
    inst.data = this.ctxJSON.parse(JSON.stringify(config.data ?? {}));
    inst.route = route;
    inst.__route__ = route;
    inst.options = this.toContext(query);
    const page = new SimPage(this, route, query, inst);
    inst.setData = (data, cb) => page.setData(data, cb);
    inst.selectComponent = () => null;
    inst.getOpenerEventChannel = () => this.toContext({ emit() {}, on() {}, once() {}, off() {} }, true);
    return page;
  }

  async open(route, query, how) {
    const page = await this.createPage(route, query);
    this.stack.push(page);
    if (this.tabRoutes.includes(route)) this.tabPages.set(route, page);
    page.lifecycle('onLoad', this.toContext(query));
    page.lifecycle('onShow');
    await new Promise((r) => setTimeout(r, 0));
    page.lifecycle('onReady');
    this.record(`(open ${how})`, { route, query });
    return page;
  }

  /** wx.navigateTo / redirectTo / switchTab / navigateBack, with WeChat's rules. */
  async navigate(kind, arg) {
    const top = this.stack.at(-1);
    if (kind === 'navigateBack') {
      const delta = Math.max(1, Number(arg) || 1);
      if (this.stack.length <= 1) throw Object.assign(new Error('cannot navigate back at first page.'), { wxMessage: 'cannot navigate back at first page.' });
      for (let i = 0; i < delta && this.stack.length > 1; i++) this.stack.pop().lifecycle('onUnload');
      this.stack.at(-1).lifecycle('onShow');
      return {};
    }
    const { route, query } = parseUrl(String(arg), top?.route);
    const isTab = this.tabRoutes.includes(route);
    if (kind === 'switchTab') {
      if (!isTab) throw Object.assign(new Error('not a tabbar page'), { wxMessage: `can not switchTab to no-tabBar page ${route}` });
      for (const p of this.stack.splice(0).reverse()) {
        if (this.tabRoutes.includes(p.route)) p.lifecycle('onHide');
        else p.lifecycle('onUnload');
      }
      const kept = this.tabPages.get(route);
      if (kept) {
        this.stack.push(kept);
        kept.lifecycle('onShow');
      } else await this.open(route, {}, kind);
      return {};
    }
    if (isTab) throw Object.assign(new Error('tab page'), { wxMessage: `can not ${kind} a tabbar page` });
    if (kind === 'navigateTo') {
      if (this.stack.length >= 10) throw Object.assign(new Error('limit'), { wxMessage: 'webview count limit exceed' });
      top?.lifecycle('onHide');
    } else if (kind === 'redirectTo') {
      this.stack.pop()?.lifecycle('onUnload');
    }
    await this.open(route, query, kind);
    return {};
  }

  /** The page on top of the stack. */
  get page() {
    return this.stack.at(-1);
  }

  /** Polls `check` (every 20 ms, at most `timeout` ms) until it returns a truthy value. */
  async waitFor(check, what, timeout = 15000) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const v = await check();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) {
        const page = this.page;
        throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}\n--- ${page?.route} shows:\n${page ? page.tree().toString().slice(0, 4000) : '(no page)'}\n--- last calls: ${JSON.stringify(this.calls.slice(-8).map((c) => c.api))}\n--- failed wx calls: ${JSON.stringify(this.failed.slice(-5))}\n--- violations: ${this.violations.join('; ')}\n--- errors: ${this.errors.filter((e) => e.level === 'error').map((e) => e.message.slice(0, 300)).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Wait until the page on top is `route` (after a navigation the app started). */
  waitForPage(route, timeout) {
    return this.waitFor(() => this.page?.route === route && this.page, `page ${route} (on ${this.page?.route})`, timeout);
  }
}

/** A page instance in the stack with its rendered view. */
class SimPage {
  constructor(sim, route, query, inst) {
    this.sim = sim;
    this.route = route;
    this.query = query;
    this.inst = inst;
    this.render = sim.gwx(`${route}.wxml`);
    if (typeof this.render !== 'function') throw new Error(`wcc has no render function for ${route}.wxml`);
    this.setDataCalls = 0;
    this.cached = null;
  }

  lifecycle(name, ...args) {
    const fn = this.inst[name];
    if (typeof fn === 'function') return fn.apply(this.inst, args);
    return undefined;
  }

  setData(data, cb) {
    const size = JSON.stringify(data ?? {}).length;
    // WeChat refuses one setData above 256 KB
    if (size > 256 * 1024) this.sim.violations.push(`setData of ${size} bytes on ${this.route} (limit 256 KB)`);
    for (const [path, value] of Object.entries(data ?? {})) {
      const keys = pathKeys(path);
      let target = this.inst.data;
      for (let i = 0; i < keys.length - 1; i++) {
        const k = keys[i];
        if (target[k] === null || typeof target[k] !== 'object') target[k] = typeof keys[i + 1] === 'number' ? this.sim.ctxArray([]) : this.sim.toContext({});
        target = target[k];
      }
      // WeChat passes data to the view serialised: functions and undefined fields drop out
      target[keys.at(-1)] = value === undefined ? undefined : this.sim.ctxJSON.parse(JSON.stringify(value) ?? 'null');
    }
    this.setDataCalls++;
    this.cached = null;
    if (typeof cb === 'function') setTimeout(() => cb.call(this.inst), 0);
  }

  /** The page rendered by wcc's function from the current data. */
  tree() {
    if (this.cached) return this.cached;
    // wcc's runtime tests `o.constructor === Object` when it hands data to WXS, so the data goes to it
    // as a copy made in its own realm (the view layer receives a serialised copy in WeChat too)
    const raw = this.render(JSON.parse(JSON.stringify(this.inst.data)), {}, {});
    const root = new Node('page', {}, null);
    this.convert(raw.children ?? [], root);
    this.cached = root;
    return root;
  }

  convert(children, parent) {
    for (const c of children) {
      if (c === undefined || c === null) continue;
      if (typeof c !== 'object') {
        const t = new Node('#text', {}, parent);
        t.value = String(c);
        parent.children.push(t);
      } else if (c.tag === 'virtual') {
        this.convert(c.children ?? [], parent);
      } else if (c.tag === 'wx-comp') {
        // Taro's recursive `comp` component (tree deeper than the base template's 15 levels)
        const sub = this.sim.gwx('comp.wxml')({ i: c.attr.i, l: c.attr.l }, {}, {});
        const n = new Node('comp', {}, parent);
        parent.children.push(n);
        this.convert(sub.children ?? [], n);
      } else {
        const n = new Node(String(c.tag).replace(/^wx-/, ''), c.attr, parent);
        parent.children.push(n);
        this.convert(c.children ?? [], n);
      }
    }
  }

  /** All the text on the page. */
  text() {
    return this.tree().text;
  }

  /**
   * The nodes whose text equals `text` (or matches it, for a RegExp), deepest first: a node is
   * left out when one of its children matches too.
   */
  findAll(text, { tag, cls } = {}) {
    const match = (n) => (text instanceof RegExp ? text.test(n.text) : n.text.trim() === text);
    const out = [];
    for (const n of this.tree().walk()) {
      if (n.tag === '#text' || !match(n)) continue;
      if (tag && n.tag !== tag) continue;
      if (cls && !n.classes.includes(cls)) continue;
      if (!tag && !cls && n.children.some((c) => c.tag !== '#text' && match(c))) continue;
      out.push(n);
    }
    return out;
  }

  find(text, opts) {
    const all = this.findAll(text, opts);
    if (!all.length) throw new Error(`no element with text ${text} on ${this.route}`);
    return all[0];
  }

  has(text, opts) {
    return this.findAll(text, opts).length > 0;
  }

  byClass(cls) {
    return [...this.tree().walk()].filter((n) => n.classes.includes(cls));
  }

  /** Inputs and textareas, found by their placeholder. */
  field(placeholder) {
    const n = [...this.tree().walk()].find((x) => (x.tag === 'input' || x.tag === 'textarea') && (placeholder instanceof RegExp ? placeholder.test(String(x.attr.placeholder ?? '')) : x.attr.placeholder === placeholder));
    if (!n) throw new Error(`no input with placeholder ${placeholder} on ${this.route}`);
    return n;
  }

  event(type, node, detail = {}) {
    const dataset = {};
    for (const [k, v] of Object.entries(node.attr)) if (k.startsWith('data-')) dataset[k.slice(5).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
    const target = { id: node.attr.id ?? '', dataset, offsetLeft: 0, offsetTop: 0 };
    return { type, timeStamp: Date.now(), target, currentTarget: target, detail, touches: [], changedTouches: [], mark: {}, mut: false };
  }

  /** Runs the `bind<type>` / `catch<type>` handlers from `node` up, as WeChat bubbles an event. */
  dispatch(type, node, detail = {}, { bubbles = true } = {}) {
    const ev = this.event(type, node, detail);
    let handled = false;
    for (let n = node; n && n.tag !== 'page'; n = n.parent) {
      const bind = n.attr[`bind${type}`];
      const katch = n.attr[`catch${type}`];
      const name = bind ?? katch;
      if (name) {
        const fn = this.inst[name];
        if (typeof fn !== 'function') throw new Error(`${this.route}: handler ${name} for ${type} is not a page method`);
        const cur = { id: n.attr.id ?? '', dataset: this.event(type, n).target.dataset, offsetLeft: 0, offsetTop: 0 };
        fn.call(this.inst, this.sim.toContext({ ...ev, currentTarget: cur }));
        handled = true;
      }
      if (katch || !bubbles) break;
    }
    return handled;
  }

  /**
   * Taps a node (or the deepest node with this text). Runs bindtap from it upwards; a button's
   * open-type does what WeChat does for it (agreePrivacyAuthorization records the agreement and
   * fires `agreeprivacyauthorization`; share opens the share sheet through onShareAppMessage).
   * Resolves a frame (16 ms) later: a finger cannot tap twice within one render, so what the tap
   * changed is committed before the next one.
   */
  async tap(target, opts) {
    const node = typeof target === 'string' || target instanceof RegExp ? this.find(target, opts) : target;
    const button = (() => {
      for (let n = node; n && n.tag !== 'page'; n = n.parent) if (n.tag === 'button') return n;
      return null;
    })();
    if (button && (button.attr.disabled === true || button.attr.disabled === 'true')) throw new Error(`tapped a disabled button (${button.text.trim()}) on ${this.route}`);
    this.sim.tapDepth++;
    try {
      this.dispatch('tap', node, { x: 10, y: 10 });
      const openType = button?.attr.openType;
      if (openType === 'agreePrivacyAuthorization') {
        this.sim.control.agreeButtonTapped(button.attr.id);
        this.dispatch('agreeprivacyauthorization', button, {}, { bubbles: false });
      } else if (openType === 'share') {
        this.share('button');
      }
    } finally {
      setImmediate(() => this.sim.tapDepth--);
    }
    await frame();
  }

  /** Types into an input or textarea (found by placeholder) as a keyboard does: one input event. */
  async type(placeholder, value) {
    const node = typeof placeholder === 'object' && placeholder instanceof Node ? placeholder : this.field(placeholder);
    this.dispatch('input', node, { value, cursor: value.length, keyCode: 0 }, { bubbles: false });
    await frame();
  }

  /** The share card this page gives (onShareAppMessage), as WeChat asks for it from the menu. */
  share(from = 'menu') {
    const fn = this.inst.onShareAppMessage;
    if (typeof fn !== 'function') throw new Error(`${this.route} has no onShareAppMessage (not shareable)`);
    const card = JSON.parse(JSON.stringify(fn.call(this.inst, this.sim.toContext({ from })) ?? {}));
    this.sim.shares.push({ route: this.route, ...card });
    return card;
  }

  pullDownRefresh() {
    return this.lifecycle('onPullDownRefresh');
  }

  reachBottom() {
    return this.lifecycle('onReachBottom');
  }

  /** Waits until an element with this text shows (renders are asynchronous), then taps it. */
  async waitAndTap(text, opts) {
    await this.sim.waitFor(() => this.findAll(text, opts).length > 0, `${text} to tap on ${this.route}`);
    await this.tap(text, opts);
  }

  waitForText(text, timeout) {
    return this.sim.waitFor(() => this.route === this.sim.page?.route && this.has(text), `text ${text} on ${this.route}`, timeout);
  }
}
