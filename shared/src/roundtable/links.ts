import { LIMITS } from '../common.js';
import { refusal } from '../refusals.js';
import type { Link } from '../state.js';
import { done, type HandlerMap } from '../handler.js';

export const linkHandlers: HandlerMap<'link.create' | 'link.revoke'> = {
  'link.create': (state, { role, label }, ctx) => {
    if (state.links.length >= LIMITS.links) return refusal('too_many_links', { max: LIMITS.links });
    const link: Link = { id: ctx.newId(), role, label, createdAt: ctx.now, revokedAt: null };
    return done({ ...state, links: [...state.links, link] }, [{ type: 'link.created', linkId: link.id, role, label }], {
      linkId: link.id,
    });
  },
  'link.revoke': (state, { linkId }, ctx) => {
    const link = state.links.find((l) => l.id === linkId);
    if (!link) return refusal('link_not_found');
    if (link.revokedAt !== null) return done(state, []);
    if (ctx.actor.kind === 'link' && ctx.actor.linkId === linkId) {
      return refusal('own_link');
    }
    const activeModeratorLinks = state.links.filter((l) => l.role === 'moderator' && l.revokedAt === null);
    if (link.role === 'moderator' && activeModeratorLinks.length === 1) {
      return refusal('last_moderator_link');
    }
    const links = state.links.map((l) => (l.id === linkId ? { ...l, revokedAt: ctx.now } : l));
    return done({ ...state, links }, [{ type: 'link.revoked', linkId }]);
  },
};
