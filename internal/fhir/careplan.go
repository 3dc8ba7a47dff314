package fhir

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// planState is what a plan version is among the client's versions: a draft, the signed plan
// in force (the latest signed), or a signed plan a later one replaced.
func planState(p *carepath.TreatmentPlan, versions []*carepath.TreatmentPlan) (state string, replacedBy int) {
	if p.Status == carepath.TreatmentPlanDraft {
		return "draft", 0
	}
	for _, v := range versions {
		if v.Status == carepath.TreatmentPlanSigned && v.Version > p.Version && (replacedBy == 0 || v.Version < replacedBy) {
			replacedBy = v.Version
		}
	}
	if replacedBy > 0 {
		return "revoked", replacedBy
	}
	return "active", 0
}

// CarePlan maps one version of a treatment plan (versions are all of the client's, for its
// status and the version it replaces): a draft is "draft", the latest signed version "active",
// a signed version a later one replaced "revoked". Problems are addressed by their statement,
// goals are Goal resources, interventions are activities toward their objective's goal. The
// review date is the review-date extension. meta follows the version's revision.
func CarePlan(p *carepath.TreatmentPlan, versions []*carepath.TreatmentPlan) *r4.CarePlan {
	state, _ := planState(p, versions)
	cp := &r4.CarePlan{
		Base: r4.Base{ResourceType: "CarePlan", ID: p.ID, Meta: meta(p.Revision, p.UpdatedAt, profileCarePlan),
			Extension: []r4.Extension{{URL: extReviewDate, ValueDate: p.ReviewDate}}},
		Status:   state,
		Intent:   "plan",
		Category: []r4.CodeableConcept{*r4.Concept(sysCarePlanCategory, "assess-plan", "Assessment and Plan of Treatment", "")},
		Title:    fmt.Sprintf("Treatment plan, version %d", p.Version),
		Subject:  *r4.Ref("Patient", p.ClientID),
		Created:  r4.Instant(p.CreatedAt),
		Author:   r4.Ref("Practitioner", p.CreatedBy),
	}
	if p.SignedBy != "" {
		cp.Author = r4.Ref("Practitioner", p.SignedBy)
	}
	for _, v := range versions {
		if v.Version == p.Version-1 {
			cp.Replaces = []r4.Reference{*r4.Ref("CarePlan", v.ID)}
		}
	}
	activity := map[string]string{"draft": "not-started", "active": "in-progress", "revoked": "stopped"}[state]
	var lines []string
	for i, pr := range p.Problems {
		cp.Addresses = append(cp.Addresses, r4.Reference{Display: pr.Statement})
		lines = append(lines, "Problem: "+pr.Statement)
		for j, g := range pr.Goals {
			ref := r4.Ref("Goal", goalID(p.ID, i, j))
			cp.Goal = append(cp.Goal, *ref)
			lines = append(lines, "Goal: "+g.Statement)
			for _, o := range g.Objectives {
				lines = append(lines, "Objective (by "+o.TargetDate+"): "+o.Statement)
				for _, iv := range o.Interventions {
					d := &r4.CarePlanDetail{Code: r4.Concept(sysIntervention, string(iv.Kind), "", interventionName(iv.Kind)),
						Goal: []r4.Reference{*ref}, Status: activity, ScheduledString: iv.Frequency, Description: iv.Description}
					cp.Activity = append(cp.Activity, r4.CarePlanActivity{Detail: d})
				}
			}
		}
	}
	var nl [][2]string
	for _, l := range lines {
		label, value, _ := strings.Cut(l, ": ")
		nl = append(nl, [2]string{label, value})
	}
	nl = append(nl, [2]string{"Review date", p.ReviewDate})
	cp.Text = narrative(cp.Title+" ("+state+")", nl...)
	return cp
}

// interventionName is the plain name of an intervention kind.
func interventionName(k carepath.InterventionKind) string {
	return map[carepath.InterventionKind]string{
		carepath.InterventionCBT: "Cognitive behavioral therapy", carepath.InterventionDBT: "Dialectical behavior therapy",
		carepath.InterventionMI: "Motivational interviewing", carepath.InterventionMAT: "Medication for addiction treatment",
		carepath.InterventionRelapsePrevention: "Relapse prevention", carepath.InterventionFamilyTherapy: "Family therapy",
		carepath.InterventionLifeSkills: "Life skills", carepath.InterventionOther: "Other",
	}[k]
}

// Goals maps the goals of one plan version: each with its statement (and the person's own
// words as a note), the problem it addresses, and its objectives as targets with due dates.
// A draft's goals are "proposed", the plan in force's "active", a replaced version's
// "cancelled" with the reason. meta follows the plan version's revision.
func Goals(p *carepath.TreatmentPlan, versions []*carepath.TreatmentPlan) []*r4.Goal {
	state, replacedBy := planState(p, versions)
	status := map[string]string{"draft": "proposed", "active": "active", "revoked": "cancelled"}[state]
	var out []*r4.Goal
	for i, pr := range p.Problems {
		for j, g := range pr.Goals {
			goal := &r4.Goal{
				Base:            r4.Base{ResourceType: "Goal", ID: goalID(p.ID, i, j), Meta: meta(p.Revision, p.UpdatedAt, profileGoal)},
				LifecycleStatus: status,
				Description:     r4.CodeableConcept{Text: g.Statement},
				Subject:         *r4.Ref("Patient", p.ClientID),
				StartDate:       p.CreatedAt.UTC().Format(carepath.DateLayout),
				Addresses:       []r4.Reference{{Display: pr.Statement}},
			}
			if replacedBy > 0 {
				goal.StatusReason = fmt.Sprintf("Version %d of the treatment plan replaced this one.", replacedBy)
			}
			if g.InOwnWords != "" {
				goal.Note = []r4.Annotation{{Text: "In the person's own words: " + g.InOwnWords}}
			}
			for _, o := range g.Objectives {
				goal.Target = append(goal.Target, r4.GoalTarget{DetailString: o.Statement, DueDate: o.TargetDate})
			}
			out = append(out, goal)
		}
	}
	return out
}

// carePlanType serves treatment plans, one CarePlan per version.
func carePlanType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.CarePlan).Subject.Reference) }
	return &resourceType{
		name: "CarePlan", profile: profileCarePlan,
		doc: "Treatment plans, one per version: problems, goals (Goal), interventions, status (draft, active, revoked when a later version replaced it).",
		params: append(patientParams("CarePlan", true, owner),
			statusParam("CarePlan", sysCarePlanStatus, func(r r4.Resource) string { return r.(*r4.CarePlan).Status }),
			&param{name: "category", kind: kindToken, definition: hl7Param("CarePlan", "category"), doc: "assess-plan.",
				codes: func(r r4.Resource) []search.Code { cp := r.(*r4.CarePlan); return codesOf(&cp.Category[0]) }},
			&param{name: "date", kind: kindDate, definition: hl7Param("clinical", "date"), doc: "When the version was started (created).",
				spans: func(r r4.Resource, loc *time.Location) []search.Span { return spans(loc, r.(*r4.CarePlan).Created) }}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			p, versions, err := planWithVersions(ctx, h, id)
			if err != nil {
				return nil, err
			}
			return CarePlan(p, versions), nil
		},
		search: byPatient(func(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
			versions, err := h.svc.Plans.FindPlans(ctx, clientID)
			if err != nil {
				return nil, err
			}
			var out []r4.Resource
			for _, p := range versions {
				out = append(out, CarePlan(p, versions))
			}
			return out, nil
		}),
	}
}

// goalType serves the goals of treatment plans.
func goalType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.Goal).Subject.Reference) }
	return &resourceType{
		name: "Goal", profile: profileGoal,
		doc: "The goals of each treatment plan version, with objectives as targets and due dates. Ids are <CarePlan id>.<problem>.<goal>.",
		params: append(patientParams("Goal", true, owner),
			&param{name: "lifecycle-status", kind: kindToken, definition: hl7Param("Goal", "lifecycle-status"),
				doc: "proposed, active or cancelled.", codes: func(r r4.Resource) []search.Code {
					return []search.Code{{System: sysGoalStatus, Code: r.(*r4.Goal).LifecycleStatus}}
				}},
			&param{name: "target-date", kind: kindDate, definition: hl7Param("Goal", "target-date"), doc: "An objective's due date.",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					var out []search.Span
					for _, t := range r.(*r4.Goal).Target {
						out = append(out, spans(loc, t.DueDate)...)
					}
					return out
				}}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			planID, _, _, ok := splitGoalID(id)
			if !ok {
				return nil, notFound("Goal", id)
			}
			p, versions, err := planWithVersions(ctx, h, planID)
			if err != nil {
				return nil, err
			}
			for _, g := range Goals(p, versions) {
				if g.ID == id {
					return g, nil
				}
			}
			return nil, notFound("Goal", id)
		},
		search: byPatient(func(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
			versions, err := h.svc.Plans.FindPlans(ctx, clientID)
			if err != nil {
				return nil, err
			}
			var out []r4.Resource
			for _, p := range versions {
				for _, g := range Goals(p, versions) {
					out = append(out, g)
				}
			}
			return out, nil
		}),
	}
}

// planWithVersions reads plan id and every version of its client's plan.
func planWithVersions(ctx context.Context, h *Handler, id string) (*carepath.TreatmentPlan, []*carepath.TreatmentPlan, error) {
	p, err := h.svc.Plans.FindPlanByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	versions, err := h.svc.Plans.FindPlans(ctx, p.ClientID)
	if err != nil {
		return nil, nil, err
	}
	return p, versions, nil
}
