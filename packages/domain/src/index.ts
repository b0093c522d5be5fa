export * from './calendarDate.js';
export * from './registry/credential.js';
export * from './registry/vocabulary.js';
export * from './validation/phone.js';
export * from './validation/region.js';
export * from './validation/residentId.js';
export * from './validation/uscc.js';
