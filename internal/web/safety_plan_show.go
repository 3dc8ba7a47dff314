package web

import (
	"net/http"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// safetyPlanShow shows the client's safety plan (a version with ?version=N), ready to print,
// with its history and the ways to hand it to the client.
func (s *Server) safetyPlanShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.SafetyPlan, access.Read) {
		s.deny(w, r, safetyPlanErrors)
		return
	}
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	version, _ := strconv.Atoi(r.URL.Query().Get("version"))
	v, err := s.safetyPlanPage(r, who, c, version)
	if err != nil {
		s.fail(w, r, "safety plan", err, safetyPlanErrors)
		return
	}
	switch r.URL.Query().Get("plan") {
	case "saved":
		v.Notice = "The safety plan was saved as a new version."
	case "sent":
		v.Notice = "The link to the safety plan was emailed to the client."
	case "logged":
		v.Notice = "The link was made but not emailed: carepath has no mail server configured."
	}
	s.render(w, r, http.StatusOK, "safety_plan", v)
}

// safetyPlanPage reads what the safety plan page shows: the plan at version (the latest when
// 0), its versions, and whether the link can be emailed.
func (s *Server) safetyPlanPage(r *http.Request, who signedIn, c *carepath.Client, version int) (safetyPlanShowView, error) {
	v := safetyPlanShowView{page: page{Title: "Safety plan"}, Who: who, Client: c,
		CanEdit:  access.Allowed(who.Role, access.SafetyPlan, access.Create),
		CanEmail: c.Email != "" && c.EmailConsent && s.Delivery.Email}
	switch {
	case c.Email == "":
		v.NoEmail = "The client's chart has no email address."
	case !c.EmailConsent:
		v.NoEmail = "The client has not consented to contact by email (record it on the client's details)."
	case !s.Delivery.Email:
		v.NoEmail = "carepath has no mail server configured."
	}
	versions, err := s.SafetyPlans.FindSafetyPlanVersions(r.Context(), c.ID)
	if err != nil {
		return v, err
	}
	if len(versions) == 0 {
		return v, nil
	}
	v.Latest = versions[0].Version
	if version <= 0 || version > v.Latest {
		version = v.Latest
	}
	if v.Plan, err = s.SafetyPlans.FindSafetyPlan(r.Context(), c.ID, version); err != nil {
		return v, err
	}
	v.Steps = planSteps(v.Plan)
	ids := []string{v.Plan.CreatedBy}
	for _, pv := range versions {
		ids = append(ids, pv.CreatedBy)
	}
	names := s.staffNames(r, ids...)
	v.By = names[0]
	zone := s.viewerZone(r)
	for i, pv := range versions {
		v.Versions = append(v.Versions, planVersionRow{Version: pv.Version, By: names[i+1], When: instantText(pv.CreatedAt, zone),
			Link: "/staff/clients/" + c.ID + "/safety-plan?version=" + strconv.Itoa(pv.Version), Current: pv.Version == v.Latest, Showing: pv.Version == version})
	}
	return v, nil
}
