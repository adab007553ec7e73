// The simulator refuses a build that calls a wx API it does not implement (listed from the bundle),
// and the list it checks is the bundle's, not a fixed one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apisCalledBy } from '../api-scan.mjs';
import { phone, DIST } from './helpers.mjs';

test('the wx APIs the bundle uses are listed from it, including the ones Taro reaches through wrappers', () => {
  const apis = apisCalledBy(DIST);
  for (const name of ['login', 'request', 'uploadFile', 'chooseMedia', 'getLocation', 'requestSubscribeMessage', 'getShareInfo', 'showShareMenu', 'onNeedPrivacyAuthorization', 'openPrivacyContract', 'navigateTo']) {
    assert.ok(apis.includes(name), `${name} in ${apis.join(' ')}`);
  }
  assert.ok(!apis.includes('useDidShow') && !apis.includes('getCurrentInstance'), 'Taro-only helpers are not WeChat APIs');
});

test('a launch fails naming an API the bundle calls and the simulator lacks', async () => {
  const sim = phone('sim_missing_api');
  sim.wxApisUsed = [...sim.wxApisUsed, 'getWeRunData'];
  await assert.rejects(sim.launch(), /the build calls wx APIs the simulator lacks: getWeRunData/);
});
