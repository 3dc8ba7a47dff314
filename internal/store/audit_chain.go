package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The audit log is a hash chain. Each row's hash is the SHA-256, in hex, of the canonical
// encoding of the row (chainRecord.encode): the previous row's hash, then the row's own
// columns and the clients it showed. Rows are chained in id order. The first row's prev_hash
// is genesisHash. Rows written before the chain existed (hash NULL, all before the first
// chained row) are chained too, in the same way, but their hashes are not stored: the first
// chained row's prev_hash is the hash of the last of them.

// genesisHash is the prev_hash of the first row of the chain: 64 zeros.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// chainLockKey is the PostgreSQL advisory lock that serializes appends to the chain: a
// transaction takes it before its first audit row and holds it until it commits, so the
// next writer reads the head after this one's rows are visible. SQLite needs none: its one
// writer connection runs one transaction at a time.
const chainLockKey = 0x6361726570617468 // "carepath"

// timeLayout is how a row's time enters its hash: UTC, microseconds, always six digits.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// chainRecord is what an audit row's hash covers.
type chainRecord struct {
	At                                                          time.Time
	ActorID, Role, Action, RecordType, RecordID, Remote, Detail string
	ClientID                                                    sql.NullString
	Allowed                                                     bool
	Shown                                                       []string // the clients a list showed (audit_shown), any order
}

// hash returns the row's hash after prev.
func (r *chainRecord) hash(prev string) string {
	sum := sha256.Sum256(r.encode(prev))
	return hex.EncodeToString(sum[:])
}

// encode returns the canonical encoding of the row after prev: a version line, then each
// value as its length in bytes, a colon, the bytes and a newline (a NULL client as "-"), the
// shown clients sorted and counted. No value can be mistaken for another's.
func (r *chainRecord) encode(prev string) []byte {
	b := make([]byte, 0, 256+len(r.Detail)+40*len(r.Shown))
	b = append(b, "carepath audit v1\n"...)
	field := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
		b = append(b, '\n')
	}
	field(prev)
	field(r.At.UTC().Format(timeLayout))
	field(r.ActorID)
	field(r.Role)
	field(r.Action)
	field(r.RecordType)
	field(r.RecordID)
	if r.ClientID.Valid {
		field(r.ClientID.String)
	} else {
		b = append(b, "-\n"...)
	}
	field(r.Remote)
	field(strconv.FormatBool(r.Allowed))
	field(r.Detail)
	shown := slices.Clone(r.Shown)
	slices.Sort(shown)
	b = strconv.AppendInt(b, int64(len(shown)), 10)
	b = append(b, '\n')
	for _, c := range shown {
		field(c)
	}
	return b
}

// chainRecordOf returns what the hash of row covers.
func chainRecordOf(row auditRow) chainRecord {
	e := row.e
	r := chainRecord{
		At: e.At, ActorID: e.ActorID, Role: string(e.Role), Action: e.Action, RecordType: string(e.Record),
		RecordID: row.ref.ID, Remote: e.Remote, Detail: e.Detail, Allowed: e.Allowed, Shown: e.Shown,
	}
	if row.ref.ClientID != "" && e.Shown == nil {
		r.ClientID = sql.NullString{String: row.ref.ClientID, Valid: true}
	}
	return r
}

// chainHead locks the chain for tx (PostgreSQL) and returns the hash the next row follows:
// the newest row's hash, or, when the newest rows carry none (written before the chain, or
// around it), the chain carried over them from the newest row that has one.
func (s *Store) chainHead(ctx context.Context, tx *sql.Tx) (string, error) {
	if s.dialect.Name == "postgres" {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(chainLockKey)); err != nil {
			return "", fmt.Errorf("lock audit chain: %w", s.translate(err))
		}
	}
	var hash sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&hash)
	switch {
	case err == sql.ErrNoRows:
		return genesisHash, nil
	case err != nil:
		return "", fmt.Errorf("audit chain head: %w", s.translate(err))
	case hash.Valid:
		return hash.String, nil
	}
	// The newest rows have no hash: carry the chain over them.
	var after int64
	head := genesisHash
	err = tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1`).Scan(&after, &head)
	if err != nil && err != sql.ErrNoRows {
		return "", fmt.Errorf("audit chain head: %w", s.translate(err))
	}
	err = s.walkChain(ctx, tx, after, func(row *chainRow) error {
		head = row.hash(head)
		return nil
	})
	return head, err
}

// chainRow is one stored audit row as the chain reads it.
type chainRow struct {
	chainRecord
	ID             int64
	PrevHash, Hash sql.NullString
}

// walkChain calls fn with each audit row whose id is above after, in id order, with the
// clients it showed.
func (s *Store) walkChain(ctx context.Context, tx *sql.Tx, after int64, fn func(*chainRow) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.at, a.actor_id, a.role, a.action, a.record_type, a.record_id,
			a.client_id, a.remote, a.allowed, a.detail, a.prev_hash, a.hash, s.client_id
		FROM audit_log a LEFT JOIN audit_shown s ON s.audit_id = a.id
		WHERE a.id > $1 ORDER BY a.id`, after)
	if err != nil {
		return fmt.Errorf("read audit chain: %w", s.translate(err))
	}
	defer rows.Close()
	var cur *chainRow
	for rows.Next() {
		var r chainRow
		var shown sql.NullString
		if err := rows.Scan(&r.ID, &r.At, &r.ActorID, &r.Role, &r.Action, &r.RecordType, &r.RecordID,
			&r.ClientID, &r.Remote, &r.Allowed, &r.Detail, &r.PrevHash, &r.Hash, &shown); err != nil {
			return fmt.Errorf("read audit chain: %w", s.translate(err))
		}
		if cur != nil && cur.ID == r.ID {
			cur.Shown = append(cur.Shown, shown.String)
			continue
		}
		if cur != nil {
			if err := fn(cur); err != nil {
				return err
			}
		}
		if shown.Valid {
			r.Shown = []string{shown.String}
		}
		cur = &r
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read audit chain: %w", s.translate(err))
	}
	if cur != nil {
		return fn(cur)
	}
	return nil
}
