// Every non-English catalog of the account page says everything the English one says, with the
// same placeholders (the shared checks in languages/catalog-checks.ts).
import { test } from 'uvu';
import { CATALOGS } from '../../../../sync-server/web/account-page/messages/account-languages.ts';
import { registerCatalogChecks } from '../languages/catalog-checks.ts';

// Words that read the same in every language (Sessions, Name, a name in brackets) are allowed.
registerCatalogChecks('account page', CATALOGS, new Set(['sessions.title', 'name.label', 'shares.roleView', 'shares.roleEdit', 'summary.name']));

test.run();
