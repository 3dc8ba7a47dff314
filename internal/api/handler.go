package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// Part2NoticeHeader is the response header that carries the 42 CFR 2.32 notice when a
// response releases 42 CFR Part 2 records outside the care team: to an outside party's token,
// a payer reviewer, or as a release (POST /clients/{id}/releases).
const Part2NoticeHeader = "Part2-Notice"

// serveJSON is the shape most API handlers share. It authenticates r (a refused token is
// written by writeAuthError, so a 401 carries the Bearer challenge), runs call with the
// context that carries the staff member's actor, and writes what call returns as JSON with
// status. An error from call is written as problem details (WriteError), so call may also
// return EINVALID for a bad query parameter. A handler that must set a header on success
// (Location) sets it in call before returning; one that answers 204, CSV or anything but
// JSON does not use serveJSON. When the call disclosed 42 CFR Part 2 records through the
// disclosure gate, the response carries the notice (Part2NoticeHeader).
func serveJSON[Out any](a *API, w http.ResponseWriter, r *http.Request, status int,
	call func(ctx context.Context) (Out, error)) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	ctx, disclosed := carepath.NewDisclosureContext(ctx)
	out, err := call(ctx)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	if notice := disclosed.Notice(); notice != "" {
		w.Header().Set(Part2NoticeHeader, notice)
	}
	WriteJSON(w, status, out)
}

// serveJSONBody is serveJSON for a request with a JSON body: once r is authenticated, the
// body is decoded into an In by decodeJSON (unknown fields and malformed JSON are EINVALID
// naming the field, a body past maxJSONBody is ETOOLARGE) and handed to call.
func serveJSONBody[In, Out any](a *API, w http.ResponseWriter, r *http.Request, status int,
	call func(ctx context.Context, in In) (Out, error)) {
	serveJSON(a, w, r, status, func(ctx context.Context) (Out, error) {
		var in In
		if err := decodeJSON(w, r, &in); err != nil {
			var zero Out
			return zero, err
		}
		return call(ctx, in)
	})
}
