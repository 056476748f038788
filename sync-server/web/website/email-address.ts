// Validates and normalises an email address for the sign-up. The shape is the WHATWG one
// (what <input type=email> accepts) plus a dotted domain, because a bare host cannot receive
// mail from us; the message says what is wrong in words a person can act on.
export type EmailCheck =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly message: string };

const MAX_LENGTH = 254;
const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function checkEmail(input: string): EmailCheck {
  const email = input.trim();
  if (email === '') return { ok: false, message: 'Please enter your email address.' };
  if (email.length > MAX_LENGTH) return { ok: false, message: 'That address is too long to be real.' };
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) {
    return { ok: false, message: 'That does not look like an email address: it needs a name, an @ and a domain, like ana@example.com.' };
  }
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!LOCAL_PART.test(local)) {
    return { ok: false, message: 'The part before the @ contains characters an address cannot have.' };
  }
  const labels = domain.split('.');
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) {
    return { ok: false, message: 'The part after the @ is not a valid domain.' };
  }
  if (labels.length < 2) {
    return { ok: false, message: 'The domain needs a dot, like example.com.' };
  }
  // Addresses are case-insensitive in practice; one lower-case form keeps them unique.
  return { ok: true, email: email.toLowerCase() };
}
