// Why a configuration was refused. Each error names the setting at fault and where its value came
// from (flag, environment variable or config file), so a failed start is one line an operator can act on.
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
}

/** A value that fails its setting's schema or a rule tying settings together. */
export class InvalidSettingError extends ConfigError {
  override readonly name = 'InvalidSettingError';
  constructor(
    readonly setting: string,
    readonly from: string,
    problem: string,
  ) {
    super(`${setting} (${from}): ${problem}`);
  }
}

/** A flag or config-file key that names no setting (a typo, or a file for another version). */
export class UnknownSettingError extends ConfigError {
  override readonly name = 'UnknownSettingError';
  constructor(
    readonly setting: string,
    readonly from: string,
    why = 'is not a setting of this relay (see --help)',
  ) {
    super(`${setting} (${from}) ${why}`);
  }
}

/** The config file could not be read or is not a JSON object. */
export class ConfigFileError extends ConfigError {
  override readonly name = 'ConfigFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`config file ${file}: ${problem}`);
  }
}
