// Implemented by network.weapp.ts and network.h5.ts.
export declare function onNetworkBack(cb: () => void): () => void
