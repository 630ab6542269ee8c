import { fail } from '../errors.js';
import { done, type HandlerMap } from './types.js';

export const infoHandlers: HandlerMap<
  'roundtable.update' | 'joining.setLocked' | 'document.setPublished' | 'projector.show'
> = {
  'projector.show': (state, { view }) => {
    if (view.mode === 'document' && !state.documentPublished) {
      return fail('conflict', 'Publish the outcome document before showing it on the projector.');
    }
    if (view.mode === 'break' && view.breakUntil === null)
      return fail('invalid', 'The break slide needs the time the session resumes.');
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
      return fail('invalid', 'The title needs a text in one of the roundtable’s languages.');
    }
    return done({ ...state, ...info }, [{ type: 'roundtable.updated', info }]);
  },
  'joining.setLocked': (state, { locked }) => {
    if (state.joinLocked === locked) return done(state, []);
    return done({ ...state, joinLocked: locked }, [{ type: 'joining.lockChanged', locked }]);
  },
};
