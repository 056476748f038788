// A share link's optional label ("for the board", "Ana's laptop"): the one limit the relay
// enforces and the share dialog's input honours, so a label typed in the dialog is never refused.
export const SHARE_LABEL_MAX_LENGTH = 80 as const;
