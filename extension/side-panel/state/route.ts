// The side panel's routes and their URL hashes. Routes are a tagged union; anything that does
// not parse is the library.
import { parseId, type MeetingId, type TemplateId } from '../../../crdt/ids.ts';

export type Route =
  | { readonly view: 'library' }
  | { readonly view: 'new' }
  | { readonly view: 'meeting'; readonly id: MeetingId }
  | { readonly view: 'templates' }
  | { readonly view: 'template'; readonly id: TemplateId | null }
  | { readonly view: 'trash' };

export function parseRoute(hash: string): Route {
  const [view, raw] = hash.replace(/^#\/?/, '').split('/');
  switch (view) {
    case 'new':
      return { view: 'new' };
    case 'templates':
      return { view: 'templates' };
    case 'trash':
      return { view: 'trash' };
    case 'template':
      return { view: 'template', id: parseId<TemplateId>(raw) };
    case 'meeting': {
      const id = parseId<MeetingId>(raw);
      return id ? { view: 'meeting', id } : { view: 'library' };
    }
    default:
      return { view: 'library' };
  }
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'library':
      return '#/';
    case 'new':
      return '#/new';
    case 'templates':
      return '#/templates';
    case 'trash':
      return '#/trash';
    case 'template':
      return `#/template/${route.id ?? 'new'}`;
    case 'meeting':
      return `#/meeting/${route.id}`;
  }
}

