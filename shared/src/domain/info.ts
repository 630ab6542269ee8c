import { fail } from '../errors.js';
import { done, type HandlerMap } from './types.js';

export const infoHandlers: HandlerMap<'roundtable.update' | 'joining.setLocked' | 'document.setPublished'> = {
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
