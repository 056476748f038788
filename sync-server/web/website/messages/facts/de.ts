import type { FactCatalog } from '../../privacy-facts.ts';
import { enFacts } from './en.ts';
export const deFacts: FactCatalog = { ...enFacts };
