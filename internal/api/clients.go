package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// clientList is the answer of GET /api/v1/clients.
type clientList struct {
	Clients []*carepath.Client `json:"clients"`
	Total   int                `json:"total"`
}

// newClientBody is the body of POST /api/v1/clients: a client without what the server assigns
// (id, version, created_at, updated_at), so that sending one of those is refused by name.
type newClientBody struct {
	GivenName          string                    `json:"given_name"`
	FamilyName         string                    `json:"family_name"`
	PreferredName      string                    `json:"preferred_name"`
	BirthDate          string                    `json:"birth_date"`
	Pronouns           string                    `json:"pronouns"`
	Email              string                    `json:"email"`
	EmailConsent       bool                      `json:"email_consent"`
	Phone              string                    `json:"phone"`
	PreferredLanguage  string                    `json:"preferred_language"`
	EmergencyContact   carepath.EmergencyContact `json:"emergency_contact"`
	Coverage           carepath.Coverage         `json:"coverage"`
	PrimaryClinicianID string                    `json:"primary_clinician_id"`
	CaseManagerID      string                    `json:"case_manager_id"`
	PayerSex           string                    `json:"payer_sex"`
}

// createClient stores a new client and answers 201 with it, including id and version.
func (a *API) createClient(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in newClientBody) (carepath.Client, error) {
		c := carepath.Client{GivenName: in.GivenName, FamilyName: in.FamilyName, PreferredName: in.PreferredName,
			BirthDate: in.BirthDate, Pronouns: in.Pronouns, Email: in.Email, EmailConsent: in.EmailConsent, Phone: in.Phone,
			PreferredLanguage: in.PreferredLanguage, EmergencyContact: in.EmergencyContact, Coverage: in.Coverage,
			PrimaryClinicianID: in.PrimaryClinicianID, CaseManagerID: in.CaseManagerID, PayerSex: in.PayerSex}
		err := a.Clients.CreateClient(ctx, &c)
		if err == nil {
			w.Header().Set("Location", "/api/v1/clients/"+c.ID)
		}
		return c, err
	})
}

// getClient answers one client; 404 also when the caller may not know the client exists.
func (a *API) getClient(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.Client, error) {
		return a.Clients.FindClientByID(ctx, r.PathValue("id"))
	})
}

// listClients answers the clients the caller may see; ?search=, ?limit= and ?offset= narrow it.
// The search term travels in the query string of an authenticated API call only; it is never
// logged or audited.
func (a *API) listClients(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (clientList, error) {
		var f carepath.ClientFilter
		q := r.URL.Query()
		if s := q.Get("search"); s != "" {
			f.Search = &s
		}
		if s := q.Get("primary_clinician_id"); s != "" {
			f.PrimaryClinicianID = &s
		}
		if err := limitOffset(q, &f.Limit, &f.Offset); err != nil {
			return clientList{}, err
		}
		list, total, err := a.Clients.FindClients(ctx, f)
		return clientList{Clients: list, Total: total}, err
	})
}

// updateClient changes the fields given; the body's version must be the client's current one,
// or nothing changes and the answer is 409.
func (a *API) updateClient(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, u carepath.ClientUpdate) (*carepath.Client, error) {
		return a.Clients.UpdateClient(ctx, r.PathValue("id"), u)
	})
}
