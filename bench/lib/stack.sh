# The order system's parts, each started as a process of its own, as bench/run and bench/chaos run
# them. Sourced, not run. Before calling start_*: stack_ports <base port>, and set stack_jar,
# bench_jar (private copies of the built jars), data (the run's directory; logs go to data/logs,
# pids to data/pids/<part>), java_opts and payload_keys (one key of the run, shared by the
# workers and the API, and kept across restarts so a restarted part reads what the others wrote).
# part_extra_env (an array) adds variables to every JVM part, e.g. the dev fault API on the API.

# The dev server as the launcher runs it (launcher/.../TemporalServer.java); keep the two alike:
# eager activities, a write-ahead log, the search-attribute cache on and the order search
# attributes (OrderSearchAttributes) registered before the server starts.
dev_server_args="--dynamic-config-value system.enableActivityEagerExecution=true --sqlite-pragma journal_mode=wal"
dev_server_args+=" --dynamic-config-value system.forceSearchAttributesCacheRefreshOnRead=false"
for attribute in OrderStatus OrderStep PendingReason ShopId; do
  dev_server_args+=" --search-attribute $attribute=Keyword"
done

# stack_ports <base>: every port of the stack, as offsets from base.
stack_ports() {
  local base=$1
  db_port=$((base + 306)) temporal_port=$((base + 233)) temporal_ui_port=$((base + 234)) api_port=$((base + 80))
  stock_port=$((base + 51)) shipping_port=$((base + 52)) payment_port=$((base + 53)) psp_port=$((base + 54))
  # Ports the parts would otherwise pick themselves (the workers' and the services' metrics, 9465
  # and 9466 by default; the dev server's HTTP API and metrics, random), so two stacks on one
  # machine do not collide and each stays in its own range.
  workers_metrics_port=$((base + 65)) services_metrics_port=$((base + 66))
  temporal_http_port=$((base + 235)) temporal_metrics_port=$((base + 236))
  db_url="jdbc:mysql://localhost:$db_port?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8&connectionTimeZone=UTC"
}

# Refuses a stack whose ports are taken: another stack (or run) is there, and its clients could
# reach this run's parts, or this run's parts could not start. Checked once, before the first start.
require_free_ports() {
  local port
  for port in $db_port $temporal_port $temporal_ui_port $temporal_http_port $temporal_metrics_port \
    $api_port $stock_port $shipping_port $payment_port $psp_port $workers_metrics_port \
    $services_metrics_port; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is already in use; stop what holds it or choose another base port" >&2
      return 1
    fi
  done
}

db_for() { echo "jdbc:mysql://localhost:$db_port/$1?createDatabaseIfNotExist=true&sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8&connectionTimeZone=UTC"; }

# part <jar> <main class> <name> [args...]: a JVM running one main class of a repackaged jar, with
# the variables in the array part_env; its log is data/logs/<name>.log (appended, so a restart
# keeps what the killed process wrote) and its pid goes to data/pids/<name> and the array started.
started=()
part_env=()
part_extra_env=()
part() {
  local jar=$1 main=$2 name=$3
  shift 3
  local jfr=()
  if [[ -n ${BENCH_JFR_DIR:-} ]]; then
    mkdir -p "$BENCH_JFR_DIR"
    jfr=("-XX:StartFlightRecording=filename=$BENCH_JFR_DIR/$name.jfr,settings=profile,dumponexit=true")
  fi
  mkdir -p "$data/logs" "$data/pids"
  env "${part_env[@]}" "${part_extra_env[@]}" java $java_opts "${jfr[@]}" -cp "$jar" -Dloader.main="$main" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@" </dev/null >>"$data/logs/$name.log" 2>&1 &
  started+=($!)
  echo $! >"$data/pids/$name"
}

await_port() {
  for _ in $(seq 1 240); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.5
  done
  echo "nothing listens on port $1; see the logs in $data/logs" >&2
  return 1
}

# The pid of the process listening on a port (mariadbd and the dev server are not our children).
listener() {
  ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# The temporal CLI dev/run would use, installed the same way when missing (TemporalCli).
temporal_cli() {
  java -cp "$stack_jar" -Dloader.main=org.ordersystem.launcher.TemporalCli \
    org.springframework.boot.loader.launch.PropertiesLauncher | tail -1
}

start_mariadb() {
  part_env=()
  part "$bench_jar" org.ordersystem.bench.parts.MariaDbMain mariadb "$data/mariadb" "$db_port"
  await_port "$db_port"
}

# The dev server on a database file: started again on the same file, it carries on where the
# killed one stopped. BENCH_DEV_SERVER_ARGS replaces the arguments beyond file and ports.
start_temporal() {
  local cli
  cli=$(temporal_cli)
  mkdir -p "$data/logs" "$data/pids"
  "$cli" server start-dev --db-filename "$data/temporal.db" --port "$temporal_port" \
    --ui-port "$temporal_ui_port" \
    --http-port "$temporal_http_port" --metrics-port "$temporal_metrics_port" --headless ${BENCH_DEV_SERVER_ARGS-$dev_server_args} \
    </dev/null >>"$data/logs/temporal.log" 2>&1 &
  started+=($!)
  local cli_pid=$! pid=""
  await_port "$temporal_port"
  # The server itself, should the CLI have been a wrapper (when ss can tell).
  if command -v ss >/dev/null 2>&1; then
    pid=$(listener "$temporal_port" || true)
  fi
  echo "${pid:-$cli_pid}" >"$data/pids/temporal"
}

services_env() {
  part_env=(ORDERS_STOCK_DB_URL="$(db_for stock)" ORDERS_SHIPPING_DB_URL="$(db_for shipping)"
    ORDERS_PAYMENT_DB_URL="$(db_for payment)" ORDERS_PSP_DB_URL="$(db_for psp)"
    ORDERS_STOCK_PORT=$stock_port ORDERS_SHIPPING_PORT=$shipping_port
    ORDERS_PAYMENT_PORT=$payment_port ORDERS_PSP_PORT=$psp_port ORDERS_SEED_DEMO_DATA=true
    ORDERS_METRICS_PORT=$services_metrics_port)
}

# What the workers and the API reach: Temporal, the services, and the run's payload key.
targets_env() {
  part_env=(ORDERS_TEMPORAL_TARGET="localhost:$temporal_port" ORDERS_STOCK_TARGET="localhost:$stock_port"
    ORDERS_SHIPPING_TARGET="localhost:$shipping_port" ORDERS_PAYMENT_TARGET="localhost:$payment_port"
    ORDERS_PSP_TARGET="localhost:$psp_port" ORDERS_PAYLOAD_KEYS="$payload_keys")
}

start_services() {
  services_env
  part "$stack_jar" org.ordersystem.services.ServicesMain services
  await_port "$psp_port"
  await_port "$payment_port"
}

start_workers() {
  targets_env
  part_env+=(ORDERS_DB_URL="$db_url" ORDERS_METRICS_PORT=$workers_metrics_port)
  part "$stack_jar" org.ordersystem.workers.WorkerMain workers
}

start_api() {
  targets_env
  part_env+=(SERVER_PORT=$api_port ORDERS_API_DB_URL="$(db_for orders)")
  part "$stack_jar" org.ordersystem.api.ApiApplication api
  for _ in $(seq 1 240); do
    curl -sf "localhost:$api_port/actuator/health" >/dev/null && return 0
    sleep 0.5
  done
  echo "the API did not come up; see $data/logs" >&2
  return 1
}

# Stops every part whose pid is in data/pids, the API first and MariaDB last, whoever started
# it (bench/lib/part restarts parts from another shell).
stop_parts() {
  local name pid
  for name in api ceiling-worker workers services temporal mariadb; do
    [[ -f $data/pids/$name ]] || continue
    pid=$(<"$data/pids/$name")
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  done
}

# Stops what this shell started, last first, each by its own pid.
stop_started() {
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    kill "${started[i]}" 2>/dev/null || true
    wait "${started[i]}" 2>/dev/null || true
  done
  started=()
}
