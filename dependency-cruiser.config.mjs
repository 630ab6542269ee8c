/**
 * `pnpm lint` runs dependency-cruiser with this: no module of server/src, shared/src or client/src
 * may import itself back through others. Type-only imports count too: a cycle of types still
 * means files that can only be read together. A module importing itself is not a cycle but
 * recursion (a Svelte component that renders nested nodes with itself).
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'These modules import each other: move what both need into a module of its own.',
      from: { path: '^(.+)$' },
      to: { circular: true, pathNot: '^$1$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
