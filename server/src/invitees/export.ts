import {
  inviteeRoleOf,
  type InviteeRole,
  type Participant,
  type ParticipantStatus,
  type StateView,
} from '@roundtable/shared';
import type { DataTable } from '../exports/tables.js';
import { toCsv, toXlsx } from '../exports/toSheets.js';
import { isoAtVenue } from '../exports/venueTime.js';

/** How the list says where a person is: "arrived" for everyone in the room, by the desk, their phone or the code. */
const STATUS: Record<Exclude<ParticipantStatus, 'removed' | 'banned'>, string> = {
  invited: 'invited',
  active: 'arrived',
  pending: 'pending',
};

/** The role on the list, as the import reads it back: a head needs a delegation there, so one without is not. */
function roleOf(state: Pick<StateView, 'review'>, p: Participant): InviteeRole {
  const role = inviteeRoleOf(p, state.review.heads);
  return role === 'head' && p.delegationId === null ? 'participant' : role;
}

/** What the list is written from: the caller's own view, so the desk's file has no e-mail or note (view.ts). */
type ListedState = Pick<StateView, 'participants' | 'delegations' | 'timeZone' | 'review'>;

/**
 * The list of invitees as a table: the import's columns under English headers the preview reads back
 * (shared/src/invitees/columns.ts), then "status" and "arrived at", which it ignores. Everyone on the
 * roster, in its order; removed and banned people are not invited any more.
 */
export function inviteesTable(state: ListedState): DataTable {
  const delegation = new Map(state.delegations.map((d) => [d.id, d.name]));
  const listed = state.participants.flatMap((p) =>
    p.status === 'removed' || p.status === 'banned' ? [] : [{ p, status: STATUS[p.status] }],
  );
  return {
    name: 'invitees',
    columns: ['name', 'function', 'delegation', 'language', 'role', 'email', 'note', 'status', 'arrived at'],
    rows: listed.map(({ p, status }) => [
      p.name,
      p.function,
      p.delegationId === null ? '' : (delegation.get(p.delegationId) ?? ''),
      p.language,
      roleOf(state, p),
      p.email ?? '',
      p.note ?? '',
      status,
      p.arrivedAt === undefined ? '' : isoAtVenue(p.arrivedAt, state.timeZone),
    ]),
  };
}

/** The list of invitees as a file: CSV (UTF-8 with a byte order mark) or an XLSX workbook of one sheet. */
export async function writeInvitees(state: ListedState, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const table = inviteesTable(state);
  return format === 'csv' ? toCsv(table) : await toXlsx([table]);
}
