/**
 * Ledger times are UTC instants; people read them as Beijing time whatever the browser's own time zone is
 * (a supervisor abroad, a server-side screenshot), so the zone is fixed rather than taken from the device.
 */
const FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-23 21:32:46" (Asia/Shanghai) for an ISO time; the input itself when it does not parse. */
export function shanghaiTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(FORMAT.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
