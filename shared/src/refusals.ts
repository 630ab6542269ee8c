import { z } from 'zod';
import { ErrorCode } from './errors.js';

/**
 * Every distinct refusal, once: its code (what kind of failure, for programs) and its English text
 * with `{param}` slots (for logs and API users). People read the catalogs' translation of the reason
 * (client/src/lib/i18n/*.refusals.ts), filled with the same params.
 */
const REFUSALS = {
  // The message itself
  invalid_command: ['invalid', 'The command is not valid: {details}.'],
  invalid_form: ['invalid', 'The form is not complete: {details}.'],
  invalid_roundtable: ['invalid', 'The roundtable is not valid: {details}.'],
  invalid_version: ['invalid', 'The version is not valid: {details}.'],
  invalid_sync: ['invalid', 'sync needs { since: version }.'],
  unknown_event: ['invalid', 'Unknown event {event}.'],
  wrong_arguments: ['invalid', '{event} takes {wanted} and an ack; it got {got}.'],
  too_deep: ['invalid', 'The message is nested more than {max} levels deep.'],
  binary_data: ['invalid', 'Binary data is not accepted in this message.'],
  not_plain_data: ['invalid', 'The message holds something that is not plain data.'],
  not_json: ['invalid', 'The request body is not valid JSON.'],
  malformed_update: ['invalid', 'A malformed message was refused ({details}); nothing was changed.'],
  too_large: ['too_large', 'The message is larger than the limit of {kib} KiB.'],
  body_too_large: ['too_large', 'The request body is too large.'],
  version_ahead: ['invalid', 'baseVersion {base} is ahead of the roundtable (version {version}).'],
  // Who is asking
  no_key: ['unauthenticated', 'Send a valid key as “Authorization: Bearer <secret>”.'],
  no_handshake: ['unauthenticated', 'A roundtable id and a key are needed to connect.'],
  unknown_key: ['unauthenticated', 'This link or device is not known here.'],
  key_in_url: ['unauthenticated', 'The key is not accepted in the URL; offer it as the subprotocol key.<secret>.'],
  link_revoked: ['unauthenticated', 'This link has been revoked by a moderator.'],
  not_in_roster: ['unauthenticated', 'You are not in this roundtable’s roster.'],
  removed: ['unauthenticated', 'A moderator has removed you from the roster; you can join again with the code.'],
  banned: ['banned', 'A moderator has removed you from this roundtable.'],
  token_is_link: ['conflict', 'This device token belongs to a link, not a participant.'],
  role_forbidden: ['forbidden', 'Your role ({role}) may not do this: {action}.'],
  event_log_forbidden: ['forbidden', 'Only moderators can read the event log.'],
  document_forbidden: ['forbidden', 'Your role may not do this with the outcome document.'],
  contacts_forbidden: ['forbidden', 'Only moderators can read the invitees’ e-mail addresses and the mail-merge file.'],
  invitations_forbidden: ['forbidden', 'Only moderators and the registration desk can see the personal invitations.'],
  minutes_forbidden: ['forbidden', 'Only moderators and rapporteurs can download the minutes and the statistics.'],
  read_only: ['forbidden', 'You can read this document; only moderators and rapporteurs edit it.'],
  read_only_change: ['forbidden', 'You can read this document; your changes are not saved.'],
  only_participants_ask: ['forbidden', 'Only people in the roster can ask for the floor.'],
  // Limits
  rate_limited_join: ['rate_limited', 'Too many join attempts from this network; wait a minute and try again.'],
  rate_limited_create: ['rate_limited', 'Too many roundtables created from this network; wait a minute.'],
  rate_limited_commands: [
    'rate_limited',
    'Too many commands from you (more than {max} in {window} s); wait {seconds} s and try again.',
  ],
  too_many_connections: ['rate_limited', '{max} connections are already open with this key; close one first.'],
  too_many_links: ['limit', 'A roundtable can have at most {max} links.'],
  too_many_delegations: ['limit', 'A roundtable can have at most {max} delegations.'],
  too_many_items: ['limit', 'An agenda can have at most {max} items.'],
  roundtable_full: ['limit', 'This roundtable is full ({max} participants).'],
  document_full: ['limit', 'The document has reached its size limit ({mb} MB); this change was not saved.'],
  // Things that are not (any more)
  no_endpoint: ['not_found', 'No such API endpoint.'],
  roundtable_not_found: ['not_found', 'This roundtable does not exist.'],
  wrong_join_code: ['not_found', 'No roundtable has the code “{code}”. Check the code and try again.'],
  document_version_not_found: ['not_found', 'No such version of the outcome document.'],
  link_not_found: ['not_found', 'That link does not exist.'],
  participant_not_found: ['not_found', 'That participant is not in the roster.'],
  delegation_not_found: ['not_found', 'That delegation no longer exists.'],
  item_not_found: ['not_found', 'That agenda item no longer exists.'],
  invited_not_in_roster: ['not_found', 'An invited speaker is not in the roster.'],
  request_not_found: ['not_found', 'That request is no longer in the queue (it may just have been given the floor).'],
  // Joining
  joining_locked: ['joining_locked', 'The moderator has closed joining for this roundtable.'],
  invitation_only: ['joining_locked', 'This roundtable is by invitation only. Please ask the registration desk.'],
  invitation_invalid: [
    'unauthenticated',
    'This invitation is not valid any more. Please ask the registration desk for a new one.',
  ],
  invitation_moved: ['unauthenticated', 'Your invitation was opened on another phone, so this one is signed out.'],
  invitation_locked: ['forbidden', 'This invitation is in use on another phone. Please ask the registration desk.'],
  invitees_changed: [
    'stale',
    'The roster changed since the preview ({expected} rows then, {rows} now). Check the new preview and import again.',
  ],
  desk_participants_only: [
    'forbidden',
    'The registration desk admits walk-ins as participants; other roles are given by a moderator.',
  ],
  invitation_reissued: [
    'unauthenticated',
    'A moderator issued a new invitation for you; this phone is signed out. Scan the new one.',
  ],
  document_erased: [
    'conflict',
    'This device’s copy of the document is from before personal data was erased; it was discarded. Reload the page.',
  ],
  too_many_remarks: ['limit', 'The interpreters already have the remarks of {max} speakers; withdraw some first.'],
  profile_just_moved: [
    'forbidden',
    'This profile came to this phone from another one a moment ago; it can be deleted in an hour, or by the registration desk.',
  ],
  invitee_duplicate: ['conflict', '{name} is on the list already, in the same delegation.'],
  arrival_by_phone: ['conflict', 'This person came in with their own phone or the join code; their arrival stays.'],
  // Links
  own_link: ['conflict', 'You cannot revoke the link you are using; use another moderator link.'],
  last_moderator_link: ['conflict', 'This is the last moderator link; mint another before revoking it.'],
  // Roster and delegations
  delegation_exists: ['conflict', 'A delegation named “{name}” already exists.'],
  delegation_has_members: ['conflict', '{count} participant(s) still belong to this delegation; move them first.'],
  not_to_yourself: ['conflict', 'You cannot do this to yourself; ask another moderator.'],
  role_needs_presence: ['conflict', 'Only a participant who is present can be given a role.'],
  // The queue
  item_not_started: ['conflict', 'No agenda item is open yet; wait for the moderator to start one.'],
  discussion_over: ['conflict', 'The discussion of this agenda item is over.'],
  list_closed: ['conflict', 'The list of speakers is closed; only a point of order is still possible.'],
  already_waiting: [
    'conflict',
    'You are already waiting with this kind of request; withdraw it first or wait for your turn.',
  ],
  nothing_to_reply_to: ['conflict', 'Nobody is speaking, so there is nothing to reply to.'],
  reply_to_self: ['conflict', 'You cannot reply to yourself.'],
  has_floor: ['conflict', 'You have the floor right now.'],
  order_fixed: ['conflict', 'Points of order always come first; they cannot be moved.'],
  order_cannot_yield: ['conflict', 'A point of order is heard at once; it cannot let others go first.'],
  nobody_behind: ['conflict', 'Nobody is waiting behind you, so there is nobody to let go first.'],
  yield_only_back: ['conflict', 'You can only let people behind you go first, never move ahead.'],
  nothing_to_undo: ['conflict', 'There is no queue action to undo.'],
  nobody_waiting: ['conflict', 'Nobody is waiting for the floor.'],
  anchor_gone: ['stale', 'The request you placed it before has left the queue in the meantime; nothing was moved.'],
  yield_target_gone: ['stale', 'The request you meant to let go first has left the queue; nothing was changed.'],
  request_gone: ['stale', 'That request is no longer in the queue.'],
  // The floor
  floor_passed: ['stale', 'The floor has already passed to {name}.'],
  speech_over: ['stale', 'That speech has already ended.'],
  // The agenda
  invited_twice: ['invalid', 'An invited speaker is listed twice.'],
  item_changed: ['stale', '“{title}” was changed by another moderator after you opened it; check it and save again.'],
  after_gone: ['stale', 'The item you wanted to place it after was removed in the meantime.'],
  moved_after_gone: ['stale', 'The item you moved it after was removed in the meantime; the agenda is unchanged.'],
  item_running: ['conflict', '“{title}” is running; finish it before deleting it.'],
  item_held: ['conflict', '“{title}” has taken place; its record stays on the agenda.'],
  agenda_started: ['conflict', 'The agenda has started; import adds items (append) instead of replacing it.'],
  other_item_running: ['conflict', '“{title}” is still running; finish it first.'],
  item_finished: ['conflict', '“{title}” has already finished; reopen it instead.'],
  item_skipped: ['conflict', '“{title}” has already been skipped; reopen it instead.'],
  item_not_begun: ['conflict', '“{title}” has not started, so it cannot finish.'],
  item_begun: ['conflict', '“{title}” has started; finish it instead of skipping.'],
  item_over: ['conflict', '“{title}” is over; reopen it to give it more time.'],
  item_not_held: ['conflict', '“{title}” has not taken place yet; start it instead.'],
  // The projector and the room's texts
  document_not_published: ['conflict', 'Publish the outcome document before showing it on the projector.'],
  break_needs_resume: ['invalid', 'The break slide needs the time the session resumes.'],
  projector_language: ['invalid', 'The projector can speak only the roundtable’s languages.'],
  title_needs_language: ['invalid', 'The title needs a text in one of the roundtable’s languages.'],
  // An ended roundtable and its editions
  roundtable_ended: ['conflict', 'This roundtable has ended; it can be read and exported, not changed.'],
  end_while_running: ['conflict', '“{title}” is still running; finish it before ending the roundtable.'],
  not_ended: ['conflict', 'This roundtable has not ended, so there is nothing to reopen.'],
  series_forbidden: ['forbidden', 'Only moderators can see the series and create the next edition.'],
  not_in_series: ['not_found', 'That roundtable is not an edition of this series.'],
  invalid_edition: ['invalid', 'The next edition is not valid: {details}.'],
  next_edition_exists: ['conflict', 'The next edition of this roundtable has already been created.'],
  // The instance: who may create roundtables, and the operator's page (server/src/http/instance.ts)
  organiser_key_needed: [
    'unauthenticated',
    'Only organisers create roundtables on this server: send the organiser key.',
  ],
  organiser_key_wrong: ['unauthenticated', 'That is not the organiser key of this server.'],
  operator_off: ['not_found', 'The operator page is off on this server (OPERATOR_KEY is not set).'],
  operator_key_needed: ['unauthenticated', 'Send the operator key as “Authorization: Bearer <key>”.'],
  operator_key_wrong: ['unauthenticated', 'That is not the operator key of this server.'],
  rate_limited_keys: ['rate_limited', 'Too many wrong keys from this network; wait a minute and try again.'],
  roundtable_archived: [
    'unauthenticated',
    'This roundtable has been archived by the server’s operator; ask them to restore it.',
  ],
  roundtable_deleted: ['unauthenticated', 'This roundtable has been deleted by the server’s operator.'],
  deletion_unconfirmed: ['invalid', 'Type the roundtable’s title (or its id) exactly to delete it.'],
  // The review of the outcome document
  review_frozen: [
    'forbidden',
    'The outcome document is frozen while the delegations review it; your changes are not saved.',
  ],
  final_frozen: ['forbidden', 'The outcome document is final; it can no longer be changed.'],
  review_open: ['conflict', 'A review is already open; reopen the document for writing first.'],
  review_not_open: ['conflict', 'No review is open.'],
  review_final: ['conflict', 'The outcome document is final; nothing about its review can change.'],
  review_deadline_passed: ['conflict', 'The deadline for answers has passed.'],
  review_deadline_past: ['invalid', 'The deadline must be in the future.'],
  review_not_head: ['forbidden', 'Only the head of your delegation answers for it.'],
  review_no_delegation: ['forbidden', 'You answer for a delegation; you are not in one.'],
  review_text_needed: ['invalid', 'Say in a few words what you comment on or object to.'],
  review_section_unknown: ['not_found', 'That section is not under review.'],
  head_needs_delegation: ['conflict', 'Only a member of a delegation can be its head.'],
  // Polls and contributions
  poll_running: ['conflict', 'A poll is still open; close it before starting another.'],
  poll_not_found: ['not_found', 'That poll no longer exists.'],
  poll_closed: ['conflict', 'This poll has closed; its result is final.'],
  poll_open: ['conflict', 'Close the poll before adding its result to the document.'],
  poll_recorded: ['conflict', 'This poll’s result is already in the outcome document.'],
  poll_options: ['invalid', 'A multiple choice needs between {min} and {max} different options.'],
  poll_choices: ['invalid', 'That is not a valid answer to this poll.'],
  poll_no_delegation: ['forbidden', 'This poll counts delegations, and you are not in one.'],
  poll_not_head: ['forbidden', 'The head of your delegation answers this poll for it.'],
  poll_delegation_answered: ['conflict', 'Someone from your delegation has already answered for it.'],
  too_many_polls: ['limit', 'A roundtable can have at most {max} polls.'],
  contributions_closed: ['conflict', 'The moderator has closed written contributions.'],
  contribution_no_item: ['conflict', 'No agenda item is under way; write for the lessons learned instead.'],
  contribution_limit: [
    'limit',
    'Thank you: you have sent {max} contributions for this item, which is the most we can take from one person.',
  ],
  contributions_full: ['limit', 'The rapporteurs’ inbox is full ({max} contributions).'],
  contribution_not_found: ['not_found', 'That contribution no longer exists.'],
  projector_nothing: ['invalid', 'Choose the poll or the contribution the projector should show.'],
  // Remarks for the interpreters (remarks/)
  remarks_not_speaker: ['forbidden', 'Only invited speakers send their remarks to the interpreters in advance.'],
  // The list of invitees as a file (server/src/invitees/sheet.ts)
  invitees_forbidden: [
    'forbidden',
    'Only moderators and the registration desk can import or export the list of invitees.',
  ],
  sheet_too_large: ['too_large', 'The file is larger than {mib} MiB.'],
  sheet_too_many_rows: ['limit', 'A list of invitees can have at most {max} rows; this file has more.'],
  sheet_too_wide: ['limit', 'The file has more than {max} columns.'],
  sheet_format: [
    'invalid',
    'Send the list as a CSV file or an Excel workbook (.xlsx); save an older .xls file as .xlsx first.',
  ],
  sheet_unreadable: ['invalid', 'The file could not be read as {format}; open it in a spreadsheet and save it again.'],
  sheet_encoding: [
    'invalid',
    'The file is not in UTF-8 and its letters cannot be read for sure; in Excel, save it as “CSV UTF-8”.',
  ],
  // Personal data (roster/erasure.ts, docs/PRIVACY.md)
  profile_deleted: ['unauthenticated', 'Your profile was deleted from this roundtable, so this phone is signed out.'],
  personal_data_erased: ['forbidden', 'The personal data of this roundtable was erased. Please reload the page.'],
  personal_data_forbidden: ['forbidden', 'Only moderators can export the personal data of a roundtable.'],
  // Our side
  internal: ['internal', 'Something went wrong on our side; nothing was changed.'],
  not_saved: ['internal', 'The change could not be saved; nothing was changed. Please try again.'],
  // The network, as the client sees it
  no_answer: ['internal', 'The server did not answer in time; check the result before trying again.'],
  not_connected: ['internal', 'Not connected; try again when the connection is back.'],
  unreachable: ['internal', 'The server cannot be reached. Check the connection.'],
} as const satisfies Record<string, readonly [ErrorCode, string]>;

export type Reason = keyof typeof REFUSALS;
export const REASONS = Object.keys(REFUSALS) as [Reason, ...Reason[]];
export const Reason = z.enum(REASONS);

export const RefusalParams = z.record(z.string().max(64), z.union([z.string().max(500), z.number()]));
export type RefusalParams = z.infer<typeof RefusalParams>;

/** The one shape of a failure, on every transport and in the domain; `message` is English, for logs and API users. */
export const Failure = z.object({
  ok: z.literal(false),
  code: ErrorCode,
  reason: Reason,
  params: RefusalParams,
  message: z.string(),
});
export type Failure = z.infer<typeof Failure>;

/** The `{param}` slots a reason's text has: what every catalog's translation of it may use. */
export const paramsOf = (reason: Reason): string[] =>
  [...REFUSALS[reason][1].matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

export const fill = (template: string, params: RefusalParams): string =>
  template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));

export function refusal(reason: Reason, params: RefusalParams = {}): Failure {
  const [code, template] = REFUSALS[reason];
  return { ok: false, code, reason, params, message: fill(template, params) };
}

export const codeOf = (reason: Reason): ErrorCode => REFUSALS[reason][0];
