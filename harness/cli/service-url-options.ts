// The URL flags of the service registry (--database-url, --redis-url, --amqp-url, --rabbitmq-management-url), added to
// a command with their variable in the help: "a running Postgres (or DATABASE_URL)".
import type { Command } from 'commander';
import { flagOf } from '../config/service-url-settings.ts';
import { serviceUrlSettings } from '../services/service-registry.ts';

/** Adds one `--<x>-url <url>` option per URL setting; `lead` starts each help text ("a running", "also this"). */
export function addServiceUrlOptions(command: Command, lead: string): Command {
  for (const setting of serviceUrlSettings) {
    command.option(`${flagOf(setting)} <url>`, `${setting.standalone ? setting.help : `${lead} ${setting.help}`} (or ${setting.env})`);
  }
  return command;
}
