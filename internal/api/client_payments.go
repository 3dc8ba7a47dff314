package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// clientPaymentList is the answer of GET /api/v1/clients/{id}/payments.
type clientPaymentList struct {
	Payments []*carepath.ClientPayment `json:"payments"`
}

// paymentVoidBody is the body of POST /api/v1/client-payments/{id}/void.
type paymentVoidBody struct {
	Reason string `json:"reason"`
}

// recordClientPayment records a payment the client made and answers 201 with it; 400 naming
// date, cents, method, reference or note.
func (a *API) recordClientPayment(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.ClientPaymentInput) (*carepath.ClientPayment, error) {
		p, err := a.Claims.RecordClientPayment(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/clients/"+p.ClientID+"/payments")
		}
		return p, err
	})
}

// listClientPayments answers the client's payments by date, voided ones too; from and to
// (YYYY-MM-DD) limit the period.
func (a *API) listClientPayments(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (clientPaymentList, error) {
		q := r.URL.Query()
		list, err := a.Claims.FindClientPayments(ctx, carepath.ClientPaymentFilter{ClientID: r.PathValue("id"), From: q.Get("from"), To: q.Get("to")})
		return clientPaymentList{Payments: list}, err
	})
}

// voidClientPayment voids a payment recorded by mistake for a reason; it stays on record.
func (a *API) voidClientPayment(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, body paymentVoidBody) (*carepath.ClientPayment, error) {
		return a.Claims.VoidClientPayment(ctx, r.PathValue("id"), body.Reason)
	})
}
