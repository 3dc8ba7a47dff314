package fhir

import (
	"context"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
	"github.com/carepath/carepath/internal/fhir/search"
)

// Practitioner maps a staff member. carepath keeps one name per staff member, given as text;
// staff accounts keep no version or time of change, so meta is left out.
func Practitioner(s *carepath.Staff) *r4.Practitioner {
	return &r4.Practitioner{
		Base:       r4.Base{ResourceType: "Practitioner", ID: s.ID},
		Identifier: []r4.Identifier{{System: sysStaffID, Value: s.ID}},
		Active:     r4.Bool(!s.Disabled),
		Name:       []r4.HumanName{{Text: s.Name}},
		Telecom:    []r4.ContactPoint{{System: "email", Value: s.Email, Use: "work"}},
	}
}

// Organization maps the clinic, named name. It has no record of its own, and so no meta.
func Organization(name string) *r4.Organization {
	return &r4.Organization{
		Base:   r4.Base{ResourceType: "Organization", ID: organizationID},
		Active: r4.Bool(true),
		Type:   []r4.CodeableConcept{*r4.Concept(sysOrganizationType, "prov", "Healthcare Provider", "")},
		Name:   name,
	}
}

// HealthcareService maps a program with its details: the level of care as its type (with the
// public ASAM level number and the weekly hours), the minimum weekly hours as a
// characteristic, and each track as the times the program is available, in its time zone.
// meta follows the version of the program's details.
func HealthcareService(p *carepath.Program, d *carepath.ProgramDetails) *r4.HealthcareService {
	updated, version := p.CreatedAt, 1
	if d != nil {
		version = d.Version
		if !d.UpdatedAt.IsZero() {
			updated = d.UpdatedAt
		}
	}
	hs := &r4.HealthcareService{
		Base:       r4.Base{ResourceType: "HealthcareService", ID: p.ID, Meta: meta(version, updated, "")},
		Active:     r4.Bool(true),
		ProvidedBy: r4.Ref("Organization", organizationID),
		Category:   []r4.CodeableConcept{{Text: "Behavioral health"}},
		Type:       []r4.CodeableConcept{*levelConcept(p.Level)},
		Name:       p.Name,
		Comment:    "Times are in " + p.TimeZone + ".",
		Characteristic: []r4.CodeableConcept{{Text: "At least " + hoursText(p.MinHoursPerWeek) + " hours a week (" +
			p.Level.HoursText() + ")"}},
	}
	if n := p.Level.ASAMLevel(); n != "" {
		hs.Program = []r4.CodeableConcept{{Text: "ASAM level " + n}}
	}
	if d != nil {
		for _, t := range d.Tracks {
			hs.AvailableTime = append(hs.AvailableTime, r4.AvailableTime{DaysOfWeek: t.Days,
				AvailableStartTime: t.StartTime + ":00", AvailableEndTime: t.EndTime + ":00"})
		}
	}
	return hs
}

// levelConcept codes a level of care.
func levelConcept(l carepath.Level) *r4.CodeableConcept {
	return r4.Concept(sysLevel, string(l), l.Name(), l.Name())
}

func hoursText(h float64) string {
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(h, 'f', 2, 64), "0"), ".")
	if s == "" {
		return "0"
	}
	return s
}

// practitionerType serves Practitioner from the staff directory, which every staff role but
// the reviewer may read.
func practitionerType() *resourceType {
	t := &resourceType{
		name: "Practitioner", doc: "Staff members: name, work email and whether the account is active.",
		params: []*param{
			{name: "name", kind: kindString, definition: hl7Param("Practitioner", "name"), doc: "A part of the name that starts with the value.",
				texts: func(r r4.Resource) []string { return strings.Fields(r.(*r4.Practitioner).Name[0].Text) }},
			{name: "identifier", kind: kindToken, definition: hl7Param("Practitioner", "identifier"), doc: "The staff id.",
				codes: func(r r4.Resource) []search.Code { return []search.Code{{System: sysStaffID, Code: r.ResourceID()}} }},
			{name: "active", kind: kindToken, definition: hl7Param("Practitioner", "active"), doc: "true or false.",
				codes: func(r r4.Resource) []search.Code {
					return []search.Code{{Code: boolText(*r.(*r4.Practitioner).Active)}}
				}},
		},
	}
	load := func(ctx context.Context, h *Handler) ([]r4.Resource, error) {
		list, err := h.svc.Staff.FindStaff(ctx, carepath.StaffFilter{})
		if err != nil {
			return nil, err
		}
		out := make([]r4.Resource, len(list))
		for i, s := range list {
			out[i] = Practitioner(s)
		}
		return out, nil
	}
	t.search = listAll(load)
	t.read = func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
		all, err := load(ctx, h)
		if err != nil {
			return nil, err
		}
		for _, r := range all {
			if r.ResourceID() == id {
				return r, nil
			}
		}
		return nil, notFound("Practitioner", id)
	}
	return t
}

// organizationType serves the one Organization, the clinic.
func organizationType() *resourceType {
	load := func(ctx context.Context, h *Handler) ([]r4.Resource, error) {
		return []r4.Resource{Organization(h.opt.OrganizationName)}, nil
	}
	return &resourceType{
		name: "Organization", doc: "The clinic, id " + organizationID + ".",
		params: []*param{{name: "name", kind: kindString, definition: hl7Param("Organization", "name"), doc: "The name.",
			texts: func(r r4.Resource) []string { return strings.Fields(r.(*r4.Organization).Name) }}},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			if id != organizationID {
				return nil, notFound("Organization", id)
			}
			return Organization(h.opt.OrganizationName), nil
		},
		search: listAll(load),
	}
}

// healthcareServiceType serves the programs.
func healthcareServiceType() *resourceType {
	one := func(ctx context.Context, h *Handler, p *carepath.Program) (r4.Resource, error) {
		d, err := h.svc.Programs.FindProgramDetails(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		return HealthcareService(p, d), nil
	}
	return &resourceType{
		name: "HealthcareService", doc: "Programs: level of care, minimum weekly hours and the tracks' days and times.",
		params: []*param{
			{name: "name", kind: kindString, definition: hl7Param("HealthcareService", "name"), doc: "The program's name starts with the value.",
				texts: func(r r4.Resource) []string { return []string{r.(*r4.HealthcareService).Name} }},
			{name: "service-type", kind: kindToken, definition: hl7Param("HealthcareService", "service-type"),
				doc: "The level of care (" + sysLevel + "|iop).",
				codes: func(r r4.Resource) []search.Code {
					hs := r.(*r4.HealthcareService)
					return codesOf(&hs.Type[0])
				}},
		},
		read: func(ctx context.Context, h *Handler, id string) (r4.Resource, error) {
			p, err := h.svc.Programs.FindProgramByID(ctx, id)
			if err != nil {
				return nil, err
			}
			return one(ctx, h, p)
		},
		search: listAll(func(ctx context.Context, h *Handler) ([]r4.Resource, error) {
			list, err := h.svc.Programs.FindPrograms(ctx)
			if err != nil {
				return nil, err
			}
			var out []r4.Resource
			for _, p := range list {
				r, err := one(ctx, h, p)
				if err != nil {
					return nil, err
				}
				out = append(out, r)
			}
			return out, nil
		}),
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
