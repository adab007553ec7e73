import { configure } from '@testing-library/react'

// findBy*/waitFor give up after 1 s by default. A page here renders through Taro's Stencil
// components and several awaited requests; on a loaded 2-core CI box that took over a second
// (campaign.test.tsx failed at load ~11 and passed alone), so wait up to 5 s — a real regression
// still fails, just later.
configure({ asyncUtilTimeout: 5000 })
jest.setTimeout(30_000)
