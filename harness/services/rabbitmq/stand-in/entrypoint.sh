#!/bin/bash
# Like the official image: honours RABBITMQ_DEFAULT_USER/PASS and logs to the console.
set -euo pipefail
if [ "$1" = rabbitmq-server ]; then
  { echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"; echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"; } >>/etc/rabbitmq/rabbitmq.conf
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
fi
exec "$@"
