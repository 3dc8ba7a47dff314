package web

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// The text fields of the safety plan form (one entry a line) and its contact fields (rows of
// name and phone), by the names the API gives them.
var (
	planTextFields    = []string{"warning_signs", "coping_strategies", "distraction_places", "safe_environment"}
	planContactFields = []string{"distraction_people", "help_contacts", "professionals"}
)

// readSafetyPlanForm reads the posted plan.
func readSafetyPlanForm(r *http.Request) carepath.SafetyPlanInput {
	f := r.PostForm
	lines := func(name string) []string { return strings.Split(strings.ReplaceAll(f.Get(name), "\r\n", "\n"), "\n") }
	contacts := func(name string) []carepath.SafetyContactLine {
		var out []carepath.SafetyContactLine
		for i := 0; i < 2*carepath.MaxSafetyPlanLines; i++ {
			n, p := f.Get(name+"-"+strconv.Itoa(i)+"-name"), f.Get(name+"-"+strconv.Itoa(i)+"-phone")
			if f.Has(name+"-"+strconv.Itoa(i)+"-name") || f.Has(name+"-"+strconv.Itoa(i)+"-phone") {
				out = append(out, carepath.SafetyContactLine{Name: n, Phone: p})
			}
		}
		return out
	}
	base, _ := strconv.Atoi(f.Get("base_version"))
	return carepath.SafetyPlanInput{BaseVersion: base, WarningSigns: lines("warning_signs"), CopingStrategies: lines("coping_strategies"),
		DistractionPeople: contacts("distraction_people"), DistractionPlaces: lines("distraction_places"),
		HelpContacts: contacts("help_contacts"), Professionals: contacts("professionals"), SafeEnvironment: lines("safe_environment"),
		ReasonForLiving: f.Get("reason_for_living"), WrittenWithClient: f.Get("written_with_client") == "yes"}
}

// safetyPlanForm builds the form from a plan input (what was typed, or the current version).
func safetyPlanForm(who signedIn, c *carepath.Client, in carepath.SafetyPlanInput, errs map[string]string) safetyPlanFormView {
	v := safetyPlanFormView{page: page{Title: "Write the safety plan"}, Who: who, Client: c, BaseVersion: in.BaseVersion,
		WithClient: in.WrittenWithClient, Errors: errs,
		Text: map[string]string{"warning_signs": strings.Join(in.WarningSigns, "\n"), "coping_strategies": strings.Join(in.CopingStrategies, "\n"),
			"distraction_places": strings.Join(in.DistractionPlaces, "\n"), "safe_environment": strings.Join(in.SafeEnvironment, "\n"),
			"reason_for_living": in.ReasonForLiving},
		Contacts: map[string][]contactRow{"distraction_people": contactRows("distraction_people", in.DistractionPeople),
			"help_contacts": contactRows("help_contacts", in.HelpContacts), "professionals": contactRows("professionals", in.Professionals)}}
	for field, rows := range v.Contacts {
		for i := range rows {
			p := field + "[" + strconv.Itoa(i) + "]"
			rows[i].NameErr, rows[i].PhoneErr = errs[p+".name"], errs[p+".phone"]
		}
	}
	keys := slices.Sorted(maps.Keys(errs))
	for _, field := range append(append(append([]string{}, planTextFields...), planContactFields...), "reason_for_living", "written_with_client") {
		for _, k := range keys {
			msg := errs[k]
			if k == field || strings.HasPrefix(k, field+"[") {
				anchor := "plan-" + field
				if strings.HasPrefix(k, field+"[") && strings.Contains(k, "].") {
					i, _, _ := strings.Cut(strings.TrimPrefix(k, field+"["), "]")
					anchor = field + "-" + i + "-" + strings.TrimPrefix(k[strings.Index(k, "].")+2:], "")
				}
				v.Summary = append(v.Summary, errorLink{anchor, msg})
			}
		}
	}
	return v
}

// inputOf is the form's starting point for a new version of plan p.
func inputOf(p *carepath.SafetyPlan) carepath.SafetyPlanInput {
	return carepath.SafetyPlanInput{BaseVersion: p.Version, WarningSigns: p.WarningSigns, CopingStrategies: p.CopingStrategies,
		DistractionPeople: p.DistractionPeople, DistractionPlaces: p.DistractionPlaces, HelpContacts: p.HelpContacts,
		Professionals: p.Professionals, SafeEnvironment: p.SafeEnvironment, ReasonForLiving: p.ReasonForLiving}
}
