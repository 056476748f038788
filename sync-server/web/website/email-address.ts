// Validates and normalises an email address for the sign-up. The shape is the WHATWG one
// (what <input type=email> accepts) plus a dotted domain, because a bare host cannot receive
// mail from us; the refusal names what is wrong, and the page words it (email.<problem> in the
// website's catalogs) in terms a person can act on.
export type EmailProblem = 'empty' | 'tooLong' | 'shape' | 'localPart' | 'domain' | 'noDot';

export type EmailCheck =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly problem: EmailProblem };

const MAX_LENGTH = 254;
const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function checkEmail(input: string): EmailCheck {
  const email = input.trim();
  if (email === '') return { ok: false, problem: 'empty' };
  if (email.length > MAX_LENGTH) return { ok: false, problem: 'tooLong' };
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) {
    return { ok: false, problem: 'shape' };
  }
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!LOCAL_PART.test(local)) {
    return { ok: false, problem: 'localPart' };
  }
  const labels = domain.split('.');
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) {
    return { ok: false, problem: 'domain' };
  }
  if (labels.length < 2) {
    return { ok: false, problem: 'noDot' };
  }
  // Addresses are case-insensitive in practice; one lower-case form keeps them unique.
  return { ok: true, email: email.toLowerCase() };
}
