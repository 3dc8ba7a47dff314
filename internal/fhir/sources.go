package fhir

import (
	"context"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// searchFunc is how a resource type answers a search.
type searchFunc func(ctx context.Context, h *Handler, q *query) (*result, error)

// byPatient is the search of a type whose records belong to one client and are read client by
// client: load reads one client's resources, which are then filtered by every clause and
// paged. Without a patient (or subject) the search must name _id; a search of every client's
// records at once is refused, so that one request never reads the whole clinic.
func byPatient(load func(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error)) searchFunc {
	return func(ctx context.Context, h *Handler, q *query) (*result, error) {
		var all []r4.Resource
		if ids, ok := q.patients(); ok {
			for _, id := range ids {
				rs, err := load(ctx, h, id)
				if carepath.ErrorCode(err) == carepath.ENOTFOUND {
					continue // no such client, or not one the actor may see: no matches
				}
				if err != nil {
					return nil, err
				}
				all = append(all, rs...)
			}
			return pageOf(all, q)
		}
		if ids, ok := q.ids(); ok {
			rs, err := readAll(ctx, h, q.t, ids)
			if err != nil {
				return nil, err
			}
			return pageOf(rs, q)
		}
		return nil, badRequest("required", "Search "+q.t.name+" by patient (patient=Patient/{id}) or by _id.")
	}
}

// listAll is the search of a type whose records are few and read all at once: load reads them,
// then every clause filters them.
func listAll(load func(ctx context.Context, h *Handler) ([]r4.Resource, error)) searchFunc {
	return func(ctx context.Context, h *Handler, q *query) (*result, error) {
		all, err := load(ctx, h)
		if err != nil {
			return nil, err
		}
		return pageOf(all, q)
	}
}

// meta returns the meta element of a record at version changed at updated, claiming profile
// when it is not "". A version below 1 or a zero time is left out.
func meta(version int, updated time.Time, profile string) *r4.Meta {
	m := &r4.Meta{}
	if version > 0 {
		m.VersionID = itoa(version)
	}
	if !updated.IsZero() {
		m.LastUpdated = r4.Instant(updated)
	}
	if profile != "" {
		m.Profile = []string{profile}
	}
	if m.VersionID == "" && m.LastUpdated == "" && m.Profile == nil {
		return nil
	}
	return m
}

// parseInstant reads an instant written by r4.Instant or r4.DateTimeIn.
func parseInstant(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}
