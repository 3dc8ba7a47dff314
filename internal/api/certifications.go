package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// addCertification records a physician certification (or recertification) of the episode
// and answers 201 with it.
func (a *API) addCertification(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.CertificationInput) (*carepath.Certification, error) {
		return a.Certifications.AddCertification(ctx, r.PathValue("id"), in)
	})
}

// certificationList is the answer of GET /api/v1/episodes/{id}/certifications.
type certificationList struct {
	Certifications []*carepath.Certification `json:"certifications"`
}

// listCertifications answers the episode's physician certifications by date.
func (a *API) listCertifications(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (certificationList, error) {
		list, err := a.Certifications.FindCertifications(ctx, r.PathValue("id"))
		return certificationList{Certifications: list}, err
	})
}

// certificationAlertList is the answer of GET /api/v1/certification-alerts.
type certificationAlertList struct {
	Alerts []*carepath.CertificationAlert `json:"alerts"`
}

// listCertificationAlerts answers the physician certification alerts (missing, due soon,
// overdue) of the open Medicare IOP episodes of the caller's clients.
func (a *API) listCertificationAlerts(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (certificationAlertList, error) {
		list, err := a.Certifications.FindCertificationAlerts(ctx)
		return certificationAlertList{Alerts: list}, err
	})
}
