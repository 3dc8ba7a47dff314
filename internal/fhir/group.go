package fhir

import (
	"context"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// groupTypeNames are the plain names of the group types.
var groupTypeNames = map[string]string{"process": "Process group", "psychoeducation": "Psychoeducation group",
	"skills": "Skills group", "relapse_prevention": "Relapse prevention group", "family": "Family group"}

// Group maps a therapy group and its dated roster on the civil date today: each stay on the
// roster is a member whose period ends the day before they left, inactive once they have left.
// quantity counts the members today. The program is a characteristic, the first facilitator
// the managing entity. Groups keep no version or time of change, so meta is left out.
func Group(g *carepath.Group, today string) *r4.Group {
	out := &r4.Group{
		Base:   r4.Base{ResourceType: "Group", ID: g.ID},
		Active: r4.Bool(g.EndDate == "" || g.EndDate >= today),
		Type:   "person", Actual: true,
		Code: r4.Concept(sysGroupType, g.Type, groupTypeNames[g.Type], groupTypeNames[g.Type]),
		Name: g.Name,
		Characteristic: []r4.GroupCharacteristic{{Code: r4.CodeableConcept{Text: "Program"},
			ValueReference: r4.Ref("HealthcareService", g.ProgramID)}},
	}
	if len(g.FacilitatorIDs) > 0 {
		out.ManagingEntity = r4.Ref("Practitioner", g.FacilitatorIDs[0])
	}
	now := 0
	for _, m := range g.Members {
		gm := r4.GroupMember{Entity: *r4.Ref("Patient", m.ClientID), Period: &r4.Period{Start: m.From}}
		if m.Until != "" {
			gm.Period.End = dayBefore(m.Until, m.From)
			gm.Inactive = r4.Bool(m.Until <= today)
		}
		if m.From <= today && (m.Until == "" || today < m.Until) {
			now++
		}
		out.Member = append(out.Member, gm)
	}
	out.Quantity = r4.Integer(now)
	return out
}

// groupType serves the groups of every program.
func groupType() *resourceType {
	return &resourceType{
		name: "Group", doc: "Therapy groups (process, psychoeducation, skills, relapse prevention, family) and their dated rosters.",
		params: []*param{
			{name: "member", kind: kindReference, target: "Patient", definition: hl7Param("Group", "member"),
				doc: "A client ever on the roster.", refs: func(r r4.Resource) []string {
					var out []string
					for _, m := range r.(*r4.Group).Member {
						out = append(out, m.Entity.Reference)
					}
					return out
				}},
			{name: "code", kind: kindToken, definition: hl7Param("Group", "code"), doc: "The group type (" + sysGroupType + "|process).",
				codes: func(r r4.Resource) []search.Code { return codesOf(r.(*r4.Group).Code) }},
			{name: "name", kind: kindString, doc: "The group's name starts with the value.",
				texts: func(r r4.Resource) []string { return []string{r.(*r4.Group).Name} }},
		},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			g, err := h.svc.Groups.FindGroupByID(ctx, id)
			if err != nil {
				return nil, err
			}
			return Group(g, h.today()), nil
		},
		search: listAll(func(ctx context.Context, h *Handler) ([]r4.Resource, error) {
			programs, err := h.svc.Programs.FindPrograms(ctx)
			if err != nil {
				return nil, err
			}
			var out []r4.Resource
			for _, p := range programs {
				groups, err := h.svc.Groups.FindGroups(ctx, p.ID)
				if err != nil {
					return nil, err
				}
				for _, g := range groups {
					out = append(out, Group(g, h.today()))
				}
			}
			return out, nil
		}),
	}
}

// today is the civil date now in the server's zone.
func (h *Handler) today() string { return h.opt.Now().In(h.opt.Zone).Format(carepath.DateLayout) }
