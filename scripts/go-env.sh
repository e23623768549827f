# go-env.sh — sourced by the project's scripts (and mirrored in the Makefile): the Go toolchain
# the project is built, tested and checked with.
#
# go1.26.8, the Go of the development machines, has known vulnerabilities in net/http,
# crypto/tls, crypto/x509 and mime/multipart (govulncheck: GO-2026-6603 to GO-2026-6809),
# fixed in go1.27.3. The go command fetches that toolchain from the Go module proxy the first
# time (about 76 MB, some seconds) and caches it. COACHBOT_GOTOOLCHAIN=local keeps the
# machine's own Go.
export GOTOOLCHAIN="${COACHBOT_GOTOOLCHAIN:-go1.27.3}"
