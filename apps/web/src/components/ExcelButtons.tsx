import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../api/client';
import type { ImportResult } from '../api/types';
import { ImportErrorsModal, type ImportFailure } from './ImportErrorsModal';

interface Props {
  /** '/api/agencies' or '/api/officers': the server offers export.xlsx, template.xlsx and import under it. */
  base: string;
  /** What the file holds, for file names and messages: 执法主体, 执法人员. */
  noun: string;
  canImport: boolean;
  onImported?: () => void;
}

function importSummary(r: ImportResult, noun: string): string {
  return `导入完成：新增${noun} ${r.created} 条，更新 ${r.updated} 条，无变化 ${r.unchanged} 条`;
}

/** 导入 / 导出 / 下载模板 for one register. */
export function ExcelButtons({ base, noun, canImport, onImported }: Props) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'import' | 'export' | 'template' | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const download = async (kind: 'export' | 'template') => {
    setBusy(kind);
    try {
      const file = kind === 'export' ? 'export.xlsx' : 'template.xlsx';
      await api.download(`${base}/${file}`, kind === 'export' ? `${noun}名录.xlsx` : `${noun}导入模板.xlsx`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setBusy('import');
    try {
      const result = await api.upload<ImportResult>(`${base}/import`, file);
      message.success(importSummary(result, noun));
      onImported?.();
    } catch (err) {
      if (err instanceof ApiError && err.errors?.length) setFailure({ message: err.message, errors: err.errors });
      else message.error(errorMessage(err));
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      {canImport && (
        <>
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            style={{ display: 'none' }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <Button icon={<UploadOutlined />} loading={busy === 'import'} onClick={() => input.current?.click()}>
            导入
          </Button>
          <Button icon={<FileExcelOutlined />} loading={busy === 'template'} onClick={() => void download('template')}>
            下载模板
          </Button>
        </>
      )}
      <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void download('export')}>
        导出
      </Button>
      <ImportErrorsModal failure={failure} onClose={() => setFailure(null)} />
    </>
  );
}
