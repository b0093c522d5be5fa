import type { StateDefinition, StepDefinition } from './workflowTypes.js';

/** The last step of every procedure: the case file's cover and index in the prescribed order. */
export const ARCHIVE_STEP: StepDefinition = {
  id: 'archive',
  label: '立卷归档',
  roles: ['officer', 'head'],
  from: ['closed'],
  to: 'archived',
  instruments: ['archiveCover', 'archiveIndex'],
  guards: [],
  help: '按规定顺序编制案卷封面和卷内目录',
};

export const ARCHIVED_STATE: StateDefinition = { id: 'archived', label: '已归档', terminal: true };
