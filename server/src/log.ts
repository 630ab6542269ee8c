import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs; secrets travel in URL fragments and headers we never log. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'token', 'secret'] });
}
