package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath/internal/release"
)

// reviewPacketShow shows an authorization's utilization-review packet as a read-only page: to
// the payer reviewer assigned to it (for their organization) and to the care team (for the
// payer). It is a disclosure through the gate: without a consent that allows it the page says
// which consent is missing (403) and shows no record; a Part 2 packet carries the notice.
func (s *Server) reviewPacketShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	id := r.PathValue("auth")
	k, err := release.BuildPacket(r.Context(), s.Services, id, time.Now())
	v := reviewPacketView{page: page{Title: "Utilization-review packet"}, Who: who, AuthID: id}
	switch {
	case err == nil:
		v.Packet, v.Charts = k, packetCharts(k)
	case missingConsent(err) != "":
		v.Refused = missingConsent(err)
		s.render(w, r, http.StatusForbidden, "review_packet", v)
		return
	default:
		s.fail(w, r, "utilization-review packet", err, reviewPacketErrors)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "review_packet", v)
}
