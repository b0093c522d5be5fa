import { Grid } from 'antd';

/** True on phone-sized screens (below antd's md breakpoint, 768 px): tighter padding, smaller tables. */
export function useCompact(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
