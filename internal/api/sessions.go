package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// occurrenceList is the answer of GET /api/v1/sessions.
type occurrenceList struct {
	Sessions []*carepath.Occurrence `json:"sessions"`
}

// createSession books an individual, family or medication session (one-off or weekly) and
// answers 201 with it; 409 names a double-booked clinician_id, client_id or room.
func (a *API) createSession(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.TherapySessionCreate) (*carepath.TherapySession, error) {
		return a.TherapySessions.CreateSession(ctx, in)
	})
}

// listSessions answers the concrete occurrences starting in [from, to), narrowed by
// program_id, clinician_id, client_id and group_id. from and to are dates, RFC 3339 times or
// ISO weeks: from as a week is its Monday, to as a week includes that whole week.
func (a *API) listSessions(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (occurrenceList, error) {
		q := r.URL.Query()
		from, err := startParam("from", q.Get("from"))
		if err != nil {
			return occurrenceList{}, err
		}
		to, err := endParam("to", q.Get("to"))
		if err != nil {
			return occurrenceList{}, err
		}
		list, err := a.TherapySessions.FindOccurrences(ctx, carepath.OccurrenceFilter{From: from, To: to,
			ProgramID: q.Get("program_id"), ClinicianID: q.Get("clinician_id"), ClientID: q.Get("client_id"),
			GroupID: q.Get("group_id")})
		return occurrenceList{Sessions: list}, err
	})
}

// getSession answers one occurrence.
func (a *API) getSession(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Occurrence, error) {
		return a.TherapySessions.FindOccurrence(ctx, r.PathValue("id"))
	})
}

// cancelSession cancels one occurrence and answers 204.
func (a *API) cancelSession(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	if err := a.TherapySessions.CancelOccurrence(ctx, r.PathValue("id")); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// moveSession moves one occurrence and answers 200 with it.
func (a *API) moveSession(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.OccurrenceMove) (*carepath.Occurrence, error) {
		return a.TherapySessions.MoveOccurrence(ctx, r.PathValue("id"), in)
	})
}
