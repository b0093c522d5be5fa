import { ARCHIVE_STEP, ARCHIVED_STATE } from './commonSteps.js';
import type { WorkflowDefinition } from './workflowTypes.js';

/** 行政处罚简易程序（当场处罚）: 行政处罚法 第五十一条、第五十二条. */
export const penaltySummary: WorkflowDefinition = {
  id: 'penalty.summary',
  name: '行政处罚（简易程序）',
  basis: '《中华人民共和国行政处罚法》第五十一条至第五十三条',
  initial: 'onSite',
  states: [
    { id: 'onSite', label: '现场' },
    { id: 'decided', label: '已当场决定' },
    { id: 'executed', label: '执行完毕' },
    { id: 'closed', label: '已备案' },
    ARCHIVED_STATE,
  ],
  steps: [
    {
      id: 'decideOnSpot',
      label: '当场作出处罚决定',
      roles: ['officer'],
      from: ['onSite'],
      to: 'decided',
      instruments: ['summaryDecision'],
      guards: ['P-51', 'P-42', 'P-43', 'G-6', 'P-58'],
      opens: ['finePayment'],
      av: 'full',
      inputs: ['officers', 'facts', 'penalty'],
      help: '违法事实确凿、有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告的，可以当场作出（P-51）；决定书当场交付当事人',
    },
    {
      id: 'recordPayment',
      label: '登记履行',
      roles: ['officer'],
      from: ['decided'],
      to: 'executed',
      guards: ['P-72'],
      meets: ['finePayment'],
      inputs: ['payment'],
    },
    {
      id: 'reportFiling',
      label: '报所属机关备案',
      roles: ['officer'],
      from: ['executed'],
      to: 'closed',
      guards: ['P-52'],
      help: '执法人员当场作出的行政处罚决定，应当报所属行政机关备案（P-52）',
    },
    ARCHIVE_STEP,
  ],
};
