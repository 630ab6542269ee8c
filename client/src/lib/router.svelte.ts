/** The page a path names; every page of the app is listed here and nowhere else. */
export type Route =
  | { page: 'landing' }
  | { page: 'create' }
  | { page: 'operator' }
  | { page: 'join'; code: string }
  | { page: 'participant'; roundtableId: string }
  | { page: 'moderator'; roundtableId: string }
  | { page: 'rapporteur'; roundtableId: string }
  | { page: 'projector'; roundtableId: string }
  | { page: 'cards'; roundtableId: string }
  | { page: 'badges'; roundtableId: string }
  | { page: 'desk'; roundtableId: string }
  | { page: 'booth'; roundtableId: string }
  | { page: 'invitation'; roundtableId: string; participantId: string }
  | { page: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: 'landing' };
  if (first === 'new' && parts.length === 1) return { page: 'create' };
  if (first === 'operator' && parts.length === 1) return { page: 'operator' };
  if (first === 'j' && second && parts.length === 2) return { page: 'join', code: second };
  if (first === 'i' && second && third && parts.length === 3) {
    return { page: 'invitation', roundtableId: second, participantId: third };
  }
  if (first === 'r' && second) {
    if (parts.length === 2) return { page: 'participant', roundtableId: second };
    if (third === 'moderate') return { page: 'moderator', roundtableId: second };
    if (third === 'report') return { page: 'rapporteur', roundtableId: second };
    if (third === 'projector') return { page: 'projector', roundtableId: second };
    if (third === 'cards') return { page: 'cards', roundtableId: second };
    if (third === 'badges') return { page: 'badges', roundtableId: second };
    if (third === 'desk') return { page: 'desk', roundtableId: second };
    if (third === 'booth') return { page: 'booth', roundtableId: second };
  }
  return { page: 'notFound' };
}

/** The current route, following the History API; links call navigate() instead of reloading. */
class Router {
  #path = $state(location.pathname);

  constructor() {
    addEventListener('popstate', () => (this.#path = location.pathname));
  }

  get route(): Route {
    return parseRoute(this.#path);
  }

  navigate(path: string, { replace = false } = {}): void {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.#path = location.pathname;
    scrollTo(0, 0);
  }
}

export const router = new Router();
