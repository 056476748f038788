// The downloadable extension's layout, which the packer, the relay that serves it and the
// extension itself agree on: every file sits in one folder (what "Load unpacked" picks), and a
// relay with a public URL adds a small file naming itself, which the extension takes as its
// default relay, so a team's members never type the address.
export const EXTENSION_FOLDER = 'leavethemeeting' as const;

/** Path of the relay file inside the extension folder (and so the extension's own URL). */
export const PACKAGED_RELAY_FILE = 'relay.json' as const;

export interface PackagedRelay {
  readonly relayUrl: string;
}

/** The relay URL of a packaged relay file, or null when it is not one. */
export function readPackagedRelay(json: unknown): string | null {
  const url = (json as Partial<PackagedRelay> | null)?.relayUrl;
  return typeof url === 'string' && /^https?:\/\/[^\s/]+/.test(url) ? url : null;
}
