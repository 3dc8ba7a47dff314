// Package crash is carepath's crash harness: its tests (build tag crash, so that `go test
// ./...` does not run them; scripts/crash-trials does) build the binary, run it as a process
// under concurrent writes over the API, kill it with SIGKILL at random moments, restart it,
// and check that every write a client saw acknowledged is there, that no write is visible
// without its audit row, that the database is intact and that the audit chain verifies. On
// PostgreSQL they run a private cluster of their own and, in some trials, stop the server
// itself with an immediate shutdown. docs/reliability.md records the figures.
package crash
