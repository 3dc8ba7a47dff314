//go:build loadtest

package store

// SetReadAuditOff turns the audit rows of reads off (true) or on. It exists only in builds
// with the loadtest tag, for the load benchmarks that compare whole requests with and without
// the read audit; carepath itself cannot turn the audit off.
func (s *Store) SetReadAuditOff(off bool) { s.readAuditOff = off }

// SetRequestAuditBatchOff makes every read of a request commit its own audit rows (true), as
// before requests gathered them in one batch, or restores the batch (false). It exists only in
// builds with the loadtest tag.
func (s *Store) SetRequestAuditBatchOff(off bool) { s.requestBatchOff = off }
