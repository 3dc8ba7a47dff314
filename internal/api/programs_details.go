package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// registerProgramDetails adds the routes of programs' tracks, rates and staff, and of a
// group's track.
func (a *API) registerProgramDetails(mux Mux) {
	mux.HandleFunc("GET /api/v1/programs/{id}/details", a.getProgramDetails)
	mux.HandleFunc("PATCH /api/v1/programs/{id}", a.patchProgramDetails)
	mux.HandleFunc("GET /api/v1/programs/{id}/tracks", a.getProgramDetails)
	mux.HandleFunc("PUT /api/v1/programs/{id}/tracks", a.putProgramPart("tracks"))
	mux.HandleFunc("GET /api/v1/programs/{id}/rates", a.getProgramDetails)
	mux.HandleFunc("PUT /api/v1/programs/{id}/rates", a.putProgramPart("rates"))
	mux.HandleFunc("GET /api/v1/programs/{id}/staff", a.getProgramDetails)
	mux.HandleFunc("PUT /api/v1/programs/{id}/staff", a.putProgramPart("staff"))
	mux.HandleFunc("PUT /api/v1/groups/{id}/track", a.putGroupTrack)
}

// programDetails returns the service that keeps programs' details, EINTERNAL when the API
// was built without one.
func (a *API) programDetails() (carepath.ProgramDetailsService, error) {
	if a.ProgramDetails != nil {
		return a.ProgramDetails, nil
	}
	return nil, carepath.Errorf(carepath.EINTERNAL, "Program details are not available.")
}

// getProgramDetails answers a program's tracks, rates, staff and version (all three GET
// routes answer the same object, so a client reads the version it must send back).
func (a *API) getProgramDetails(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.ProgramDetails, error) {
		svc, err := a.programDetails()
		if err != nil {
			return nil, err
		}
		return svc.FindProgramDetails(ctx, r.PathValue("id"))
	})
}

// patchProgramDetails replaces the parts the body gives ({"version", "tracks"?, "rates"?,
// "staff"?}) and answers the details as stored; 409 when the version is stale.
func (a *API) patchProgramDetails(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.ProgramDetailsUpdate) (*carepath.ProgramDetails, error) {
		return a.updateProgramDetails(ctx, r.PathValue("id"), in)
	})
}

// programPartBody is the body of PUT /api/v1/programs/{id}/tracks, /rates and /staff: the
// version read and the whole new list.
type programPartBody struct {
	Version int                       `json:"version"`
	Tracks  *[]carepath.Track         `json:"tracks,omitempty"`
	Rates   *[]carepath.Rate          `json:"rates,omitempty"`
	Staff   *[]carepath.ProgramMember `json:"staff,omitempty"`
}

// putProgramPart replaces one list (tracks, rates or staff); the body must hold that list
// (an empty list clears it) and nothing else.
func (a *API) putProgramPart(part string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in programPartBody) (*carepath.ProgramDetails, error) {
			var errs carepath.FieldErrors
			u := carepath.ProgramDetailsUpdate{Version: in.Version}
			for _, p := range []struct {
				name  string
				given bool
			}{{"tracks", in.Tracks != nil}, {"rates", in.Rates != nil}, {"staff", in.Staff != nil}} {
				if p.given && p.name != part {
					errs.Add(p.name, "unexpected", "This request replaces only the program's %s.", part)
				}
			}
			switch part {
			case "tracks":
				u.Tracks = in.Tracks
			case "rates":
				u.Rates = in.Rates
			case "staff":
				u.Staff = in.Staff
			}
			if u.Tracks == nil && u.Rates == nil && u.Staff == nil {
				errs.Add(part, "required", "Please send the whole list of %s (an empty list clears it).", part)
			}
			if err := errs.Err(); err != nil {
				return nil, err
			}
			return a.updateProgramDetails(ctx, r.PathValue("id"), u)
		})
	}
}

// updateProgramDetails stores u as program id's details and returns them as stored.
func (a *API) updateProgramDetails(ctx context.Context, id string, u carepath.ProgramDetailsUpdate) (*carepath.ProgramDetails, error) {
	svc, err := a.programDetails()
	if err != nil {
		return nil, err
	}
	return svc.UpdateProgramDetails(ctx, id, u)
}

// groupTrackBody is the body of PUT /api/v1/groups/{id}/track: a track of the group's
// program, or "" for none.
type groupTrackBody struct {
	Track *string `json:"track"`
}

// putGroupTrack puts a group on a track and answers 204.
func (a *API) putGroupTrack(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in groupTrackBody
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	if in.Track == nil {
		var errs carepath.FieldErrors
		errs.Add("track", "required", "Please give the track's name, or \"\" for none.")
		WriteError(w, r, a.Log, errs.Err())
		return
	}
	svc, err := a.programDetails()
	if err == nil {
		if err = svc.SetGroupTrack(ctx, r.PathValue("id"), *in.Track); err == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	WriteError(w, r, a.Log, err)
}
