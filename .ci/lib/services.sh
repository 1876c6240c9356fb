# Make sure the machine's own Postgres, Redis and RabbitMQ answer (the external provider's tests use them),
# starting any that stopped, and enable RabbitMQ's management API (per-grade vhosts). Sourced by .ci/run.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do port_open "$port" && return 0; sleep 1; done
  echo "ci: $name did not answer on 127.0.0.1:$port within 60 s" >&2
  exit 1
}

ensure_local_services() {
  if ! port_open 5432; then
    echo "ci: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | tail -1)" main start
  fi
  wait_port PostgreSQL 5432
  if ! port_open 6379; then
    echo "ci: starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  fi
  wait_port Redis 6379
  if ! port_open 5672; then
    echo "ci: starting RabbitMQ"
    rabbitmq-server -detached
  fi
  wait_port RabbitMQ 5672
  if ! port_open 15672; then
    echo "ci: enabling the RabbitMQ management API"
    rabbitmq-plugins enable rabbitmq_management >/dev/null
  fi
  wait_port "RabbitMQ management" 15672
  echo "ci: local PostgreSQL, Redis and RabbitMQ answer"
}
