package web

import "net/http"

// clientPaymentList shows the client's account and payments and the form to record one.
func (s *Server) clientPaymentList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderClientPayments(w, r, who, http.StatusOK, clientPaymentForm{}, clientPaymentVoidForm{}, nil)
}
