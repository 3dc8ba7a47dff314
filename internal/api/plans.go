package api

import (
	"net/http"

	"github.com/carepath/carepath"
)

// planList is the answer of GET /api/v1/clients/{id}/plans: every version, newest first.
type planList struct {
	Plans []*carepath.Plan `json:"plans"`
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
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.PlanInput
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	p, err := a.Plans.CreatePlan(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	w.Header().Set("Location", "/api/v1/plans/"+p.ID)
	WriteJSON(w, http.StatusCreated, p)
}

// listPlans answers every version of the path's client's plan, newest first.
func (a *API) listPlans(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	list, err := a.Plans.FindPlans(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, planList{Plans: list})
}

// getPlan answers one plan.
func (a *API) getPlan(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	p, err := a.Plans.FindPlanByID(ctx, r.PathValue("id"))
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, p)
}

// updatePlan replaces a draft's content and answers 200 with it; a stale revision or a signed
// plan is 409 and changes nothing.
func (a *API) updatePlan(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in carepath.PlanDraftUpdate
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	p, err := a.Plans.UpdateDraft(ctx, r.PathValue("id"), in)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, p)
}

// signPlan signs a draft at the given revision and answers 200 with it.
func (a *API) signPlan(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in signBody
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	p, err := a.Plans.SignPlan(ctx, r.PathValue("id"), in.Revision)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, p)
}

// acknowledgePlan records the client's acknowledgement of a signed plan and answers 200 with it.
func (a *API) acknowledgePlan(w http.ResponseWriter, r *http.Request) {
	ctx, err := a.authenticate(r)
	if err != nil {
		a.writeAuthError(w, r, err)
		return
	}
	var in acknowledgeBody
	if err := decodeJSON(w, r, &in); err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	p, err := a.Plans.AcknowledgePlan(ctx, r.PathValue("id"), in.How)
	if err != nil {
		WriteError(w, r, a.Log, err)
		return
	}
	WriteJSON(w, http.StatusOK, p)
}
