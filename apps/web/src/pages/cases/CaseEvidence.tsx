import { useState } from 'react';
import type { NextStep } from '../../api/caseTypes';
import { CaseFileList } from '../../components/CaseFileList';
import { CaseFileUploader } from '../../components/CaseFileUploader';

/** 证据与音像: upload (officers and heads of the agency) and the case's files with their digests. */
export function CaseEvidence({
  caseId,
  steps,
  canUpload,
  onUploaded,
}: {
  caseId: number;
  steps: { value: string; label: string }[];
  canUpload: boolean;
  onUploaded(): void;
}) {
  // Remounts the list after an upload so it shows the new file.
  const [uploads, setUploads] = useState(0);
  return (
    <div>
      {canUpload && (
        <div style={{ marginBottom: 16 }}>
          <CaseFileUploader
            caseId={caseId}
            steps={steps}
            onUploaded={() => {
              setUploads((n) => n + 1);
              onUploaded();
            }}
          />
        </div>
      )}
      <CaseFileList key={uploads} caseId={caseId} steps={steps} />
    </div>
  );
}

/** Inside a step form that needs an AV record: upload it on the spot, tagged with the step. */
export function StepAvUploader({ caseId, step, onUploaded }: { caseId: number; step: NextStep; onUploaded(): void }) {
  return <CaseFileUploader caseId={caseId} steps={[{ value: step.id, label: step.label }]} onUploaded={onUploaded} />;
}
