#!/usr/bin/env bash
# pg.sh — PostgreSQL with pgvector for coachbot's tests and benchmarks.
#
#   scripts/pg.sh install        install PostgreSQL and pgvector if missing (idempotent, needs root or sudo)
#   scripts/pg.sh start [DIR]    start a throwaway cluster on a free port; prints the export line
#                                (fsync off for speed, unless PG_DURABLE=1 as for benchmarks)
#   scripts/pg.sh restart [DIR]  restart it (fault tests; PG_DOWN_SECONDS=N keeps it down N seconds)
#   scripts/pg.sh stop [DIR]     stop it and delete DIR
#
# pgvector comes from the distribution's postgresql-<major>-pgvector package where one exists;
# otherwise it is built from Debian's own pgvector source package (trixie) against
# postgresql-server-dev-<major>, reusing the URI of the machine's existing Debian sources.
set -euo pipefail

DEFAULT_DIR="${TMPDIR:-/tmp}/coachbot-pg"

log() { printf 'pg.sh: %s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		log "need root to run: $*"; exit 1
	fi
}

pg_bindir() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
	done
	return 1
}

pg_major() { basename "$(dirname "$(pg_bindir)")"; }

has_vector() {
	local bindir sharedir
	bindir=$(pg_bindir) || return 1
	if [ -x "$bindir/pg_config" ]; then
		sharedir=$("$bindir/pg_config" --sharedir)
	else
		sharedir="/usr/share/postgresql/$(pg_major)"
	fi
	[ -f "$sharedir/extension/vector.control" ]
}

apt_updated=""
apt_update() {
	if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
}

debian_uri() {
	# The URI of the machine's main Debian archive (deb822 or one-line sources), not the security one.
	local uri
	uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | grep -i debian | head -n1 || true)
	if [ -z "$uri" ]; then
		uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -v security | grep -i debian | head -n1 || true)
	fi
	echo "${uri:-http://deb.debian.org/debian}"
}

install() {
	export DEBIAN_FRONTEND=noninteractive
	if ! pg_bindir >/dev/null; then
		log "installing PostgreSQL"
		apt_update
		as_root apt-get install -y -qq postgresql >/dev/null
	fi
	if has_vector; then log "pgvector already installed"; return 0; fi
	local major; major=$(pg_major)
	apt_update
	if apt-cache show "postgresql-$major-pgvector" >/dev/null 2>&1; then
		log "installing postgresql-$major-pgvector"
		as_root apt-get install -y -qq "postgresql-$major-pgvector" >/dev/null
	else
		log "building pgvector from Debian's source package against postgresql-server-dev-$major"
		local src=/etc/apt/sources.list.d/coachbot-pgvector-src.sources
		if [ ! -f "$src" ]; then
			printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$(debian_uri)" | as_root tee "$src" >/dev/null
			apt_updated=""
			apt_update
		fi
		as_root apt-get install -y -qq "postgresql-server-dev-$major" dpkg-dev make gcc >/dev/null
		local build; build=$(mktemp -d)
		(cd "$build" && apt-get source -qq pgvector/trixie >/dev/null 2>&1 && cd pgvector-*/ &&
			make -s PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" >/dev/null &&
			as_root make -s install PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" >/dev/null)
		rm -rf "$build"
	fi
	has_vector || { log "pgvector installation failed"; exit 1; }
	log "pgvector installed"
}

free_port() {
	python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# run_pg runs a PostgreSQL binary as the cluster owner (postgres refuses to run as root).
run_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	local dir="${1:-$DEFAULT_DIR}" bindir port
	bindir=$(pg_bindir) || { log "PostgreSQL is not installed: run scripts/pg.sh install"; exit 1; }
	has_vector || { log "pgvector is not installed: run scripts/pg.sh install"; exit 1; }
	if [ -f "$dir/port" ] && run_pg "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		port=$(cat "$dir/port")
	else
		rm -rf "$dir"; mkdir -p "$dir"
		[ "$(id -u)" = 0 ] && chown postgres "$dir"
		port=$(free_port)
		run_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; exit 1; }
		cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 256MB
maintenance_work_mem = 512MB
timezone = 'UTC'
CONF
		if [ -z "${PG_DURABLE:-}" ]; then
			# tests need no durability; benchmarks (PG_DURABLE=1) keep PostgreSQL's defaults
			printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' | run_pg tee -a "$dir/data/postgresql.conf" >/dev/null
		fi
		run_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
			{ cat "$dir/server.log" >&2; exit 1; }
		echo "$port" | run_pg tee "$dir/port" >/dev/null
	fi
	echo "export COACHBOT_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
}

restart() {
	local dir="${1:-$DEFAULT_DIR}" bindir pause="${PG_DOWN_SECONDS:-0}"
	bindir=$(pg_bindir) || exit 1
	if [ "$pause" = 0 ]; then
		run_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null ||
			{ cat "$dir/server.log" >&2; exit 1; }
		return
	fi
	# an outage: down for PG_DOWN_SECONDS, then up again
	run_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	sleep "$pause"
	run_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
}

stop() {
	local dir="${1:-$DEFAULT_DIR}" bindir
	bindir=$(pg_bindir) || exit 0
	if [ -d "$dir/data" ]; then
		run_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

case "${1:-}" in
install) install ;;
start) shift; start "$@" ;;
stop) shift; stop "$@" ;;
restart) shift; restart "$@" ;;
*) echo "usage: $0 install | start [DIR] | restart [DIR] | stop [DIR]" >&2; exit 2 ;;
esac
