import type { ThemeConfig } from 'antd';

/** A government-blue primary colour; everything else stays antd's default. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9c',
    borderRadius: 6,
  },
};

export const BRAND = {
  short: '三项',
  full: '行政执法三项制度管理平台',
};
