// What a token lets its holder do with one document: the relay enforces it, clients show it.
export const ROLES = ['owner', 'edit', 'view'] as const;

export type Role = (typeof ROLES)[number];
