/**
 * Child process for the crash test: inside one transaction, changes an agency's address and
 * writes its ledger entry, then kills itself with SIGKILL before the commit.
 * Args: <pgliteDir or database URL> <agencyId>
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/db/connection.js';
import { agencies } from '../../src/db/schema.js';
import { appendEntry } from '../../src/modules/ledger/ledgerStore.js';

const [target, agencyId] = process.argv.slice(2);
const d = await openDatabase(target?.startsWith('postgres') ? { databaseUrl: target } : { pgliteDir: target });
await d.db.transaction(async (tx) => {
  await tx
    .update(agencies)
    .set({ address: '崩溃前写入的地址' })
    .where(eq(agencies.id, Number(agencyId)));
  await appendEntry(tx, {
    actor: { userId: null, name: '崩溃测试' },
    agencyId: Number(agencyId),
    subjectType: 'agency',
    subjectId: Number(agencyId),
    action: 'agency.update',
    payload: { changes: { address: { from: '', to: '崩溃前写入的地址' } } },
  });
  process.stdout.write('in-transaction\n');
  process.kill(process.pid, 'SIGKILL');
});
