package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// payerList shows the payers claims go to.
func (s *Server) payerList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderPayerList(w, r, who, http.StatusOK, carepath.PayerInput{ClaimFormat: carepath.Claim837I}, nil)
}
