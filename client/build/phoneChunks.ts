import path from 'node:path';
import type { Rolldown } from 'vite';

type Options = Exclude<NonNullable<Rolldown.OutputOptions['codeSplitting']>, boolean>;
type Group = NonNullable<Options['groups']>[number];
type Info = { importedIds: readonly string[] } | null;
type Place = 'app' | 'room' | 'join';

/**
 * Over slow 4G each file a phone asks for costs a round trip on one of six connections, and left to
 * itself the bundler makes a chunk for every set of pages that share a module: the participant page
 * came as 14 scripts and 6 styles, most under 2 KB. This puts the app's own modules into a few chunks
 * by who needs them: what the entry runs and what both phone pages need (`app`: every page loads it,
 * and two more files would cost each phone more than the console pays for the few KB), what only the
 * participant page needs (`room`), what only the join page needs (`join`), each with its styles and
 * the modules they import (the bundler follows them), the first that claims a module keeping it. The
 * entry and the pages' own modules stay the chunks they are (the router imports the pages by name);
 * what only the console needs is left to the bundler.
 */
export function phoneChunks(root: string): Options {
  const src = path.join(root, 'src') + path.sep;
  const entry = path.join(src, 'main.ts');
  const join = path.join(src, 'pages', 'Join.svelte');
  const room = path.join(src, 'pages', 'Participant.svelte');
  let reach: Record<'entry' | 'join' | 'room', Set<string>> | undefined;

  /** The app's own modules a module imports statically, and theirs. */
  const reachable = (from: string, info: (id: string) => Info): Set<string> => {
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id) || !id.startsWith(src)) return;
      seen.add(id);
      for (const next of info(id)?.importedIds ?? []) walk(next);
    };
    walk(from);
    return seen;
  };

  const placeOf = (id: string, info: (id: string) => Info): Place | null => {
    reach ??= { entry: reachable(entry, info), join: reachable(join, info), room: reachable(room, info) };
    if (id === entry || id === join || id === room) return null;
    if (reach.entry.has(id)) return 'app';
    const inJoin = reach.join.has(id);
    const inRoom = reach.room.has(id);
    if (inJoin && inRoom) return 'app';
    if (inRoom) return 'room';
    return inJoin ? 'join' : null;
  };

  const group = (place: Place, priority: number): Group => ({
    debugName: place,
    name: (id, ctx) => (placeOf(id, (m) => ctx.getModuleInfo(m)) === place ? place : null),
    priority,
  });
  return { groups: [group('app', 3), group('room', 2), group('join', 1)] };
}
