export * from './errors.js';
export * from './grid-code.js';
export * from './geo.js';
export * from './roles.js';
export * from './dto/index.js';
export * from './workflow.js';
export * from './campaign.js';
