package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// clientPaymentForm is the record-a-payment form as typed.
type clientPaymentForm struct {
	Date, Amount, Method, Reference, Note string
}

// clientPaymentVoidForm is a void form as typed, for the payment it names.
type clientPaymentVoidForm struct {
	PaymentID, Reason string
}

// clientPaymentListView is the view model of the client's payments page: the account, the
// payments (voided ones struck through with their reason), the form to record one and, for
// the roles that may, a form to void each.
type clientPaymentListView struct {
	page
	Client   *carepath.Client
	Balance  *carepath.ClientBalance
	Rows     []*carepath.ClientPayment
	Methods  []string
	Form     clientPaymentForm
	Void     clientPaymentVoidForm
	CanAdd   bool
	CanVoid  bool
	Errors   map[string]string // by element id
	Summary  []errorLink
	Recorded bool // a payment was just recorded
}

// renderClientPayments reads the client's payments and account and renders the page with
// status, keeping what was typed in f and v.
func (s *Server) renderClientPayments(w http.ResponseWriter, r *http.Request, who signedIn, status int, f clientPaymentForm,
	v clientPaymentVoidForm, errs map[string]string) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	list, err := s.Claims.FindClientPayments(r.Context(), carepath.ClientPaymentFilter{ClientID: c.ID})
	if err != nil {
		s.fail(w, r, "find client payments", err, chartErrors)
		return
	}
	if f.Date == "" {
		f.Date = time.Now().In(s.viewerZone(r)).Format(carepath.DateLayout)
	}
	view := clientPaymentListView{page: page{Title: "Client payments"}, Client: c, Rows: list, Methods: carepath.PaymentMethods,
		Form: f, Void: v, Errors: errs, Recorded: r.URL.Query().Get("recorded") == "1",
		CanAdd:  access.Allowed(who.Role, access.Charge, access.Create),
		CanVoid: access.Allowed(who.Role, access.Charge, access.Update)}
	if b, err := s.Claims.FindClientBalance(r.Context(), c.ID); err == nil {
		view.Balance = b
	}
	view.Summary = summaryOf(errs, "payment-date", "payment-amount", "payment-method", "payment-reference", "payment-note", "void-reason")
	s.render(w, r, status, "client_payments", view)
}
