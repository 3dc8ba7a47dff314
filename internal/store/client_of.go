package store

import (
	"context"

	"github.com/carepath/carepath/access"
)

// clientOfQueries read the client a record belongs to, for the record types whose calls name
// the record but not its client.
var clientOfQueries = map[access.Record]string{
	access.Consent:       `SELECT client_id FROM consents WHERE id = $1`,
	access.Episode:       `SELECT client_id FROM episodes WHERE id = $1`,
	access.Note:          `SELECT client_id FROM note_clients WHERE note_id = $1 ORDER BY position LIMIT 1`,
	access.TreatmentPlan: `SELECT client_id FROM plans WHERE id = $1`,
	access.Review:        `SELECT client_id FROM reviews WHERE id = $1`,
	access.Measure:       `SELECT client_id FROM measures WHERE id = $1`,
	access.Diagnosis:     `SELECT client_id FROM diagnoses WHERE id = $1`,
	access.Authorization: `SELECT client_id FROM authorizations WHERE id = $1`,
	access.Certification: `SELECT client_id FROM certifications WHERE id = $1`,
}

// clientOf returns the client of record id of type rec, for the op of a call about the
// record, and "" when there is none (an unknown or malformed id, a record type without a
// query). It is a sanctioned exception to the chokepoint (pools_test.go lists them): it reads
// before check(), on the reader pool and unaudited, so that the call's audit row, allowed or
// refused, names the client. It reads an id only and hands it to no one but the op.
func (s *Store) clientOf(ctx context.Context, rec access.Record, id string) string {
	query, ok := clientOfQueries[rec]
	if !ok || wellFormedID(id) == "" {
		return ""
	}
	var client string
	if err := s.readPool.QueryRowContext(ctx, query, id).Scan(&client); err != nil {
		return ""
	}
	return client
}
