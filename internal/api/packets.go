package api

import (
	"bytes"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/release"
)

// getAuthorizationPacket answers the utilization-review packet of an authorization as PDF.
// It is a disclosure to the payer for payment (a payer reviewer receives it for their own
// organization): the disclosure gate decides, a missing consent is 403 naming it and nothing
// is released, and a Part 2 packet carries the notice in the PDF and in the Part2-Notice
// header. A payer reviewer reads only the authorizations assigned to them (404 otherwise).
func (a *API) getAuthorizationPacket(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	ctx, disclosed := carepath.NewDisclosureContext(ctx)
	k, err := release.BuildPacket(ctx, a.Services, r.PathValue("id"), time.Now())
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	var buf bytes.Buffer
	if err := pdf.Packet(&buf, k); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	if notice := disclosed.Notice(); notice != "" {
		w.Header().Set(Part2NoticeHeader, notice)
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="utilization-review.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
