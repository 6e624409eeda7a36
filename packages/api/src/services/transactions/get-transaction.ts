import type { TransactionDetail } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../../errors.ts';
import { transactionDetails } from './transaction-details.ts';

export async function getTransaction(
  db: Kysely<Database>,
  { user, id }: { user: { id: string }; id: string },
): Promise<TransactionDetail> {
  const [detail] = await transactionDetails(db, user.id, [id]);
  if (!detail) throw new DomainError('NOT_FOUND', 'Transaction not found');
  return detail;
}
