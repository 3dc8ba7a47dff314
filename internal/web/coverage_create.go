package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// coverageCreate records the posted coverage and goes back to the page, or shows it again
// with what was typed kept and each problem named next to its field (400).
func (s *Server) coverageCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	_ = r.ParseForm()
	v := r.PostForm
	f := coverageForm{PayerID: v.Get("payer_id"), Rank: v.Get("rank"), MemberID: v.Get("member_id"), GroupID: v.Get("group_id"),
		SubscriberName: v.Get("subscriber_name"), Relationship: v.Get("relationship"), PlanYearStart: v.Get("plan_year_start"),
		Deductible: v.Get("deductible"), DeductibleMet: v.Get("deductible_met"), Coinsurance: v.Get("coinsurance"),
		Copay: v.Get("copay"), OOPMax: v.Get("oop_max"), OOPMet: v.Get("oop_met"), OutOfNetwork: v.Get("out_of_network") == "yes",
		Line1: v.Get("line1"), City: v.Get("city"), State: v.Get("state"), Zip: v.Get("zip"), MedicareSecondaryType: v.Get("medicare_secondary_type")}
	errs := map[string]string{}
	in := f.input(errs)
	id := r.PathValue("id")
	var err error
	if len(errs) == 0 {
		_, err = s.Coverages.AddCoverage(r.Context(), id, in)
	}
	switch {
	case len(errs) == 0 && err == nil:
		http.Redirect(w, r, "/staff/clients/"+id+"/coverage", http.StatusSeeOther)
	case len(errs) > 0 || isInvalid(err):
		for _, fe := range carepath.ErrorFields(err) {
			for _, cf := range coverageFields {
				if cf.path == fe.Field {
					if _, dup := errs[cf.id]; !dup {
						errs[cf.id] = fe.Message
					}
				}
			}
		}
		s.renderCoverageList(w, r, http.StatusBadRequest, f, errs)
	default:
		s.fail(w, r, "add coverage", err, chartErrors)
	}
}
