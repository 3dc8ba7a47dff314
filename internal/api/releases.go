package api

import (
	"context"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/release"
)

// releaseBody is the body of POST /api/v1/clients/{id}/releases.
type releaseBody struct {
	Recipient string                     `json:"recipient"`
	Purpose   carepath.DisclosurePurpose `json:"purpose"`
}

// releaseRecords releases a summary of the path's client's records through the disclosure gate
// and answers 200 with it; the 42 CFR 2.32 notice is in the body and in the Part2-Notice
// header. A missing consent is 403 naming it, and nothing is released.
func (a *API) releaseRecords(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in releaseBody) (*release.Record, error) {
		return release.Build(ctx, a.Services, r.PathValue("id"), in.Recipient, in.Purpose, time.Now())
	})
}
