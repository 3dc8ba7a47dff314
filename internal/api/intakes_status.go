package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// setIntakeStatus marks an intake request contacted, closed or new again and answers 200 with
// it and its history.
func (a *API) setIntakeStatus(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.IntakeStatusUpdate) (*carepath.Intake, error) {
		return a.Intakes.SetIntakeStatus(ctx, r.PathValue("id"), in)
	})
}
