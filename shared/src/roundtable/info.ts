import { refusal } from '../refusals.js';
import type { ProjectorView } from '../state.js';
import { done, type HandlerMap } from '../handler.js';

export const infoHandlers: HandlerMap<
  'roundtable.update' | 'joining.setLocked' | 'document.setPublished' | 'projector.show'
> = {
  'projector.show': (state, { view: change }) => {
    const was = state.projector;
    const view: ProjectorView = {
      mode: change.mode ?? was.mode,
      breakUntil: change.breakUntil === undefined ? was.breakUntil : change.breakUntil,
      languages: change.languages ?? was.languages,
      pollId: change.pollId === undefined ? was.pollId : change.pollId,
      contributionId: change.contributionId === undefined ? was.contributionId : change.contributionId,
    };
    if (change.mode === 'document' && !state.documentPublished) {
      return refusal('document_not_published');
    }
    if (view.mode === 'break' && view.breakUntil === null) return refusal('break_needs_resume');
    if (view.pollId !== null && !state.polls.some((p) => p.id === view.pollId)) return refusal('poll_not_found');
    if (view.contributionId !== null && !state.contributions.items.some((c) => c.id === view.contributionId)) {
      return refusal('contribution_not_found');
    }
    if ((view.mode === 'poll' && !view.pollId) || (view.mode === 'contribution' && !view.contributionId)) {
      return refusal('projector_nothing');
    }
    if (!view.languages.shown.every((l) => state.languages.includes(l))) return refusal('projector_language');
    const same =
      view.mode === was.mode &&
      view.breakUntil === was.breakUntil &&
      view.pollId === was.pollId &&
      view.contributionId === was.contributionId &&
      view.languages.everySeconds === was.languages.everySeconds &&
      view.languages.shown.join() === was.languages.shown.join();
    if (same) return done(state, []);
    return done({ ...state, projector: view }, [{ type: 'projector.changed', view }]);
  },
  'document.setPublished': (state, { published }) => {
    if (state.documentPublished === published) return done(state, []);
    return done({ ...state, documentPublished: published }, [{ type: 'document.publishedChanged', published }]);
  },
  'roundtable.update': (state, { info }) => {
    const languages = info.languages ?? state.languages;
    const title = info.title ?? state.title;
    if (!languages.some((l) => title[l])) {
      return refusal('title_needs_language');
    }
    return done({ ...state, ...info }, [{ type: 'roundtable.updated', info }]);
  },
  'joining.setLocked': (state, { locked }) => {
    if (state.joinLocked === locked) return done(state, []);
    return done({ ...state, joinLocked: locked }, [{ type: 'joining.lockChanged', locked }]);
  },
};
