package api

import (
	"net/http"

	"github.com/carepath/carepath/placement"
)

// createPlacement evaluates a placement profile and returns the recommendation. Nothing is stored.
func (a *API) createPlacement(w http.ResponseWriter, r *http.Request) {
	err := requireJSON(w, r)
	var p placement.Profile
	if err == nil {
		p, err = placement.Decode(http.MaxBytesReader(w, r.Body, placement.MaxBodyBytes+1))
	}
	if err == nil {
		var rec placement.Recommendation
		if rec, err = a.Placement.Recommend(p); err == nil {
			WriteJSON(w, http.StatusOK, rec)
			return
		}
	}
	WriteError(w, r, a.Log, err)
}
