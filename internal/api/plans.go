package api

import (
	"context"
	"net/http"

	"github.com/carepath/carepath"
)

// planList is the answer of GET /api/v1/clients/{id}/plans: every version, newest first.
type planList struct {
	Plans []*carepath.TreatmentPlan `json:"plans"`
}

// signBody is the body of POST /api/v1/plans/{id}/sign.
type signBody struct {
	Revision int `json:"revision"`
}

// acknowledgeBody is the body of POST /api/v1/plans/{id}/acknowledge.
type acknowledgeBody struct {
	How carepath.AcknowledgementMethod `json:"how"`
}

// createPlan starts a draft plan for the path's client and answers 201 with it.
func (a *API) createPlan(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusCreated, func(ctx context.Context, in carepath.TreatmentPlanInput) (*carepath.TreatmentPlan, error) {
		p, err := a.TreatmentPlans.CreatePlan(ctx, r.PathValue("id"), in)
		if err == nil {
			w.Header().Set("Location", "/api/v1/plans/"+p.ID)
		}
		return p, err
	})
}

// listPlans answers every version of the path's client's plan, newest first.
func (a *API) listPlans(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (planList, error) {
		list, err := a.TreatmentPlans.FindPlans(ctx, r.PathValue("id"))
		return planList{Plans: list}, err
	})
}

// getPlan answers one plan.
func (a *API) getPlan(w http.ResponseWriter, r *http.Request) {
	serveJSON(a, w, r, http.StatusOK, func(ctx context.Context) (*carepath.TreatmentPlan, error) {
		return a.TreatmentPlans.FindPlanByID(ctx, r.PathValue("id"))
	})
}

// updatePlan replaces a draft's content and answers 200 with it; a stale revision or a signed
// plan is 409 and changes nothing.
func (a *API) updatePlan(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in carepath.TreatmentPlanDraftUpdate) (*carepath.TreatmentPlan, error) {
		return a.TreatmentPlans.UpdateDraft(ctx, r.PathValue("id"), in)
	})
}

// signPlan signs a draft at the given revision and answers 200 with it.
func (a *API) signPlan(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in signBody) (*carepath.TreatmentPlan, error) {
		return a.TreatmentPlans.SignPlan(ctx, r.PathValue("id"), in.Revision)
	})
}

// acknowledgePlan records the client's acknowledgement of a signed plan and answers 200 with it.
func (a *API) acknowledgePlan(w http.ResponseWriter, r *http.Request) {
	serveJSONBody(a, w, r, http.StatusOK, func(ctx context.Context, in acknowledgeBody) (*carepath.TreatmentPlan, error) {
		return a.TreatmentPlans.AcknowledgePlan(ctx, r.PathValue("id"), in.How)
	})
}
