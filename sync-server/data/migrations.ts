// The relay's schema history, numbered on user_version. Version 1 is the schema v0.1.0 shipped
// (user_version 0 then), made by each module's idempotent CREATE ... IF NOT EXISTS, so applying
// it to a v0.1.0 database changes nothing but the number. A new table may still be added that
// way (it runs on every start); a change to an existing table (a column, a constraint, moved
// data) is a new, higher-numbered entry here, never an edit of a CREATE statement.
import { ensureDocumentSchema } from '../relay/storage/sqlite-document-store.ts';
import { ADD_SHARE_LABEL, ensureAccessSchema } from '../web/access/access-schema.ts';
import { ADD_MAIL_LANGUAGE, ensureWebsiteSchema } from '../web/website/website-schema.ts';
import { latestVersion, type Migration } from './schema-migrations.ts';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the v0.1.0 tables (updates, accounts, sessions, meeting_owners, shares, pending_document_deletions, signups, usage_counts) and any added since',
    up(db) {
      ensureDocumentSchema(db);
      ensureAccessSchema(db);
      ensureWebsiteSchema(db);
    },
  },
  {
    version: 2,
    name: 'shares.label: an optional label the owner gives a share link, to tell links apart',
    up(db) {
      db.exec(ADD_SHARE_LABEL);
    },
  },
  {
    version: 3,
    name: "mail_outbox.language: the sign-up page's language, which its confirmation mail is written in ('en' for mail queued before)",
    up(db) {
      db.exec(ADD_MAIL_LANGUAGE);
    },
  },
];

export const SCHEMA_VERSION = latestVersion(MIGRATIONS);
