package fhir

import (
	"context"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// EpisodeOfCare maps an episode of care. Its type is the current level of care; its status
// history holds one "active" entry per stay at a level (the level in the level-of-care
// extension), from admission through each step up or down, and a "finished" entry from the
// discharge. Periods are civil dates in the program's time zone, a stay ending the day before
// the next begins. The program is named by the program extension, the discharge reason by its
// own extension. meta follows the episode's version.
func EpisodeOfCare(e *carepath.Episode) *r4.EpisodeOfCare {
	eoc := &r4.EpisodeOfCare{
		Base: r4.Base{ResourceType: "EpisodeOfCare", ID: e.ID, Meta: meta(e.Version, e.UpdatedAt, ""),
			Extension: []r4.Extension{{URL: extProgram, ValueReference: r4.Ref("HealthcareService", e.ProgramID)}}},
		Status:               "active",
		Type:                 []r4.CodeableConcept{*levelConcept(e.Level)},
		Patient:              *r4.Ref("Patient", e.ClientID),
		ManagingOrganization: r4.Ref("Organization", organizationID),
		Period:               &r4.Period{Start: e.AdmittedOn, End: e.DischargedOn},
	}
	level, from := e.Level, e.AdmittedOn
	if len(e.Transfers) > 0 {
		level = e.Transfers[0].FromLevel
	}
	stay := func(l carepath.Level, start, end string) {
		eoc.StatusHistory = append(eoc.StatusHistory, r4.EpisodeStatusHistory{
			Extension: []r4.Extension{{URL: extLevel, ValueCoding: &levelConcept(l).Coding[0]}},
			Status:    "active", Period: r4.Period{Start: start, End: end}})
	}
	for _, t := range e.Transfers {
		stay(level, from, dayBefore(t.On, from))
		level, from = t.ToLevel, t.On
	}
	if e.Status == carepath.EpisodeDischarged {
		stay(level, from, e.DischargedOn)
		eoc.Status = "finished"
		eoc.StatusHistory = append(eoc.StatusHistory, r4.EpisodeStatusHistory{Status: "finished", Period: r4.Period{Start: e.DischargedOn}})
		if e.DischargeReason != "" {
			eoc.Extension = append(eoc.Extension, r4.Extension{URL: extDischarge,
				ValueCoding: &r4.Coding{System: sysDischarge, Code: string(e.DischargeReason)}})
		}
	} else {
		stay(level, from, "")
	}
	return eoc
}

// dayBefore returns the civil date before d, but not before floor.
func dayBefore(d, floor string) string {
	t, err := time.Parse(carepath.DateLayout, d)
	if err != nil {
		return d
	}
	prev := t.AddDate(0, 0, -1).Format(carepath.DateLayout)
	if prev < floor {
		return floor
	}
	return prev
}

// episodeOfCareType serves EpisodeOfCare by client and by id.
func episodeOfCareType() *resourceType {
	owner := func(r r4.Resource) string { return refID(r.(*r4.EpisodeOfCare).Patient.Reference) }
	return &resourceType{
		name: "EpisodeOfCare", doc: "Episodes of care: program, level of care and its history (step up, step down), admission and discharge.",
		params: append(patientParams("EpisodeOfCare", false, owner),
			statusParam("EpisodeOfCare", sysEpisodeStatus, func(r r4.Resource) string { return r.(*r4.EpisodeOfCare).Status }),
			&param{name: "type", kind: kindToken, definition: hl7Param("EpisodeOfCare", "type"),
				doc: "The current level of care (" + sysLevel + "|iop).",
				codes: func(r r4.Resource) []search.Code {
					e := r.(*r4.EpisodeOfCare)
					return codesOf(&e.Type[0])
				}},
			&param{name: "date", kind: kindDate, definition: hl7Param("clinical", "date"),
				doc: "The episode's period, admission to discharge (open while it lasts).",
				spans: func(r r4.Resource, loc *time.Location) []search.Span {
					p := r.(*r4.EpisodeOfCare).Period
					if sp, ok := search.PeriodSpan(p.Start, p.End, loc); ok {
						return []search.Span{sp}
					}
					return nil
				}}),
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			e, err := h.svc.Episodes.FindEpisodeByID(ctx, id)
			if err != nil {
				return nil, err
			}
			return EpisodeOfCare(e), nil
		},
		search: byPatient(func(ctx context.Context, h *Handler, clientID string) ([]r4.Resource, error) {
			list, err := h.svc.Episodes.FindEpisodes(ctx, clientID)
			if err != nil {
				return nil, err
			}
			out := make([]r4.Resource, len(list))
			for i, e := range list {
				out[i] = EpisodeOfCare(e)
			}
			return out, nil
		}),
	}
}

// refID returns the id of a "Type/id" reference.
func refID(ref string) string {
	for i := len(ref) - 1; i >= 0; i-- {
		if ref[i] == '/' {
			return ref[i+1:]
		}
	}
	return ref
}
