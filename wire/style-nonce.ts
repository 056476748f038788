// The name of the meta tag in which the relay hands each served page its CSP style nonce; the
// viewer page reads it (extension/viewer/style-nonce.ts) to let CodeMirror's runtime <style> in.
export const STYLE_NONCE_META = 'ltm-style-nonce' as const;
