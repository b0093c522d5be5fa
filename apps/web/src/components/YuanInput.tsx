import { InputNumber, type InputNumberProps } from 'antd';

/** Amounts are kept in 分 and typed in 元. */
export const toYuan = (fen: number) => fen / 100;
export const toFen = (yuan: number) => Math.round(yuan * 100);

/** An amount in 元 (two decimals, not negative), as a form field's input. */
export function YuanInput(props: InputNumberProps<number>) {
  return <InputNumber<number> min={0} precision={2} suffix="元" style={{ width: '100%' }} {...props} />;
}
