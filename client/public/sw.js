// Roundtable's service worker caches the app shell only: the page and its hashed assets.
// Live state (API, Socket.IO, the outcome document) always goes to the network and is never cached.
const SHELL = 'roundtable-shell-v1';
const LIVE = ['/api/', '/socket.io/', '/yjs/', '/healthz'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || LIVE.some((p) => url.pathname.startsWith(p)))
    return;
  if (event.request.mode === 'navigate') {
    // Pages: the network first, so a new version shows at once; the cached shell when offline.
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          const copy = response.clone();
          void caches.open(SHELL).then((cache) => cache.put('/', copy));
          return response;
        })
        .catch(() => caches.match('/')),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: cache first.
    event.respondWith(
      caches.match(event.request).then(
        (hit) =>
          hit ??
          fetch(event.request).then((response) => {
            const copy = response.clone();
            void caches.open(SHELL).then((cache) => cache.put(event.request, copy));
            return response;
          }),
      ),
    );
  }
});

// A tap on the notice of someone's turn (shown through this worker) brings their roundtable page back.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = event.notification.data?.url ?? '/';
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === path) ?? windows[0];
      return open ? open.focus() : self.clients.openWindow(path);
    }),
  );
});
