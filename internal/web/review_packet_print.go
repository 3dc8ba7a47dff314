package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/carepath/carepath/internal/pdf"
	"github.com/carepath/carepath/internal/release"
)

// reviewPacketPrint answers an authorization's utilization-review packet as a PDF, through
// the disclosure gate as reviewPacketShow does; without a consent that allows it, the page
// comes back (403) naming the consent, and nothing is released.
func (s *Server) reviewPacketPrint(w http.ResponseWriter, r *http.Request, who signedIn) {
	id := r.PathValue("auth")
	k, err := release.BuildPacket(r.Context(), s.Services, id, time.Now())
	switch {
	case err == nil:
	case missingConsent(err) != "":
		s.render(w, r, http.StatusForbidden, "review_packet", reviewPacketView{page: page{Title: "Utilization-review packet"},
			Who: who, AuthID: id, Refused: missingConsent(err)})
		return
	default:
		s.fail(w, r, "utilization-review packet", err, reviewPacketErrors)
		return
	}
	var buf bytes.Buffer
	if err := pdf.Packet(&buf, k); err != nil {
		s.fail(w, r, "utilization-review packet: pdf", err, reviewPacketErrors)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="utilization-review-`+k.ReleasedAt.Format("2006-01-02")+`.pdf"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
