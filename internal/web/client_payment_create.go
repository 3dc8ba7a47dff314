package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// clientPaymentCreate records the posted payment and goes back to the payments page, or shows
// it again with what was typed kept and each problem named next to its field (400).
func (s *Server) clientPaymentCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	v := r.PostForm
	f := clientPaymentForm{Date: v.Get("date"), Amount: v.Get("amount"), Method: v.Get("method"), Reference: v.Get("reference"), Note: v.Get("note")}
	id := r.PathValue("id")
	in := carepath.ClientPaymentInput{Date: f.Date, Method: f.Method, Reference: f.Reference, Note: f.Note}
	cents, ok := parseDollars(f.Amount)
	if ok {
		in.Cents = cents
	}
	_, err := s.Claims.RecordClientPayment(r.Context(), id, in)
	if !ok && (err == nil || isInvalid(err)) {
		var errs carepath.FieldErrors
		errs.Add("cents", "format", "Please give the amount paid in dollars and cents, e.g. 25.00.")
		for _, fe := range carepath.ErrorFields(err) {
			if fe.Field != "cents" {
				errs.Add(fe.Field, fe.Code, "%s", fe.Message)
			}
		}
		err = errs.Err()
	}
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+id+"/payments?recorded=1", http.StatusSeeOther)
	case isInvalid(err):
		errs := map[string]string{}
		for _, fe := range carepath.ErrorFields(err) {
			switch fe.Field {
			case "date", "method", "reference", "note":
				errs["payment-"+fe.Field] = fe.Message
			default:
				errs["payment-amount"] = fe.Message
			}
		}
		s.renderClientPayments(w, r, who, http.StatusBadRequest, f, clientPaymentVoidForm{}, errs)
	default:
		s.fail(w, r, "record client payment", err, chartErrors)
	}
}
