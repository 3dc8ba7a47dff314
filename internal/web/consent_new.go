package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
)

// consentNew shows an empty consent form, a Part 2 disclosure signed today.
func (s *Server) consentNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := consentForm{Kind: string(carepath.ConsentPart2Disclosure), SignedOn: time.Now().UTC().Format(carepath.DateLayout)}
	s.render(w, r, http.StatusOK, "consent_new", newConsentNewView(who, c, f, map[string]string{}))
}
