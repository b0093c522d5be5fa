import type { ActionKind, AnnualFigures, AnnualReportStatus, ReportUnit } from '@sanxiang/domain';

/** One report as /api/annual-reports answers it (statistics/annualReportService.ts reportView). */
export interface AnnualReportSummary {
  id: number;
  kind: 'agency' | 'region';
  agencyId: number;
  regionCode: string | null;
  subjectName: string;
  title: string;
  year: number;
  status: AnnualReportStatus;
  heldKinds: ActionKind[];
  figures: AnnualFigures;
  notes: string;
  dueOn: string;
  draftedOn: string;
  draftedByName: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  reviewedByName: string | null;
  reviewNote: string;
  publishedOn: string | null;
  late: boolean;
  publishedLate: boolean;
  version: number;
  mayPrepare: boolean;
  mayReview: boolean;
}

export interface ReportSectionView {
  key: string;
  title: string;
  kind: ActionKind | null;
  rows: { key: string; label: string; unit: ReportUnit; level: number; noSource: boolean }[];
}

export interface AnnualReportDetail extends AnnualReportSummary {
  sections: ReportSectionView[];
}
