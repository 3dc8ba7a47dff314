package web

import "net/http"

// clientPaymentVoid voids the payment for the posted reason and goes back to the payments
// page, or shows it again with the reason kept and the problem named (400).
func (s *Server) clientPaymentVoid(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	vf := clientPaymentVoidForm{PaymentID: r.PathValue("payment"), Reason: r.PostForm.Get("reason")}
	_, err := s.Claims.VoidClientPayment(r.Context(), vf.PaymentID, vf.Reason)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+r.PathValue("id")+"/payments", http.StatusSeeOther)
	case isInvalid(err):
		s.renderClientPayments(w, r, who, http.StatusBadRequest, clientPaymentForm{}, vf,
			map[string]string{"void-reason": firstFieldMessage(err)})
	default:
		s.fail(w, r, "void client payment", err, chartErrors)
	}
}
